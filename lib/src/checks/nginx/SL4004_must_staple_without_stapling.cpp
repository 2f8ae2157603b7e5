// SL4004: a Must-Staple certificate served by an endpoint that does not staple.
#include <algorithm>

#include "checks/nginx/certificate_facts.hpp"
#include "rules/nginx/SL4004_must_staple_without_stapling.hpp"
#include "staplint/verdict.hpp"

namespace staplint::checks::nginx {

void SL4004_must_staple_without_stapling::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!judged(s)) continue;
    const NginxStaplingFacts& facts = *nginx_stapling_facts(ctx.certificates, s);
    if (std::none_of(facts.served.begin(), facts.served.end(),
                     [](const ServedCertificate& c) { return c.leaf && c.leaf->must_staple; })) {
      continue;
    }
    const Stapling verdict = stapling_verdict(s, ctx.options, ctx.certificates);
    if (verdict == Stapling::on || verdict == Stapling::unknown || verdict == Stapling::fatal) continue;
    for (const ServedCertificate& c : facts.served) {
      if (!c.leaf || !c.leaf->must_staple) continue;
      const char* why = verdict == Stapling::off ? "stapling is off" : "nginx cannot staple it";
      if (verdict == Stapling::ineffective) {
        switch (staple_block(c, facts.responder_override)) {
          case StapleBlock::no_issuer:
            why = "its issuer is not found (SL4003)";
            break;
          case StapleBlock::no_ocsp_url:
            why = "it has no OCSP responder URL (SL4001)";
            break;
          default:
            break;
        }
      }
      r.report(c.directive->file(), c.directive->range,
               Fields{.certificate = c.path, .reason = why, .server = s.display_name});
    }
  }
}

}  // namespace staplint::checks::nginx
