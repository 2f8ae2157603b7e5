// The certificate files a tree names, resolved and read for the checks
// (CertificateLookup), and the certificates each endpoint reports.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "checks/common/certificates.hpp"
#include "staplint/certificate.hpp"
#include "staplint/lint.hpp"
#include "staplint/loader.hpp"
#include "staplint/text.hpp"

namespace staplint {

/// The certificate files a tree names, resolved as the server resolves them:
/// relative to the tree's prefix (nginx) or ServerRoot (httpd), absolute ones
/// through --root/--path-map. A path with a variable is unknown.
class TreeCertificates : public CertificateLookup {
 public:
  TreeCertificates(const CertificateStore& store, const LoadOptions& load, std::string base, UnixTime now)
      : store_(store), load_(load), base_(std::move(base)), now_(now) {}
  const NamedFile* resolve(const Node& directive, std::size_t arg) const override {
    // Thousands of servers share an http-level directive, and every rule asks
    // again: one answer per directive, kept (node-based: it does not move).
    const std::uintptr_t key = reinterpret_cast<std::uintptr_t>(&directive) * 8 + arg;
    const std::lock_guard lock(mutex_);  // rules run concurrently
    auto it = resolved_.find(key);
    if (it == resolved_.end()) it = resolved_.emplace(key, resolve_uncached(directive, arg)).first;
    return it->second;
  }
  const NamedFile* resolve_uncached(const Node& directive, std::size_t arg) const {
    std::optional<std::string> file = path_of(directive, arg);
    if (!file) return nullptr;
    // httpd's SSLCACertificatePath, SSLCARevocationPath and their SSLProxy
    // twins name hashed directories.
    const std::string_view name = directive.name();
    const bool directory =
        name.size() > 4 && iequals(name.substr(name.size() - 4), "Path") && iequals(name.substr(0, 3), "SSL");
    return &named(*file, directory);
  }
  const NamedFile& resolve_server_path(const std::string& server_path) const override {
    return named(load_.map_server_path(server_path), false);
  }
  const NamedFile* resolve_value(const std::string& value) const override {
    std::optional<std::string> file = path_of_value(value);
    return file ? &named(*file, false) : nullptr;
  }
  const CertificateFile& keystore(const NamedFile& file, const std::string& password,
                                  const std::string& alias) const override {
    return store_.keystore(file.read_path.empty() ? file.path : file.read_path, password, alias);
  }
  const std::string* raw_server_path(const std::string& server_path) const override {
    return store_.bytes(load_.map_server_path(server_path));
  }
  const std::string* raw(const Node& directive) const override {
    std::optional<std::string> file = path_of(directive, 0);
    return file ? store_.bytes(*file) : nullptr;
  }
  UnixTime now() const override { return now_; }
  bool expects_files() const override { return load_.maps_server_paths(); }
  const CertificateInfo* issuer_of(const CertificateFile& own,
                                   const std::vector<const CertificateFile*>& stores) const override {
    return store_.issuer_of(own, stores);
  }

 private:
  /// The one NamedFile for `file` (read as a hashed directory or as a file),
  /// kept by the store: servers that name one file share it.
  const NamedFile& named(const std::string& file, bool directory) const {
    return directory ? store_.named_directory(file) : store_.named(file);
  }
  std::optional<std::string> path_of(const Node& directive, std::size_t arg) const {
    const ArgList args = directive.args();
    if (args.size() <= arg || args[arg].has_variable() || args[arg].value.empty()) return std::nullopt;
    return path_of_value(std::string(args[arg].value));
  }
  std::optional<std::string> path_of_value(const std::string& value) const {
    if (value.empty() || value.find("://") != std::string::npos || value.rfind("classpath:", 0) == 0)
      return std::nullopt;
    if (value.rfind("data:", 0) == 0 || value.rfind("engine:", 0) == 0 || value.rfind("store:", 0) == 0) {
      return std::nullopt;
    }
    if (path::is_absolute(value)) return load_.map_server_path(value);
    if (!base_.empty()) return load_.join_confined(base_, value);
    return std::nullopt;
  }

  const CertificateStore& store_;
  const LoadOptions& load_;
  std::string base_;
  UnixTime now_;
  mutable std::unordered_map<std::uintptr_t, const NamedFile*> resolved_;
  mutable std::mutex mutex_;
};

/// The certificates endpoints serve, one object for each certificate, path
/// and issuer answer however many endpoints serve it.
class EndpointCertificates {
 public:
  template <typename Facts>
  std::vector<std::shared_ptr<const EndpointCertificate>> of(const CertificateLookup* certificates, Facts&& facts) {
    std::vector<std::shared_ptr<const EndpointCertificate>> out;
    if (!certificates) return out;
    const auto owner = facts();
    for (const checks::ServedCertificate& c : owner->served) {
      if (!c.leaf) continue;
      const int issuer = !c.issuer_known ? -1 : c.issuer != nullptr;
      auto [it, added] = interned_.try_emplace(Key{c.leaf, issuer, c.path});
      if (added) {
        EndpointCertificate e{std::string(c.path), c.leaf->subject,     c.leaf->issuer,
                              c.leaf->serial,      c.leaf->not_after,   c.leaf->ocsp_urls,
                              c.leaf->crl_urls,    c.leaf->must_staple, std::nullopt};
        if (issuer >= 0) e.issuer_found = issuer == 1;
        it->second = std::make_shared<const EndpointCertificate>(std::move(e));
      }
      out.push_back(it->second);
    }
    return out;
  }

 private:
  // The path is the store's (it outlives the run's endpoints).
  using Key = std::tuple<const CertificateInfo*, int, std::string_view>;
  std::map<Key, std::shared_ptr<const EndpointCertificate>> interned_;
};

}  // namespace staplint
