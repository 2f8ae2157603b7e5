// SL4008: the CRL file lacks the CRL of a CA that client (or upstream) certificates chain to.
#include "rules/nginx/SL4008_crl_chain_incomplete.hpp"
#include "checks/nginx/certificate_facts.hpp"

namespace staplint::checks::nginx {

void SL4008_crl_chain_incomplete::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const CheckedCrl& c : nginx_checked_crls(ctx))
    report_crl_gaps<Fields>(*ctx.certificates, ctx.options, r, *c.crl, c.cas);
}

}  // namespace staplint::checks::nginx
