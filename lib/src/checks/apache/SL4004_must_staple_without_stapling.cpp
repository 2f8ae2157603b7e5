// SL4004: a Must-Staple certificate served by an endpoint that does not staple.
#include <algorithm>

#include "checks/apache/certificate_facts.hpp"
#include "checks/apache/directives.hpp"
#include "checks/apache/stapling.hpp"
#include "rules/apache/SL4004_must_staple_without_stapling.hpp"
#include "staplint/verdict.hpp"

namespace staplint::checks::apache {

void SL4004_must_staple_without_stapling::check(const CheckContext& ctx, Reporter& r) {
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
                            Fields{.certificate = c.path, .reason = why, .server = h->display_name});
      note_conditions(f, {directive_of(facts, c.directive)});
    }
  }
}

}  // namespace staplint::checks::apache
