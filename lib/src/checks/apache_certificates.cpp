// Apache httpd, facts from the certificate files a configuration names:
// SL4001 certificate-no-ocsp-url, SL4002 certificate-no-revocation-info,
// SL4003 stapling-issuer-missing, SL4004 must-staple-without-stapling,
// SL4005 certificate-unreadable, SL4006 crl-expired, SL4008
// crl-chain-incomplete.
#include "apache_certificates.hpp"

#include <cctype>
#include <map>
#include <set>

#include "apache_helpers.hpp"
#include "checks.hpp"
#include "staplint/verdict.hpp"

namespace staplint::checks {

std::vector<const ApacheDirective*> apache_in_force(const ApacheModel& m, const ApacheHost& h, std::string_view name) {
  std::vector<const ApacheDirective*> own;
  if (h.node) {
    for (const ApacheDirective* d : h.own) {
      if (iequals(d->node->name(), name)) own.push_back(d);
    }
  }
  return own.empty() ? m.at_server(name) : own;
}

namespace {
ApacheStaplingFacts compute_apache_stapling_facts(const CertificateLookup* certs, const ApacheModel& m, const ApacheHost& h) {
  ApacheStaplingFacts out;
  out.responder_override = static_cast<bool>(m.effective(h, "SSLStaplingForceURL"));
  for (const char* name : {"SSLCertificateChainFile", "SSLCACertificateFile", "SSLCACertificatePath"}) {
    if (const ApacheEffective e = m.effective(h, name)) out.store_directives.push_back(e.node());
  }
  out.served_directives = apache_in_force(m, h, "SSLCertificateFile");
  if (!certs) return out;
  std::vector<const CertificateFile*> stores;
  for (const Node* d : out.store_directives) add_store(*certs, d, stores);  // a Path: its hashed files
  for (const ApacheDirective* d : out.served_directives) out.served.push_back(serve(*certs, d->node, stores));
  if (out.served_directives.empty()) {
    // mod_md serves the certificate of a domain it manages from its store:
    // MDStoreDir (ServerRoot/md by default)/domains/DOMAIN/pubcert.pem.
    if (const ApacheDirective* md = m.managed_domain(h)) {
      std::string store = "md";
      for (const ApacheDirective* d : m.at_server("MDStoreDir")) {
        if (!d->value().empty()) store = std::string(d->value());
      }
      ServedCertificate c;
      c.directive = md->node;
      const std::string domain = md->node->args().empty() ? std::string() : std::string(md->node->args()[0].value);
      if (const auto named = domain.empty() || domain.find('/') != std::string::npos
                                 ? nullptr
                                 : certs->resolve_value(store + "/domains/" + domain + "/pubcert.pem")) {
        c.path = named->path;
        c.file = usable(named->file);
        if (c.file && !c.file->certificates.empty()) {
          c.leaf = &c.file->certificates.front();
          c.issuer = certs->issuer_of(*c.file, {});
          c.issuer_known = true;  // mod_md stores the chain with the certificate
        } else {
          c.file = nullptr;
        }
        out.served.push_back(std::move(c));
      }
    }
  }
  return out;
}
}  // namespace

std::shared_ptr<const ApacheStaplingFacts> apache_stapling_facts(const CertificateLookup* certs, const ApacheModel& m, const ApacheHost& h) {
  if (!certs) return std::make_shared<const ApacheStaplingFacts>(compute_apache_stapling_facts(certs, m, h));
  std::shared_ptr<const void>& slot = certs->derived[&h];
  if (!slot) slot = std::make_shared<const ApacheStaplingFacts>(compute_apache_stapling_facts(certs, m, h));
  return std::static_pointer_cast<const ApacheStaplingFacts>(slot);
}

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<const ApacheHost*> tls_hosts(const ApacheModel& m) {
  std::vector<const ApacheHost*> out;
  for (const ApacheHost& h : m.hosts) {
    if (m.tls(h)) out.push_back(&h);
  }
  return out;
}

const ApacheDirective* directive_of(const ApacheStaplingFacts& facts, const Node* node) {
  for (const ApacheDirective* d : facts.served_directives) {
    if (d->node == node) return d;
  }
  return nullptr;
}

}  // namespace

void apache_certificate_no_ocsp_url(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const ApacheHost* h : tls_hosts(ctx.apache)) {
    const auto facts_owner = apache_stapling_facts(ctx.certificates, ctx.apache, *h);
    const ApacheStaplingFacts& facts = *facts_owner;
    if (facts.responder_override) continue;
    const bool stapling = ctx.apache.effective(*h, "SSLUseStapling").is_on() || ctx.apache.md_stapling(*h);
    for (const ServedCertificate& c : facts.served) {
      if (!c.no_ocsp_url() || !reported.insert(c.directive).second) continue;
      Finding& f = r.report(c.directive->file(), c.directive->range,
                            {{"certificate", std::string(c.path)},
                             {"effect", stapling ? "'SSLUseStapling' does nothing for it (AH02218)"
                                                 : "it cannot be stapled, and enabling stapling would do nothing"}});
      note_conditions(f, {directive_of(facts, c.directive)});
      note_no_ocsp_url(f, c, c.directive->range, false);
    }
  }
}

void apache_certificate_no_revocation_info(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const ApacheHost* h : tls_hosts(ctx.apache)) {
    for (const ApacheDirective* d : apache_in_force(ctx.apache, *h, "SSLCertificateFile")) {
      if (reported.count(d->node)) continue;
      const ServedCertificate c = serve(*ctx.certificates, d->node, {});
      if (!c.leaf || !c.leaf->ocsp_urls.empty() || !c.leaf->crl_urls.empty()) continue;
      if (c.leaf->not_after - c.leaf->not_before <= 7 * 86400) continue;
      reported.insert(d->node);
      Finding& f = r.report(d->node->file(), d->node->range,
                            {{"certificate", std::string(c.path)},
                             {"days", std::to_string((c.leaf->not_after - c.leaf->not_before) / 86400)}});
      note_conditions(f, {d});
    }
  }
}

void apache_stapling_issuer_missing(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const ApacheHost* h : tls_hosts(ctx.apache)) {
    if (!ctx.apache.effective(*h, "SSLUseStapling").is_on() || ctx.apache.md_stapling(*h)) continue;
    const auto facts_owner = apache_stapling_facts(ctx.certificates, ctx.apache, *h);
    const ApacheStaplingFacts& facts = *facts_owner;
    for (const ServedCertificate& c : facts.served) {
      if (!c.leaf || !c.issuer_known || c.issuer || !reported.insert(c.directive).second) continue;
      Finding& f = r.report(c.directive->file(), c.directive->range,
                            {{"certificate", std::string(c.path)}, {"issuer", c.leaf->issuer}});
      f.notes.push_back({c.directive->file(), c.directive->range,
                         "httpd logs AH02217 and looks in the rest of this file, 'SSLCertificateChainFile' and "
                         "'SSLCACertificateFile': put the intermediate certificates after the leaf in this file"});
      note_conditions(f, {directive_of(facts, c.directive)});
    }
  }
}

void apache_must_staple_without_stapling(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const ApacheHost* h : tls_hosts(ctx.apache)) {
    const Stapling verdict = apache_stapling_verdict(ctx.apache, *h, ctx.certificates);
    if (verdict != Stapling::off && verdict != Stapling::ineffective) continue;
    const auto facts_owner = apache_stapling_facts(ctx.certificates, ctx.apache, *h);
    const ApacheStaplingFacts& facts = *facts_owner;
    for (const ServedCertificate& c : facts.served) {
      if (!c.leaf || !c.leaf->must_staple) continue;
      const char* why = "stapling is off";
      if (verdict == Stapling::ineffective) {
        why = staple_block(c, facts.responder_override) == StapleBlock::no_issuer ? "its issuer is not found (SL4003)"
              : staple_block(c, facts.responder_override) == StapleBlock::no_ocsp_url
                  ? "it has no OCSP responder URL (SL4001)"
                  : "httpd cannot staple it";
      }
      Finding& f = r.report(c.directive->file(), c.directive->range,
                            {{"certificate", std::string(c.path)}, {"server", h->display_name}, {"reason", why}});
      note_conditions(f, {directive_of(facts, c.directive)});
    }
  }
}

void apache_certificate_unreadable(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  static const std::map<std::string, FileKind, std::less<>> names = {
      {"sslcacertificatefile", FileKind::bundle},      {"sslcarevocationfile", FileKind::crl},
      {"sslcertificatechainfile", FileKind::bundle},   {"sslcertificatefile", FileKind::certificate},
      {"sslproxycacertificatefile", FileKind::bundle}, {"sslproxycarevocationfile", FileKind::crl},
      {"sslcacertificatepath", FileKind::bundle},      {"sslcarevocationpath", FileKind::crl},
      {"sslproxycacertificatepath", FileKind::bundle}, {"sslproxycarevocationpath", FileKind::crl},
  };
  std::set<std::string> reported;
  for (const ApacheDirective& d : ctx.apache.directives) {
    const auto kind = names.find(lower(d.node->name()));
    if (kind == names.end()) continue;
    const std::string* path = nullptr;
    const std::string why = unusable_reason(*ctx.certificates, *d.node, kind->second, &path);
    if (why.empty() || !reported.insert(*path).second) continue;
    Finding& f = r.report(d.node->file(), d.node->range, {{"path", *path}, {"reason", why}});
    note_conditions(f, {&d});
  }
}

namespace {
/// The CRL files httpd checks peer certificates against: `SSLCARevocationFile`
/// with `SSLCARevocationCheck chain|leaf` for hosts that verify clients, and
/// the `SSLProxy*` twins for verified TLS backends.
struct ApacheCrl {
  const ApacheDirective* crl = nullptr;
  std::vector<const Node*> cas;
  bool whole_chain = false;  ///< `chain` without `no_crl_for_cert_ok`
  bool proxy = false;
};

std::vector<ApacheCrl> checked_crls(const ApacheModel& m) {
  std::vector<ApacheCrl> out;
  std::set<const Node*> seen;
  for (const ApacheHost& h : m.hosts) {
    for (const bool proxy : {false, true}) {
      if (!proxy && !m.tls(h)) continue;
      const ApacheEffective verify = m.effective(h, proxy ? "SSLProxyVerify" : "SSLVerifyClient");
      if (!verify || !verifies_peer(verify.value())) continue;
      ApacheEffective crl = m.effective(h, proxy ? "SSLProxyCARevocationFile" : "SSLCARevocationFile");
      if (!crl) crl = m.effective(h, proxy ? "SSLProxyCARevocationPath" : "SSLCARevocationPath");
      const ApacheEffective check = m.effective(h, proxy ? "SSLProxyCARevocationCheck" : "SSLCARevocationCheck");
      if (!crl || !check || !seen.insert(crl.node()).second) continue;
      const std::string_view mode = check.value();
      if (!iequals(mode, "chain") && !iequals(mode, "leaf")) continue;  // none: SL2002
      ApacheCrl c{crl.directive, {}, iequals(mode, "chain"), proxy};
      for (const Arg& a : check.node()->args()) {
        if (iequals(a.value, "no_crl_for_cert_ok")) c.whole_chain = false;
      }
      for (const char* name : {"SSLCACertificateFile", "SSLCACertificatePath"}) {
        const std::string n = proxy ? "SSLProxy" + std::string(name + 3) : std::string(name);
        if (const ApacheEffective ca = m.effective(h, n)) c.cas.push_back(ca.node());
      }
      out.push_back(std::move(c));
    }
  }
  return out;
}
}  // namespace

void apache_crl_expired(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const ApacheCrl& c : checked_crls(ctx.apache)) {
    report_crl_dates(*ctx.certificates, ctx.options, r, *c.crl->node,
                     c.proxy ? "httpd refuses every backend certificate it covers"
                             : "httpd rejects every client certificate it covers");
  }
}

void apache_crl_chain_incomplete(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const ApacheCrl& c : checked_crls(ctx.apache)) {
    if (c.whole_chain) report_crl_gaps(*ctx.certificates, ctx.options, r, *c.crl->node, c.cas);
  }
}

}  // namespace staplint::checks
