// SL4001: the served certificate names no OCSP responder, so stapling has nothing to fetch.
#include <set>

#include "checks/nginx/certificate_facts.hpp"
#include "rules/nginx/SL4001_certificate_no_ocsp_url.hpp"

namespace staplint::checks::nginx {

void SL4001_certificate_no_ocsp_url::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!judged(s)) continue;
    const NginxStaplingFacts& facts = *nginx_stapling_facts(ctx.certificates, s);
    if (!facts.any_known || facts.responder_override || facts.stapling_file) continue;
    const bool stapling = s.effective("ssl_stapling").is_on();
    for (const ServedCertificate& c : facts.served) {
      if (!c.no_ocsp_url() || !reported.insert(c.directive).second) continue;
      Finding& f =
          r.report(c.directive->file(), c.directive->range,
                   Fields{.certificate = c.path,
                          .effect = stapling ? "'ssl_stapling' does nothing for it"
                                             : "it cannot be stapled, and enabling stapling would do nothing"});
      note_no_ocsp_url(f, c, c.directive->range, true);
    }
  }
}

}  // namespace staplint::checks::nginx
