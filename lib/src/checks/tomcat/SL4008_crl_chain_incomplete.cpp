// SL4008: the CRL file lacks the CRL of a CA that client (or upstream) certificates chain to.
#include "rules/tomcat/SL4008_crl_chain_incomplete.hpp"
#include "checks/tomcat/certificate_facts.hpp"

namespace staplint::checks::tomcat {

void SL4008_crl_chain_incomplete::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const TomcatCrl& t : tomcat_crls(ctx)) {
    // OpenSSL connectors check CRLs for the whole chain; JSSE's PKIX needs
    // them for the certificates below its trust anchor, which depends on the
    // path it builds: no claim.
    if (!t.openssl || !t.crl_file) continue;
    report_crl_file_gaps<Fields>(*ctx.certificates, ctx.options, r, *t.crl_file, t.cas, t.crl->file(),
                                 t.crl->name_range());
  }
}

}  // namespace staplint::checks::tomcat
