// SL4004: a Must-Staple certificate served by an endpoint that does not staple.
#include <algorithm>

#include "checks/tomcat/certificate_facts.hpp"
#include "checks/tomcat/stapling.hpp"
#include "rules/tomcat/SL4004_must_staple_without_stapling.hpp"

namespace staplint::checks::tomcat {

void SL4004_must_staple_without_stapling::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    const Stapling verdict =
        tomcat_stapling_verdict(c, ctx.jvm, ctx.jvm_properties, ctx.options, &ctx.tomcat, ctx.certificates);
    if (verdict != Stapling::off && verdict != Stapling::ineffective) continue;
    const auto facts_owner = tomcat_stapling_facts(ctx.certificates, ctx.tomcat, ctx.jvm, c);
    const TomcatStaplingFacts& facts = *facts_owner;
    for (const ServedCertificate& s : facts.served) {
      if (!s.leaf || !s.leaf->must_staple) continue;
      const char* why = verdict == Stapling::off ? "stapling is off" : "Tomcat cannot staple it";
      if (verdict == Stapling::ineffective && jsse_staples(ctx, c)) {
        why = staple_block(s, facts.responder_override) == StapleBlock::no_issuer
                  ? "its chain has no issuer (SL4003)"
                  : "it has no OCSP responder URL (SL4001)";
      }
      r.report(s.directive->file(), s.directive->name_range(),
               Fields{.certificate = s.path, .reason = why, .server = c.display_name});
    }
  }
}

}  // namespace staplint::checks::tomcat
