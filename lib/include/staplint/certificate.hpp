// What certificate, CRL and OCSP files say, as far as revocation goes: read
// with OpenSSL 3 (libcrypto), from bytes a FileSystem returned (or a TLS
// handshake received, for `staplint probe`). With probe_tls.cpp (libssl: the
// probe's handshakes), the only place in lib/ that knows OpenSSL; rules see
// only these structures, and the parsed objects they keep are opaque handles.
//
// Private keys are never decoded: the PEM splitter hands OpenSSL only the
// CERTIFICATE and X509 CRL blocks of a file, and keystores are read without
// opening their key entries.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "staplint/file_system.hpp"
#include "staplint/unix_time.hpp"

namespace staplint {

struct CertificateInfo {
  std::string subject;  ///< RFC 2253, non-ASCII and control bytes escaped
  std::string issuer;   ///< RFC 2253
  std::string serial;   ///< upper-case hex
  UnixTime not_before = 0;
  UnixTime not_after = 0;
  /// The OCSP responder URLs of the Authority Information Access extension.
  std::vector<std::string> ocsp_urls;
  /// The URIs of the CRL Distribution Points extension.
  std::vector<std::string> crl_urls;
  /// The TLS Feature extension (RFC 7633) asks for status_request: Must-Staple.
  bool must_staple = false;
  /// basicConstraints CA:TRUE.
  bool is_ca = false;
  /// Subject and issuer are the same name.
  bool self_issued = false;
  /// The parsed certificate (an X509), for issued_by and OCSP CertIDs.
  std::shared_ptr<const void> handle;
};

struct CrlInfo {
  std::string issuer;  ///< RFC 2253
  UnixTime this_update = 0;
  std::optional<UnixTime> next_update;
  std::shared_ptr<const void> handle;  ///< the parsed CRL (an X509_CRL)
};

struct CertificateFile {
  enum class Status { ok, missing, unreadable, not_pem };
  Status status = Status::missing;
  /// The certificates in file order: the leaf first, then its chain.
  std::vector<CertificateInfo> certificates;
  /// The CRLs (`X509 CRL` blocks) in file order.
  std::vector<CrlInfo> crls;
  /// More blocks than a file may hold were left unread.
  bool truncated = false;
  /// A keystore: how many of `certificates` (from the front) are the chain
  /// of the key entry used; the rest are trusted entries. For PEM files, all.
  std::size_t chain_length = 0;
  /// A keystore that was read, but whose certificates are encrypted with a
  /// password that did not open them (PKCS#12).
  bool wrong_password = false;
};

/// The most certificates plus CRLs read from one file (a system bundle holds
/// about 150).
inline constexpr std::size_t kMaxBlocksPerFile = 1024;

/// Parses the PEM certificates and CRLs in `bytes`. Other PEM blocks (a
/// private key in the same file) are skipped without being decoded.
/// `not_pem` when neither is found.
CertificateFile parse_certificates(const std::string& bytes);

/// Reads a Java keystore without opening any private key: JKS and JCEKS
/// (whose certificates are not encrypted; the password is not needed) or
/// PKCS#12 (whose certificate bags are usually encrypted with `password`;
/// key bags are skipped undecrypted). `certificates` holds the chain of the
/// key entry `alias` (the first key entry when empty), leaf first, then every
/// trusted-certificate entry; `not_pem` when the bytes are no keystore.
CertificateFile parse_keystore(const std::string& bytes, const std::string& password, const std::string& alias);

/// OpenSSL's legacy provider (RC2, for old PKCS#12 keystores) could be
/// loaded from the system (Debian's libssl3 installs it).
bool legacy_algorithms_available();

/// `child` names `parent` as its issuer, by name and key identifier (what
/// OpenSSL's X509_check_issued, and so nginx and httpd, look for).
bool issued_by(const CertificateInfo& child, const CertificateInfo& parent);
/// `crl` was issued by `ca`: its issuer is `ca`'s subject (how OpenSSL finds
/// the CRL of a CA).
bool crl_issued_by(const CrlInfo& crl, const CertificateInfo& ca);

/// What a DER OCSPResponse (`ssl_stapling_file`) says about one certificate.
struct OcspResponseFacts {
  enum class Status { ok, not_ocsp, unsuccessful };
  Status status = Status::not_ocsp;
  /// The response has a SingleResponse for the certificate: by its CertID
  /// when the issuer is known, else by serial number alone.
  bool for_certificate = false;
  enum class CertStatus { good, revoked, unknown };
  CertStatus cert_status = CertStatus::unknown;
  UnixTime this_update = 0;
  std::optional<UnixTime> next_update;
  std::string responder_status;  ///< for `unsuccessful`: tryLater, unauthorized, ...
};
/// `der` parses as an OCSPResponse (of any status).
bool is_ocsp_response(const std::string& der);
OcspResponseFacts read_ocsp_response(const std::string& der, const CertificateInfo& leaf,
                                     const CertificateInfo* issuer);

/// A certificate from its DER bytes (what a TLS handshake serves), or nullopt.
std::optional<CertificateInfo> parse_certificate_der(const std::string& der);
/// A parsed certificate's DER bytes; empty when it has none.
std::string certificate_der(const CertificateInfo& c);
/// DER certificate bytes as a PEM block; empty when they do not parse.
std::string certificate_pem(const std::string& der);

/// Who signed an OCSP response, checked as an OCSP client must (RFC 6960
/// 4.2.2.2): the leaf's issuer itself, or a responder the issuer certified
/// with the OCSPSigning extended key usage; the signature verified with the
/// signer's key, and the signer valid at `now`. `served` are certificates the
/// response may need to find its signer (a TLS server's chain).
struct OcspSignature {
  enum class Signer : std::uint8_t { issuer, delegated_responder, invalid };
  Signer signer = Signer::invalid;
  std::string problem;  ///< for `invalid`: OpenSSL's reason, in words
};
OcspSignature verify_ocsp_signature(const std::string& der, const CertificateInfo& issuer,
                                    const std::vector<CertificateInfo>& served, UnixTime now);

/// A DER OCSPRequest for `leaf` (SHA-1 CertID, as servers and responders
/// expect; no nonce), or empty when it cannot be built.
std::string ocsp_request_der(const CertificateInfo& leaf, const CertificateInfo& issuer);

/// The file a directive names (`ssl_certificate`, `SSLCertificateFile`,
/// `ssl_crl`), resolved the way its server resolves it.
struct NamedFile {
  std::string path;  ///< as resolved and mapped, normalized for messages
  const CertificateFile* file = nullptr;
  std::string read_path = {};  ///< the path as read, when it differs from `path`
};

/// The certificate files a configuration names, read once each through the
/// FileSystem (confined like every other read), by the path as resolved.
class CertificateStore {
 public:
  CertificateStore(const FileSystem& fs, std::size_t max_size) : fs_(fs), max_size_(max_size) {}
  /// `path` is absolute (resolved and mapped by the caller). Kernel paths
  /// (/proc, /sys, /dev) and anything but a regular file are never read.
  const CertificateFile& get(const std::string& path) const { return entry(path, false).file; }
  /// The file at `path` with the path messages show (without `.` and `..`
  /// steps), kept with it: one for all the directives that name it.
  const NamedFile& named(const std::string& path) const { return entry(path, false).named; }
  /// The same for a hashed directory (directory()).
  const NamedFile& named_directory(const std::string& path) const { return entry(path, true).named; }
  /// The raw bytes of a small binary file (an OCSP response), same rules;
  /// nullptr when it cannot be read.
  const std::string* bytes(const std::string& path) const;
  /// The issuer of the first certificate of `own`: among the rest of `own`
  /// (the chain served with it), then in each of `stores` in order (a
  /// trusted file); nullptr when none holds it. Remembered per question:
  /// thousands of servers share a handful of certificates.
  const CertificateInfo* issuer_of(const CertificateFile& own, const std::vector<const CertificateFile*>& stores) const;
  /// A hashed directory (httpd's SSLCACertificatePath, SSLCARevocationPath):
  /// the certificates and CRLs of its `HASH.N` and `HASH.rN` files, as
  /// OpenSSL's lookup reads them, merged; 1024 files at most.
  const CertificateFile& directory(const std::string& path) const { return entry(path, true).file; }
  /// A keystore at `path`, read once per (path, password, alias).
  const CertificateFile& keystore(const std::string& path, const std::string& password, const std::string& alias) const;

 private:
  const FileSystem& fs_;
  std::size_t max_size_;
  struct Entry {
    CertificateFile file;
    NamedFile named;
  };
  Entry& entry(const std::string& path, bool directory) const;
  CertificateFile read_file(const std::string& path) const;
  CertificateFile read_directory(const std::string& path) const;
  // Hashed by path (node-based: what get() returns stays put). Trees name
  // 20,000 certificate paths that share long prefixes.
  mutable std::unordered_map<std::string, Entry> cache_;
  mutable std::unordered_map<std::string, std::optional<std::string>> raw_;
  mutable std::map<std::vector<const CertificateFile*>, const CertificateInfo*> issuers_;
  mutable std::map<std::tuple<std::string, std::string, std::string>, CertificateFile> keystores_;
  mutable std::unordered_map<std::string, Entry> directories_;
  /// Held by each question that reads or fills the caches above (and reads
  /// files): a tree's rules run concurrently.
  mutable std::recursive_mutex mutex_;
};

class Node;

/// A number no CertificateLookup of this process had before.
std::uint64_t next_lookup_serial();

/// Held while what the checks derive from certificates (CertificateLookup::
/// derived, NginxServer::derived) is looked up or made: rules run
/// concurrently, and ask for the same endpoints' facts.
std::recursive_mutex& derived_facts_mutex();

/// The certificate files a directive names, read, or nullptr when it cannot
/// be known: a variable in the path, a path outside what may be read, or
/// certificate reading turned off.
class CertificateLookup {
 public:
  CertificateLookup() : serial(next_lookup_serial()) {}
  CertificateLookup(const CertificateLookup&) = delete;
  CertificateLookup& operator=(const CertificateLookup&) = delete;
  virtual ~CertificateLookup() = default;
  /// Tells this lookup from every other of the process (no two share one),
  /// for what is kept with a model's objects on its behalf.
  const std::uint64_t serial;
  /// What the checks layer derives from these files per Apache host and
  /// Tomcat connector (its stapling facts), kept for the run of one tree:
  /// every rule and the verdict ask for the same endpoint. (nginx servers,
  /// 20,000 to a tree, keep theirs with the server: NginxServer::derived.)
  mutable std::unordered_map<const void*, std::shared_ptr<const void>> derived;
  virtual const CertificateFile* named_by(const Node& directive) const {
    auto n = resolve(directive);
    return n ? n->file : nullptr;
  }
  /// The path and its contents, or nullptr when the path is unknown; kept for
  /// the lookup's lifetime (one answer per directive).
  virtual const NamedFile* resolve(const Node& directive, std::size_t arg = 0) const = 0;
  /// An absolute server path (the system CA bundle), mapped through --root
  /// and --path-map like every other, and read; kept for the lookup's
  /// lifetime.
  virtual const NamedFile& resolve_server_path(const std::string& server_path) const = 0;
  /// The bytes of a small text file at an absolute server path (certbot's
  /// renewal configuration), mapped like every other; nullptr when unreadable.
  virtual const std::string* raw_server_path(const std::string& server_path) const = 0;
  /// A path as a server writes it (absolute: mapped; relative: below the
  /// tree's base, CATALINA_BASE for Tomcat), read as PEM; nullptr for a URL
  /// or an empty value. Kept for the lookup's lifetime.
  virtual const NamedFile* resolve_value(const std::string& value) const = 0;
  /// A keystore at a path resolve_value gave.
  virtual const CertificateFile& keystore(const NamedFile& file, const std::string& password,
                                          const std::string& alias) const = 0;
  /// The bytes of the file a directive names (an OCSP response), or nullptr.
  virtual const std::string* raw(const Node& directive) const = 0;
  /// What staplint takes as now (the clock; tests set it).
  virtual UnixTime now() const = 0;
  /// The configuration's files are expected to be present: --root or
  /// --path-map stand for the server's file system. Without them a missing
  /// certificate is normal (a configuration repository).
  virtual bool expects_files() const = 0;
  /// CertificateStore::issuer_of.
  virtual const CertificateInfo* issuer_of(const CertificateFile& own,
                                           const std::vector<const CertificateFile*>& stores) const = 0;
};

/// The host of an `http://host[:port]/path` URL, without brackets for IPv6.
std::string url_host(std::string_view url);
/// `host` is an IPv4 or IPv6 literal: nothing to resolve.
bool is_ip_literal(const std::string& host);

}  // namespace staplint
