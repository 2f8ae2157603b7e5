// SL4002: the served certificate names neither an OCSP responder nor a CRL, and is not short-lived.
#include <set>

#include "checks/nginx/certificate_facts.hpp"
#include "rules/nginx/SL4002_certificate_no_revocation_info.hpp"

namespace staplint::checks::nginx {

void SL4002_certificate_no_revocation_info::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  auto check = [&](const NginxServer& s) {
    if (!s.tls) return;
    for (const ServedCertificate& c : nginx_stapling_facts(ctx.certificates, s)->served) {
      const Node* d = c.directive;
      if (reported.count(d)) continue;
      if (!c.leaf || !c.leaf->ocsp_urls.empty() || !c.leaf->crl_urls.empty()) continue;
      if (short_lived(*c.leaf)) continue;  // short-lived: needs neither
      reported.insert(d);
      r.report(d->file(), d->range,
               Fields{.certificate = c.path, .days = std::to_string((c.leaf->not_after - c.leaf->not_before) / 86400)});
    }
  };
  for (const NginxServer& s : ctx.nginx.servers) check(s);
  for (const NginxServer& s : ctx.nginx.mail_servers) check(s);
}

}  // namespace staplint::checks::nginx
