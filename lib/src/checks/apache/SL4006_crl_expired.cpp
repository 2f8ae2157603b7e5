// SL4006: a CRL client (or upstream) certificates are checked against is past its nextUpdate (error), or soon will be
// (warning).
#include "rules/apache/SL4006_crl_expired.hpp"
#include "checks/apache/certificate_facts.hpp"

namespace staplint::checks::apache {

void SL4006_crl_expired::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const ApacheCrl& c : apache_checked_crls(ctx.apache)) {
    report_crl_dates<Fields>(*ctx.certificates, ctx.options, r, *c.crl->node,
                             c.proxy ? "httpd refuses every backend certificate it covers"
                                     : "httpd rejects every client certificate it covers");
  }
}

}  // namespace staplint::checks::apache
