// SL2001: client certificates are verified without any revocation check.
#include "rules/tomcat/SL2001_client_cert_no_revocation.hpp"
#include "checks/jvm/option_edit.hpp"
#include "checks/tomcat/client_verification.hpp"
#include "staplint/text.hpp"

namespace staplint::checks::tomcat {

void SL2001_client_cert_no_revocation::check(const CheckContext& ctx, Reporter& r) {
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    for (const Node* host : tomcat_host_configs(*c.node)) {
      if (verifies_clients(ctx, *host) != true) continue;
      // A CRL file enables revocation checks by itself; revocationEnabled
      // (JSSE) uses the JVM's PKIX checking; ocspEnabled checks with OCSP.
      // A value staplint cannot resolve may turn any of them on.
      const auto crl_file = host_attr(ctx, *host, "certificateRevocationListFile", "crlFile");
      const auto crl_path = attr(ctx, *host, "certificateRevocationListPath");
      const auto enabled = attr(ctx, *host, "revocationEnabled");
      const auto ocsp = attr(ctx, *host, "ocspEnabled");
      if (!crl_file || !crl_path || !enabled || !ocsp) continue;
      const std::optional<Version> ocsp_since = ctx.options.tomcat_client_ocsp_since();
      const bool ocsp_on = iequals(*ocsp, "true");
      const bool revocation =
          !crl_file->empty() || !crl_path->empty() || iequals(*enabled, "true") || (ocsp_on && !ocsp_since);
      if (revocation) continue;
      const Node* at = verification_attribute(*host);
      const auto name = host->name() == "SSLHostConfig" ? attr(ctx, *host, "hostName") : std::nullopt;
      const std::string server = name && !name->empty() ? c.display_name + " (" + *name + ")" : c.display_name;
      Finding& f = r.report(host->file(), at ? at->name_range() : host->name_range(), Fields{.server = server});
      if (ocsp_on) {
        const Node* o = xml_attribute(*host, "ocspEnabled");
        f.notes.push_back({o->file(), o->name_range(),
                           "'ocspEnabled' does nothing before Tomcat " + to_string(*ocsp_since) + " (checking for " +
                               to_string(*ctx.options.tomcat_version) + ")"});
      }
    }
  }
}

}  // namespace staplint::checks::tomcat
