// What the certificate files a configuration names mean for revocation, in
// terms shared by every dialect: whether a served certificate can be stapled,
// and what a CRL file lacks for the CAs it is checked with.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "staplint/certificate.hpp"

namespace staplint::checks {

/// A file read, with at least one certificate or CRL; nullptr otherwise.
inline const CertificateFile* usable(const CertificateFile* f) {
  return f && f->status == CertificateFile::Status::ok ? f : nullptr;
}

/// One certificate a server serves, and whether its issuer can be found
/// where the server looks.
struct ServedCertificate {
  const Node* directive = nullptr;  ///< ssl_certificate, SSLCertificateFile, certificateFile
  std::string path;                 ///< as resolved; empty when unknown
  const CertificateFile* file = nullptr;  ///< read and holding a certificate; else nullptr
  const CertificateInfo* leaf = nullptr;  ///< file->certificates.front()
  /// Every place the server looks for the issuer could be read (so a
  /// missing issuer is a fact, not a guess).
  bool issuer_known = false;
  const CertificateInfo* issuer = nullptr;
};

/// Why a served certificate is not stapled, as far as the files tell.
enum class StapleBlock { none, no_ocsp_url, no_issuer, unknown };

/// `responder_override`: nginx ssl_stapling_responder, httpd
/// SSLStaplingForceURL, JSSE jdk.tls.stapling.responderOverride.
inline StapleBlock staple_block(const ServedCertificate& c, bool responder_override) {
  if (!c.leaf) return StapleBlock::unknown;
  if (c.issuer_known && !c.issuer) return StapleBlock::no_issuer;
  if (c.leaf->ocsp_urls.empty() && !responder_override) return StapleBlock::no_ocsp_url;
  return c.issuer ? StapleBlock::none : StapleBlock::unknown;
}

/// The certificates settle that none of `served` is stapled.
inline bool none_stapled(const std::vector<ServedCertificate>& served, bool responder_override) {
  if (served.empty()) return false;
  for (const ServedCertificate& c : served) {
    const StapleBlock b = staple_block(c, responder_override);
    if (b == StapleBlock::none || b == StapleBlock::unknown) return false;
  }
  return true;
}

/// Reads `directive`'s certificate and looks for its issuer in the rest of
/// its file, then in `stores` (nullptr entries: a file that could not be
/// read, which makes a missing issuer unknown).
inline ServedCertificate serve(const CertificateLookup& certs, const Node* directive,
                               const std::vector<const CertificateFile*>& stores) {
  ServedCertificate c;
  c.directive = directive;
  const auto named = certs.resolve(*directive);
  if (!named) return c;
  c.path = named->path;
  c.file = usable(named->file);
  if (!c.file || c.file->certificates.empty()) {
    c.file = nullptr;
    return c;
  }
  c.leaf = &c.file->certificates.front();
  std::vector<const CertificateFile*> readable;
  bool all_read = true;
  for (const CertificateFile* s : stores) {
    if (s) readable.push_back(s);
    else all_read = false;
  }
  c.issuer = certs.issuer_of(*c.file, readable);
  c.issuer_known = c.issuer || all_read;
  return c;
}

/// The file a CA-bundle directive names, or nullptr (counted as unreadable)
/// when it cannot be read; absent directives add nothing.
inline void add_store(const CertificateLookup& certs, const Node* directive,
                      std::vector<const CertificateFile*>& stores) {
  if (!directive) return;
  const auto named = certs.resolve(*directive);
  stores.push_back(named ? usable(named->file) : nullptr);
}

/// What a CRL file lacks or has let lapse, for the CAs it is checked with.
struct CrlSetProblems {
  std::vector<const CrlInfo*> expired;   ///< past nextUpdate
  std::vector<const CrlInfo*> expiring;  ///< nextUpdate within the warning window
  std::vector<const CertificateInfo*> cas_without_crl;
};

inline CrlSetProblems crl_set_problems(const CertificateFile& crls, const std::vector<const CertificateFile*>& cas,
                                       UnixTime now, int warn_days) {
  CrlSetProblems out;
  for (const CrlInfo& crl : crls.crls) {
    if (!crl.next_update) continue;
    if (*crl.next_update < now) out.expired.push_back(&crl);
    else if (*crl.next_update < now + static_cast<UnixTime>(warn_days) * 86400) out.expiring.push_back(&crl);
  }
  std::set<std::string> seen;
  for (const CertificateFile* f : cas) {
    for (const CertificateInfo& ca : f->certificates) {
      if (!ca.is_ca && !ca.self_issued) continue;
      if (!seen.insert(ca.subject).second) continue;
      bool covered = false;
      for (const CrlInfo& crl : crls.crls) covered = covered || crl_issued_by(crl, ca);
      if (!covered) out.cas_without_crl.push_back(&ca);
    }
  }
  return out;
}

/// 'CN=a', 'CN=b' and 2 more
template <typename T, typename Name>
std::string quoted_list(const std::vector<T>& items, Name&& name, std::size_t max = 3) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < max; ++i) {
    out += (i == 0 ? "'" : i + 1 == items.size() ? "' and '" : "', '") + name(items[i]);
  }
  if (!items.empty()) out += "'";
  if (items.size() > max) out += " and " + std::to_string(items.size() - max) + " more";
  return out;
}

}  // namespace staplint::checks
