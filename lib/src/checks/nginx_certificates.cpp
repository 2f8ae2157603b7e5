// nginx, facts from the certificate files a configuration names:
// SL4001 certificate-no-ocsp-url, SL4002 certificate-no-revocation-info,
// SL4003 stapling-issuer-missing, SL4004 must-staple-without-stapling,
// SL4005 certificate-unreadable, SL4006 crl-expired, SL4007
// stapling-file-invalid, SL4008 crl-chain-incomplete.
#include "nginx_certificates.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "checks.hpp"
#include "nginx_directives.hpp"
#include "staplint/verdict.hpp"

namespace staplint::checks {

namespace {
NginxStaplingFacts compute_nginx_stapling_facts(const CertificateLookup* certs, const NginxServer& s) {
  NginxStaplingFacts out;
  out.responder_override = s.effective("ssl_stapling_responder").node != nullptr;
  out.stapling_file = s.effective("ssl_stapling_file").node;
  if (const Effective t = s.effective("ssl_trusted_certificate"); t.node) out.store_directives.push_back(t.node);
  const std::string_view verify = s.effective("ssl_verify_client").value("off");
  if (verify != "off") {
    if (const Effective c = s.effective("ssl_client_certificate"); c.node) out.store_directives.push_back(c.node);
  }
  if (!certs) return out;
  std::vector<const CertificateFile*> stores;
  for (const Node* d : out.store_directives) add_store(*certs, d, stores);
  for (const Node* c : s.all("ssl_certificate")) {
    out.served.push_back(serve(*certs, c, stores));
    out.any_known = out.any_known || out.served.back().leaf || !out.served.back().lets_encrypt_renewal.empty();
  }
  return out;
}
}  // namespace

const NginxStaplingFacts* nginx_stapling_facts(const CertificateLookup* certs, const NginxServer& s) {
  // Serial 0 stands for no lookup (no certificate read): no lookup has it.
  const std::uint64_t by = certs ? certs->serial : 0;
  if (!s.derived || s.derived_by != by) {
    s.derived = std::make_shared<const NginxStaplingFacts>(compute_nginx_stapling_facts(certs, s));
    s.derived_by = by;
  }
  return static_cast<const NginxStaplingFacts*>(s.derived.get());
}

namespace {

/// The TLS servers stapling rules judge (not mail, not rejecting handshakes).
bool judged(const NginxServer& s) { return s.tls && !s.rejects_handshakes; }

std::string where_nginx_looks(const NginxStaplingFacts& facts) {
  std::string out = "the rest of the certificate file";
  for (const Node* d : facts.store_directives) out += ", '" + std::string(d->name()) + "'";
  return out;
}

/// The certificate-like directives of nginx and what each file holds.
const std::unordered_map<std::string_view, FileKind>& certificate_directives() {
  static const std::unordered_map<std::string_view, FileKind> names = {
      {"ssl_certificate", FileKind::certificate},
      {"ssl_trusted_certificate", FileKind::bundle},
      {"ssl_client_certificate", FileKind::bundle},
      {"ssl_crl", FileKind::crl},
      {"ssl_stapling_file", FileKind::ocsp},
      {"proxy_ssl_trusted_certificate", FileKind::bundle},
      {"proxy_ssl_crl", FileKind::crl},
      {"grpc_ssl_trusted_certificate", FileKind::bundle},
      {"grpc_ssl_crl", FileKind::crl},
      {"uwsgi_ssl_trusted_certificate", FileKind::bundle},
      {"uwsgi_ssl_crl", FileKind::crl},
  };
  return names;
}

}  // namespace

void nginx_certificate_no_ocsp_url(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!judged(s)) continue;
    const NginxStaplingFacts& facts = *nginx_stapling_facts(ctx.certificates, s);
    if (!facts.any_known || facts.responder_override || facts.stapling_file) continue;
    const bool stapling = s.effective("ssl_stapling").is_on();
    for (const ServedCertificate& c : facts.served) {
      if (!c.no_ocsp_url() || !reported.insert(c.directive).second) continue;
      Finding& f = r.report(c.directive->file(), c.directive->range,
                            {{"certificate", std::string(c.path)},
                             {"effect", stapling ? "'ssl_stapling' does nothing for it"
                                                 : "it cannot be stapled, and enabling stapling would do nothing"}});
      note_no_ocsp_url(f, c, c.directive->range, true);
    }
  }
}

void nginx_certificate_no_revocation_info(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  auto check = [&](const NginxServer& s) {
    if (!s.tls) return;
    for (const ServedCertificate& c : nginx_stapling_facts(ctx.certificates, s)->served) {
      const Node* d = c.directive;
      if (reported.count(d)) continue;
      if (!c.leaf || !c.leaf->ocsp_urls.empty() || !c.leaf->crl_urls.empty()) continue;
      if (c.leaf->not_after - c.leaf->not_before <= 7 * 86400) continue;  // short-lived: needs neither
      reported.insert(d);
      r.report(d->file(), d->range,
               {{"certificate", std::string(c.path)},
                {"days", std::to_string((c.leaf->not_after - c.leaf->not_before) / 86400)}});
    }
  };
  for (const NginxServer& s : ctx.nginx.servers) check(s);
  for (const NginxServer& s : ctx.nginx.mail_servers) check(s);
}

void nginx_stapling_issuer_missing(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!judged(s)) continue;
    const NginxStaplingFacts& facts = *nginx_stapling_facts(ctx.certificates, s);
    if (!facts.any_known || facts.stapling_file || !s.effective("ssl_stapling").is_on()) continue;
    for (const ServedCertificate& c : facts.served) {
      if (!c.leaf || !c.issuer_known || c.issuer || !reported.insert(c.directive).second) continue;
      Finding& f = r.report(c.directive->file(), c.directive->range,
                            {{"certificate", std::string(c.path)}, {"issuer", c.leaf->issuer}});
      f.notes.push_back({c.directive->file(), c.directive->range,
                         "nginx looks in " + where_nginx_looks(facts) +
                             "; put the intermediate certificates after the leaf in this file, or "
                             "the issuer chain in 'ssl_trusted_certificate'"});
    }
  }
}

void nginx_must_staple_without_stapling(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!judged(s)) continue;
    const NginxStaplingFacts& facts = *nginx_stapling_facts(ctx.certificates, s);
    if (std::none_of(facts.served.begin(), facts.served.end(),
                     [](const ServedCertificate& c) { return c.leaf && c.leaf->must_staple; })) {
      continue;
    }
    const Stapling verdict = stapling_verdict(s, ctx.options, ctx.certificates);
    if (verdict == Stapling::on || verdict == Stapling::unknown || verdict == Stapling::fatal) continue;
    for (const ServedCertificate& c : facts.served) {
      if (!c.leaf || !c.leaf->must_staple) continue;
      const char* why = verdict == Stapling::off ? "stapling is off" : "nginx cannot staple it";
      if (verdict == Stapling::ineffective) {
        switch (staple_block(c, facts.responder_override)) {
          case StapleBlock::no_issuer: why = "its issuer is not found (SL4003)"; break;
          case StapleBlock::no_ocsp_url: why = "it has no OCSP responder URL (SL4001)"; break;
          default: break;
        }
      }
      r.report(c.directive->file(), c.directive->range,
               {{"certificate", std::string(c.path)}, {"server", s.display_name}, {"reason", why}});
    }
  }
}

void nginx_certificate_unreadable(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  const auto& names = certificate_directives();
  // The directives to look at, without another walk of the tree: the known
  // directives' uses (walked once per tree for every rule), and each
  // server's ssl_certificate lines.
  struct Unusable {
    const Node* node;
    const std::string* path;
    std::string why;
  };
  std::vector<Unusable> found;
  std::set<const Node*> seen;
  auto check = [&](const Node* n, FileKind kind) {
    const std::string* path = nullptr;
    std::string why = unusable_reason(*ctx.certificates, *n, kind, &path);
    if (!why.empty() && seen.insert(n).second) found.push_back({n, path, std::move(why)});
  };
  for (const DirectiveUse& use : known_directive_uses(ctx)) {
    if (const auto kind = names.find(use.node->name()); kind != names.end()) check(use.node, kind->second);
  }
  for (const auto* list : {&ctx.nginx.servers, &ctx.nginx.mail_servers}) {
    for (const NginxServer& s : *list) {
      for (const Node* c : s.all("ssl_certificate")) check(c, FileKind::certificate);
    }
  }
  // One finding per path, at its first directive in file order.
  std::sort(found.begin(), found.end(), [](const Unusable& a, const Unusable& b) {
    return std::make_tuple(a.node->file(), a.node->range.begin, a.node) <
           std::make_tuple(b.node->file(), b.node->range.begin, b.node);
  });
  std::set<std::string_view> reported;
  for (const Unusable& u : found) {
    if (!reported.insert(*u.path).second) continue;
    r.report(u.node->file(), u.node->range, {{"path", *u.path}, {"reason", u.why}});
  }
}

namespace {
/// The CRL files nginx checks client certificates against (servers that
/// verify them: on or optional; optional_no_ca ignores the result), then
/// those of verified TLS upstreams.
std::vector<CheckedCrl> compute_checked_crls(const CheckContext& ctx) {
  std::vector<CheckedCrl> out;
  std::set<const Node*> seen;
  auto add = [&](const NginxServer& s) {
    if (!s.tls || s.rejects_handshakes) return;
    const std::string_view verify = s.effective("ssl_verify_client").value("off");
    if (verify != "on" && verify != "optional") return;
    const Effective crl = s.effective("ssl_crl");
    if (!crl.node || !seen.insert(crl.node).second) return;
    CheckedCrl c{crl.node, {}, false};
    for (const char* name : {"ssl_client_certificate", "ssl_trusted_certificate"}) {
      if (const Effective e = s.effective(name); e.node) c.cas.push_back(e.node);
    }
    out.push_back(std::move(c));
  };
  for (const NginxServer& s : ctx.nginx.servers) add(s);
  for (const NginxServer& s : ctx.nginx.mail_servers) add(s);
  for (CheckedCrl& c : nginx_upstream_crls(ctx)) out.push_back(std::move(c));  // one shared walk
  return out;
}

/// Computed once per tree (SL4006 and SL4008 both ask; the upstream part
/// walks the whole tree).
const std::vector<CheckedCrl>& checked_crls(const CheckContext& ctx) {
  std::shared_ptr<const void>& slot = ctx.certificates->derived[&ctx.nginx.servers];
  if (!slot) slot = std::make_shared<const std::vector<CheckedCrl>>(compute_checked_crls(ctx));
  return *std::static_pointer_cast<const std::vector<CheckedCrl>>(slot);
}
}  // namespace

void nginx_crl_expired(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const CheckedCrl& c : checked_crls(ctx)) {
    report_crl_dates(*ctx.certificates, ctx.options, r, *c.crl,
                     c.upstream ? "nginx refuses every upstream certificate it covers"
                                : "nginx rejects every client certificate it covers");
  }
}

void nginx_crl_chain_incomplete(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const CheckedCrl& c : checked_crls(ctx)) report_crl_gaps(*ctx.certificates, ctx.options, r, *c.crl, c.cas);
}

void nginx_stapling_file_invalid(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<std::pair<const Node*, const Node*>> reported;
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!judged(s)) continue;
    const NginxStaplingFacts& facts = *nginx_stapling_facts(ctx.certificates, s);
    if (!facts.any_known || !facts.stapling_file || !s.effective("ssl_stapling").is_on()) continue;
    const std::string* der = ctx.certificates->raw(*facts.stapling_file);
    if (!der || der->empty()) continue;
    for (const ServedCertificate& c : facts.served) {
      if (!c.leaf || !reported.insert({facts.stapling_file, c.directive}).second) continue;
      const OcspResponseFacts o = read_ocsp_response(*der, *c.leaf, c.issuer);
      std::string problem;
      if (o.status == OcspResponseFacts::Status::not_ocsp) continue;  // SL4005
      if (o.status == OcspResponseFacts::Status::unsuccessful) {
        problem = "is an error response ('" + o.responder_status + "')";
      } else if (!o.for_certificate) {
        problem = "is for another certificate";
      } else if (o.cert_status == OcspResponseFacts::CertStatus::revoked) {
        problem = "says the certificate is revoked";
      } else if (o.next_update && *o.next_update < ctx.certificates->now()) {
        problem = "expired on " + format_date(*o.next_update);
      } else if (o.cert_status == OcspResponseFacts::CertStatus::unknown) {
        problem = "says the responder does not know the certificate";
      } else {
        continue;
      }
      Finding& f = r.report(facts.stapling_file->file(), facts.stapling_file->range,
                            {{"certificate", std::string(c.path)}, {"problem", problem}});
      f.notes.push_back({c.directive->file(), c.directive->range,
                         "the certificate is named here (serial " + c.leaf->serial + ")"});
    }
  }
}

}  // namespace staplint::checks
