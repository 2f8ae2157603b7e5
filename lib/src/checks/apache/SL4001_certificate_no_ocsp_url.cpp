// SL4001: the served certificate names no OCSP responder, so stapling has nothing to fetch.
#include <set>

#include "checks/apache/certificate_facts.hpp"
#include "checks/apache/directives.hpp"
#include "checks/apache/stapling.hpp"
#include "rules/apache/SL4001_certificate_no_ocsp_url.hpp"

namespace staplint::checks::apache {

void SL4001_certificate_no_ocsp_url::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const ApacheHost* h : tls_hosts(ctx.apache)) {
    const auto facts_owner = apache_stapling_facts(ctx.certificates, ctx.apache, *h);
    const ApacheStaplingFacts& facts = *facts_owner;
    if (facts.responder_override) continue;
    const bool stapling = ctx.apache.effective(*h, "SSLUseStapling").is_on() || ctx.apache.md_stapling(*h);
    for (const ServedCertificate& c : facts.served) {
      if (!c.no_ocsp_url() || !reported.insert(c.directive).second) continue;
      Finding& f =
          r.report(c.directive->file(), c.directive->range,
                   Fields{.certificate = c.path,
                          .effect = stapling ? "'SSLUseStapling' does nothing for it (AH02218)"
                                             : "it cannot be stapled, and enabling stapling would do nothing"});
      note_conditions(f, {directive_of(facts, c.directive)});
      note_no_ocsp_url(f, c, c.directive->range, false);
    }
  }
}

}  // namespace staplint::checks::apache
