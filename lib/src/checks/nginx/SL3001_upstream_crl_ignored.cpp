// SL3001: an upstream CRL that nginx never loads, because upstream verification is off.
#include "rules/nginx/SL3001_upstream_crl_ignored.hpp"
#include "checks/nginx/upstreams.hpp"

namespace staplint::checks::nginx {

void SL3001_upstream_crl_ignored::check(const CheckContext& ctx, Reporter& r) {
  for (const UpstreamUse& u : upstream_uses(ctx)) {
    if (!u.crl || flag_is_on(u.verify)) continue;
    Finding& f = r.report(u.crl->file(), u.crl->range,
                          Fields{.directive = u.crl->name(), .verify = name_of(*u.module, "_ssl_verify")});
    f.notes.push_back({u.pass->file(), u.pass->range,
                       "upstream certificates for this '" + std::string(u.pass->name()) + "' are not verified"});
  }
}

}  // namespace staplint::checks::nginx
