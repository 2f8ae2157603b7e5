// Apache httpd: the facts of each TLS host's certificate files, computed once
// per host, and the CRL files httpd checks peer certificates against.
#include "checks/apache/certificate_facts.hpp"

#include <set>

#include "checks/apache/directives.hpp"

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

ApacheStaplingFacts compute_apache_stapling_facts(const CertificateLookup* certs, const ApacheModel& m,
                                                  const ApacheHost& h) {
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

std::shared_ptr<const ApacheStaplingFacts> apache_stapling_facts(const CertificateLookup* certs, const ApacheModel& m,
                                                                 const ApacheHost& h) {
  if (!certs) return std::make_shared<const ApacheStaplingFacts>(compute_apache_stapling_facts(certs, m, h));
  const std::lock_guard lock(derived_facts_mutex());
  std::shared_ptr<const void>& slot = certs->derived[&h];
  if (!slot) slot = std::make_shared<const ApacheStaplingFacts>(compute_apache_stapling_facts(certs, m, h));
  return std::static_pointer_cast<const ApacheStaplingFacts>(slot);
}

std::vector<ApacheCrl> apache_checked_crls(const ApacheModel& m) {
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

}  // namespace staplint::checks
