// SL4001: the served certificate names no OCSP responder, so stapling has nothing to fetch.
#include <set>

#include "checks/tomcat/certificate_facts.hpp"
#include "checks/tomcat/stapling.hpp"
#include "rules/tomcat/SL4001_certificate_no_ocsp_url.hpp"

namespace staplint::checks::tomcat {

void SL4001_certificate_no_ocsp_url::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    if (c.implementation == TlsImplementation::openssl) continue;  // SL1014: no stapling at all
    const auto facts_owner = tomcat_stapling_facts(ctx.certificates, ctx.tomcat, ctx.jvm, c);
    const TomcatStaplingFacts& facts = *facts_owner;
    if (facts.responder_override) continue;
    const bool stapling = jsse_staples(ctx, c);
    for (const ServedCertificate& s : facts.served) {
      if (!s.no_ocsp_url() || !reported.insert(s.directive).second) continue;
      Finding& f =
          r.report(s.directive->file(), s.directive->name_range(),
                   Fields{.certificate = s.path,
                          .effect = stapling ? "JSSE staples nothing for it ('no OCSP responses obtained')"
                                             : "it cannot be stapled, and enabling stapling would do nothing"});
      note_no_ocsp_url(f, s, s.directive->name_range(), false);
    }
  }
}

}  // namespace staplint::checks::tomcat
