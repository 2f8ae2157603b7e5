// What the certificate files a configuration names mean for revocation, in
// terms shared by every dialect: whether a served certificate can be stapled,
// and what a CRL file lacks for the CAs it is checked with.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "staplint/certificate.hpp"
#include "staplint/engine.hpp"

namespace staplint::checks {

/// Valid for seven days or less: a short-lived certificate needs neither an
/// OCSP URL nor a CRL distribution point (SL4002; the CA/Browser Forum's
/// short-lived subscriber certificates, Baseline Requirements 7.1.2.11.2).
inline bool short_lived(const CertificateInfo& c) { return c.not_after - c.not_before <= std::int64_t{7} * 86400; }

/// A file read, with at least one certificate or CRL; nullptr otherwise.
inline const CertificateFile* usable(const CertificateFile* f) {
  return f && f->status == CertificateFile::Status::ok ? f : nullptr;
}

/// One certificate a server serves, and whether its issuer can be found
/// where the server looks.
struct ServedCertificate {
  const Node* directive = nullptr;        ///< ssl_certificate, SSLCertificateFile, certificateFile
  std::string_view path;                  ///< as resolved (the lookup keeps it); empty when unknown
  const CertificateFile* file = nullptr;  ///< read and holding a certificate; else nullptr
  const CertificateInfo* leaf = nullptr;  ///< file->certificates.front()
  /// Every place the server looks for the issuer could be read (so a
  /// missing issuer is a fact, not a guess).
  bool issuer_known = false;
  const CertificateInfo* issuer = nullptr;
  /// The file could not be read, but certbot's renewal configuration says
  /// Let's Encrypt issued it: no OCSP URL since 2025-05-07 (the renewal file
  /// read).
  std::string lets_encrypt_renewal;
  bool no_ocsp_url() const { return leaf ? leaf->ocsp_urls.empty() : !lets_encrypt_renewal.empty(); }
};

/// certbot's renewal configuration for a certificate it manages
/// (/etc/letsencrypt/live/NAME/...): /etc/letsencrypt/renewal/NAME.conf and
/// its `server =` (the ACME directory of the CA). Empty when the path is not
/// certbot's or the file cannot be read.
struct CertbotRenewal {
  std::string file;
  std::string server;
  bool lets_encrypt() const { return server.find("api.letsencrypt.org/") != std::string::npos; }
};
inline CertbotRenewal certbot_renewal(const CertificateLookup& certs, std::string_view written) {
  constexpr std::string_view live = "/etc/letsencrypt/live/";
  if (written.rfind(live, 0) != 0) return {};
  const std::string_view rest = written.substr(live.size());
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0 || rest.substr(0, slash).find("..") != std::string_view::npos) {
    return {};
  }
  CertbotRenewal out;
  out.file = "/etc/letsencrypt/renewal/" + std::string(rest.substr(0, slash)) + ".conf";
  const std::string* text = certs.raw_server_path(out.file);
  if (!text) return {};
  std::size_t at = 0;
  while (at < text->size()) {
    std::size_t end = text->find('\n', at);
    if (end == std::string::npos) end = text->size();
    std::string_view line(text->data() + at, end - at);
    at = end + 1;
    auto trim = [](std::string_view& v) {
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
    };
    trim(line);
    if (line.rfind("server", 0) != 0) continue;
    line.remove_prefix(6);
    trim(line);
    if (line.empty() || line.front() != '=') continue;
    line.remove_prefix(1);
    trim(line);
    out.server = std::string(line.substr(0, 256));
    return out;
  }
  return out;
}

/// A certificate certbot manages for Let's Encrypt, by its path as written
/// (`/letsencrypt/` in it), unless its renewal file, when readable, names
/// another CA: SL1001's note that stapling it does nothing.
inline bool lets_encrypt_by_path(const CertificateLookup* certs, std::string_view written) {
  if (written.find("/letsencrypt/") == std::string_view::npos) return false;
  if (!certs) return true;
  const CertbotRenewal r = certbot_renewal(*certs, written);
  return r.server.empty() || r.lets_encrypt();
}

/// For a certificate under /etc/letsencrypt/live/NAME/ that cannot be read:
/// the renewal file, when its `server =` names Let's Encrypt; else empty.
inline std::string lets_encrypt_renewal(const CertificateLookup& certs, std::string_view written) {
  const CertbotRenewal r = certbot_renewal(certs, written);
  return r.lets_encrypt() ? r.file : std::string();
}

/// Why a served certificate is not stapled, as far as the files tell.
enum class StapleBlock { none, no_ocsp_url, no_issuer, unknown };

/// `responder_override`: nginx ssl_stapling_responder, httpd
/// SSLStaplingForceURL, JSSE jdk.tls.stapling.responderOverride.
inline StapleBlock staple_block(const ServedCertificate& c, bool responder_override) {
  if (!c.leaf) {
    return !c.lets_encrypt_renewal.empty() && !responder_override ? StapleBlock::no_ocsp_url : StapleBlock::unknown;
  }
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
    const ArgList args = directive->args();
    if (!args.empty()) c.lets_encrypt_renewal = lets_encrypt_renewal(certs, args[0].value);
    return c;
  }
  c.leaf = &c.file->certificates.front();
  std::vector<const CertificateFile*> readable;
  bool all_read = true;
  for (const CertificateFile* s : stores) {
    if (s)
      readable.push_back(s);
    else
      all_read = false;
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
    if (*crl.next_update < now)
      out.expired.push_back(&crl);
    else if (*crl.next_update < now + static_cast<UnixTime>(warn_days) * 86400)
      out.expiring.push_back(&crl);
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

/// SL4001's note at `at`: who the certificate is (and, with
/// `mention_crl_dp`, that its CRL distribution point remains), or how staplint
/// knows without reading it (certbot's renewal file).
inline void note_no_ocsp_url(Finding& f, const ServedCertificate& c, Range at, bool mention_crl_dp) {
  std::string text;
  if (!c.leaf) {
    text = "the certificate cannot be read, but '" + c.lets_encrypt_renewal +
           "' says Let's Encrypt issues it, and Let's Encrypt certificates carry no OCSP URL since 2025-05-07";
  } else {
    text = "subject '" + c.leaf->subject + "', issuer '" + c.leaf->issuer + "'";
    if (mention_crl_dp && !c.leaf->crl_urls.empty())
      text += "; clients can check it through its CRL distribution point";
  }
  f.notes.push_back({c.directive->file(), at, std::move(text)});
}

/// What a certificate-like directive's file must hold.
enum class FileKind { certificate, bundle, crl, ocsp };

/// Why `named` cannot be used as a file of `kind` (not an OCSP response:
/// that is DER, see unusable_reason), or empty when it can, or when nothing
/// should be said: a missing file where files are not expected (a
/// configuration repository).
inline std::string file_unusable_reason(const NamedFile& named, FileKind kind, bool expects_files) {
  const CertificateFile& f = *named.file;
  if (f.status == CertificateFile::Status::missing) return expects_files ? "it does not exist" : "";
  if (f.status == CertificateFile::Status::unreadable) return "it cannot be read";
  const bool ok = f.status == CertificateFile::Status::ok;
  if (kind == FileKind::crl) return ok && !f.crls.empty() ? "" : "it holds no PEM CRL";
  return ok && !f.certificates.empty() ? "" : "it holds no PEM certificate";
}

/// Why the file `n` names cannot be used for `kind` (SL4005), or empty when
/// it can, or when nothing should be said (file_unusable_reason, or a path
/// that cannot be known).
inline std::string unusable_reason(const CertificateLookup& certs, const Node& n, FileKind kind,
                                   const std::string** path_out) {
  const NamedFile* named = certs.resolve(n);
  if (!named) return {};
  *path_out = &named->path;  // kept by the lookup
  if (kind != FileKind::ocsp || named->file->status == CertificateFile::Status::missing ||
      named->file->status == CertificateFile::Status::unreadable) {
    return file_unusable_reason(*named, kind == FileKind::ocsp ? FileKind::bundle : kind, certs.expects_files());
  }
  const std::string* bytes = certs.raw(n);
  if (!bytes) return "it cannot be read";
  return bytes->empty() || is_ocsp_response(*bytes) ? "" : "it is not a DER OCSP response";
}

/// SL4006 (its `Fields`) at `file`:`range` for each CRL of `named` past (error, `expired`
/// says what the server then does) or near (warning, `expiring`) its
/// nextUpdate.
template <class Fields>
void report_crl_file_dates(const CertificateLookup& certs, const LintOptions& options, Reporter& r,
                           const NamedFile& named, FileId file, Range range, const std::string& expired,
                           const std::string& expiring) {
  const CertificateFile* crls = usable(named.file);
  if (!crls) return;
  const CrlSetProblems p = crl_set_problems(*crls, {}, certs.now(), options.crl_warn_days);
  for (const CrlInfo* crl : p.expired) {
    r.report(file, range,
             Fields{.effect = expired,
                    .issuer = crl->issuer,
                    .path = named.path,
                    .state = "expired on " + format_date(*crl->next_update)});
  }
  for (const CrlInfo* crl : p.expiring) {
    Finding& f = r.report(file, range,
                          Fields{.effect = expiring,
                                 .issuer = crl->issuer,
                                 .path = named.path,
                                 .state = "expires on " + format_date(*crl->next_update)});
    f.severity = Severity::warning;
  }
}

/// SL4006 for the CRL file a directive names. `refusal` says what the server
/// then does.
template <class Fields>
void report_crl_dates(const CertificateLookup& certs, const LintOptions& options, Reporter& r,
                      const Node& crl_directive, const std::string& refusal) {
  if (const NamedFile* named = certs.resolve(crl_directive)) {
    report_crl_file_dates<Fields>(certs, options, r, *named, crl_directive.file(), crl_directive.range,
                                  refusal + " (\"CRL has expired\")", "after that " + refusal);
  }
}

/// SL4008 (its `Fields`) at `file`:`range` when `named` lacks the CRL of a CA in `cas`;
/// the finding, or nullptr.
template <class Fields>
Finding* report_crl_file_gaps(const CertificateLookup& certs, const LintOptions& options, Reporter& r,
                              const NamedFile& named, const std::vector<const CertificateFile*>& cas, FileId file,
                              Range range) {
  const CertificateFile* crls = usable(named.file);
  if (!crls || cas.empty()) return nullptr;
  const CrlSetProblems p = crl_set_problems(*crls, cas, certs.now(), options.crl_warn_days);
  if (p.cas_without_crl.empty()) return nullptr;
  return &r.report(file, range,
                   Fields{.cas = quoted_list(p.cas_without_crl, [](const CertificateInfo* ca) { return ca->subject; }),
                          .path = named.path});
}

/// SL4008 for the CRL file a directive names, against the files of
/// `ca_directives` (those that cannot be read are left out).
template <class Fields>
void report_crl_gaps(const CertificateLookup& certs, const LintOptions& options, Reporter& r, const Node& crl_directive,
                     const std::vector<const Node*>& ca_directives) {
  const NamedFile* named = certs.resolve(crl_directive);
  if (!named) return;
  std::vector<const CertificateFile*> cas;
  for (const Node* d : ca_directives) {
    const NamedFile* ca = certs.resolve(*d);
    if (ca && usable(ca->file)) cas.push_back(ca->file);
  }
  Finding* f = report_crl_file_gaps<Fields>(certs, options, r, *named, cas, crl_directive.file(), crl_directive.range);
  if (!f) return;
  for (const Node* d : ca_directives) {
    f->notes.push_back({d->file(), d->range, "the CAs certificates are verified against are named here"});
  }
}

}  // namespace staplint::checks
