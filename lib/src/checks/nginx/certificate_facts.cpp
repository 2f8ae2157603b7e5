// nginx: the facts of each TLS server's certificate files, computed once per
// server, and the CRL files nginx checks peer certificates against.
#include "checks/nginx/certificate_facts.hpp"

#include <set>

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

}  // namespace

const NginxStaplingFacts* nginx_stapling_facts(const CertificateLookup* certs, const NginxServer& s) {
  // Serial 0 stands for no lookup (no certificate read): no lookup has it.
  const std::uint64_t by = certs ? certs->serial : 0;
  const std::lock_guard lock(derived_facts_mutex());
  if (!s.derived || s.derived_by != by) {
    s.derived = std::make_shared<const NginxStaplingFacts>(compute_nginx_stapling_facts(certs, s));
    s.derived_by = by;
  }
  return static_cast<const NginxStaplingFacts*>(s.derived.get());
}

const std::vector<CheckedCrl>& nginx_checked_crls(const CheckContext& ctx) {
  const std::lock_guard lock(derived_facts_mutex());
  std::shared_ptr<const void>& slot = ctx.certificates->derived[&ctx.nginx.servers];
  if (!slot) slot = std::make_shared<const std::vector<CheckedCrl>>(compute_checked_crls(ctx));
  return *std::static_pointer_cast<const std::vector<CheckedCrl>>(slot);
}

}  // namespace staplint::checks
