// SL4006: a CRL client (or upstream) certificates are checked against is past its nextUpdate (error), or soon will be
// (warning).
#include "rules/tomcat/SL4006_crl_expired.hpp"
#include "checks/tomcat/certificate_facts.hpp"

namespace staplint::checks::tomcat {

void SL4006_crl_expired::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const TomcatCrl& t : tomcat_crls(ctx)) {
    if (!t.crl_file) continue;
    report_crl_file_dates<Fields>(*ctx.certificates, ctx.options, r, *t.crl_file, t.crl->file(), t.crl->name_range(),
                                  "Tomcat rejects every client certificate it covers",
                                  "after that Tomcat rejects every client certificate it covers");
  }
}

}  // namespace staplint::checks::tomcat
