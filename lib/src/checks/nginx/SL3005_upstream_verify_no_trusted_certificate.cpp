// SL3005: upstream verification without trusted certificates, which nginx refuses.
#include "rules/nginx/SL3005_upstream_verify_no_trusted_certificate.hpp"
#include "checks/nginx/upstreams.hpp"

namespace staplint::checks::nginx {

void SL3005_upstream_verify_no_trusted_certificate::check(const CheckContext& ctx, Reporter& r) {
  for (const UpstreamUse& u : upstream_uses(ctx)) {
    if (!flag_is_on(u.verify) || u.trusted) continue;
    Finding& f =
        r.report(u.verify->file(), u.verify->range,
                 Fields{.directive = u.verify->name(), .trusted = name_of(*u.module, "_ssl_trusted_certificate")});
    f.notes.push_back({u.pass->file(), u.pass->range, "nginx checks it for this TLS upstream"});
  }
}

}  // namespace staplint::checks::nginx
