// SL4008: the CRL file lacks the CRL of a CA that client (or upstream) certificates chain to.
#include "rules/apache/SL4008_crl_chain_incomplete.hpp"
#include "checks/apache/certificate_facts.hpp"

namespace staplint::checks::apache {

void SL4008_crl_chain_incomplete::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const ApacheCrl& c : apache_checked_crls(ctx.apache)) {
    if (c.whole_chain) report_crl_gaps<Fields>(*ctx.certificates, ctx.options, r, *c.crl->node, c.cas);
  }
}

}  // namespace staplint::checks::apache
