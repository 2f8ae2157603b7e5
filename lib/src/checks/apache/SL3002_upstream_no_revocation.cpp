// SL3002: upstream certificates are verified without a revocation check.
#include "rules/apache/SL3002_upstream_no_revocation.hpp"
#include "checks/apache/crl_settings.hpp"

namespace staplint::checks::apache {

void SL3002_upstream_no_revocation::check(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  for (const ApacheHost& h : m.hosts) {
    if (!proxies_tls(m, h)) continue;
    const ApacheEffective verify = m.effective(h, "SSLProxyVerify");
    if (!verify || verify_mode(verify.value()) != "require") continue;
    const CrlSettings crl = crl_settings(m, h, true);
    if (crl.checking() && crl.storage()) continue;
    Finding& f = r.report(verify.node()->file(), verify.node()->name_range(),
                          Fields{.crl = "SSLProxyCARevocationCheck' with 'SSLProxyCARevocationFile"});
    note_conditions(f, {verify.directive});
  }
}

}  // namespace staplint::checks::apache
