// SL3002: upstream certificates are verified without a revocation check.
#include "rules/nginx/SL3002_upstream_no_revocation.hpp"
#include "checks/nginx/upstreams.hpp"

namespace staplint::checks::nginx {

void SL3002_upstream_no_revocation::check(const CheckContext& ctx, Reporter& r) {
  for (const UpstreamUse& u : upstream_uses(ctx)) {
    if (!flag_is_on(u.verify) || u.crl) continue;
    if (!u.trusted) continue;  // SL3005
    r.report(u.verify->file(), u.verify->range, Fields{.crl = name_of(*u.module, "_ssl_crl")});
  }
}

}  // namespace staplint::checks::nginx
