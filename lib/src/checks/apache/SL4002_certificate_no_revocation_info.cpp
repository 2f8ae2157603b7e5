// SL4002: the served certificate names neither an OCSP responder nor a CRL, and is not short-lived.
#include <set>

#include "checks/apache/certificate_facts.hpp"
#include "checks/apache/directives.hpp"
#include "checks/apache/stapling.hpp"
#include "rules/apache/SL4002_certificate_no_revocation_info.hpp"

namespace staplint::checks::apache {

void SL4002_certificate_no_revocation_info::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const ApacheHost* h : tls_hosts(ctx.apache)) {
    for (const ApacheDirective* d : apache_in_force(ctx.apache, *h, "SSLCertificateFile")) {
      if (reported.count(d->node)) continue;
      const ServedCertificate c = serve(*ctx.certificates, d->node, {});
      if (!c.leaf || !c.leaf->ocsp_urls.empty() || !c.leaf->crl_urls.empty()) continue;
      if (short_lived(*c.leaf)) continue;
      reported.insert(d->node);
      Finding& f = r.report(
          d->node->file(), d->node->range,
          Fields{.certificate = c.path, .days = std::to_string((c.leaf->not_after - c.leaf->not_before) / 86400)});
      note_conditions(f, {d});
    }
  }
}

}  // namespace staplint::checks::apache
