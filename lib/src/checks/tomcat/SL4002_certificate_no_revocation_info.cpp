// SL4002: the served certificate names neither an OCSP responder nor a CRL, and is not short-lived.
#include <set>

#include "checks/tomcat/certificate_facts.hpp"
#include "rules/tomcat/SL4002_certificate_no_revocation_info.hpp"

namespace staplint::checks::tomcat {

void SL4002_certificate_no_revocation_info::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    const auto facts_owner = tomcat_stapling_facts(ctx.certificates, ctx.tomcat, ctx.jvm, c);
    for (const ServedCertificate& s : facts_owner->served) {
      if (!s.leaf || !s.leaf->ocsp_urls.empty() || !s.leaf->crl_urls.empty()) continue;
      if (short_lived(*s.leaf) || !reported.insert(s.directive).second) continue;
      r.report(s.directive->file(), s.directive->name_range(),
               Fields{.certificate = s.path, .days = std::to_string((s.leaf->not_after - s.leaf->not_before) / 86400)});
    }
  }
}

}  // namespace staplint::checks::tomcat
