// What a certificate file says, as far as revocation goes: read with
// OpenSSL 3 (libcrypto), from bytes a FileSystem returned. The one place in
// lib/ that knows OpenSSL; rules see only these structures.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "staplint/file_system.hpp"

namespace staplint {

struct CertificateInfo {
  /// The OCSP responder URLs of the Authority Information Access extension.
  std::vector<std::string> ocsp_urls;
};

struct CertificateFile {
  enum class Status { ok, missing, unreadable, not_pem };
  Status status = Status::missing;
  /// The certificates in file order: the leaf first, then its chain.
  std::vector<CertificateInfo> certificates;
};

/// Parses PEM certificates from `bytes` (any other PEM blocks, a private key
/// in the same file, are skipped). `not_pem` when none is found.
CertificateFile parse_certificates(const std::string& bytes);

/// The certificate files a configuration names, read once each through the
/// FileSystem (confined like every other read), by the path as resolved.
class CertificateStore {
 public:
  CertificateStore(const FileSystem& fs, std::size_t max_size) : fs_(fs), max_size_(max_size) {}
  /// `path` is absolute (resolved and mapped by the caller). Kernel paths
  /// (/proc, /sys, /dev) and anything but a regular file are never read.
  const CertificateFile& get(const std::string& path) const;

 private:
  const FileSystem& fs_;
  std::size_t max_size_;
  mutable std::map<std::string, CertificateFile> cache_;
};

class Node;

/// The certificate file a directive names (`ssl_certificate`,
/// `SSLCertificateFile`), read, or nullptr when it cannot be known: a
/// variable in the path, a path outside what may be read.
class CertificateLookup {
 public:
  virtual ~CertificateLookup() = default;
  virtual const CertificateFile* named_by(const Node& directive) const = 0;
};

/// The host of an `http://host[:port]/path` URL, without brackets for IPv6.
std::string url_host(std::string_view url);
/// `host` is an IPv4 or IPv6 literal: nothing to resolve.
bool is_ip_literal(const std::string& host);

}  // namespace staplint
