// SL4006: a CRL client (or upstream) certificates are checked against is past its nextUpdate (error), or soon will be
// (warning).
#include "rules/nginx/SL4006_crl_expired.hpp"
#include "checks/nginx/certificate_facts.hpp"

namespace staplint::checks::nginx {

void SL4006_crl_expired::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const CheckedCrl& c : nginx_checked_crls(ctx)) {
    report_crl_dates<Fields>(*ctx.certificates, ctx.options, r, *c.crl,
                             c.upstream ? "nginx refuses every upstream certificate it covers"
                                        : "nginx rejects every client certificate it covers");
  }
}

}  // namespace staplint::checks::nginx
