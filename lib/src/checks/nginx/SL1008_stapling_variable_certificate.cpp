// SL1008: stapling is on for a certificate named through variables, which nginx never staples.
#include "rules/nginx/SL1008_stapling_variable_certificate.hpp"
#include "checks/nginx/servers.hpp"

namespace staplint::checks::nginx {

void SL1008_stapling_variable_certificate::check(const CheckContext& ctx, Reporter& r) {
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!stapling_applies(ctx, s)) continue;
    const Effective stapling = s.effective("ssl_stapling");
    if (!stapling.is_on()) continue;
    for (const Node* c : s.all("ssl_certificate")) {
      const ArgList path = c->args(2);  // exactly one
      if (path.size() != 1 || !path[0].has_variable()) continue;
      Finding& f = r.report(c->file(), c->range, Fields{});
      f.notes.push_back({stapling.node->file(), stapling.node->range, "stapling is turned on here"});
    }
  }
}

}  // namespace staplint::checks::nginx
