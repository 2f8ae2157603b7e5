// SL1015: stapling or OCSP settings the configured server version does not have.
#include "rules/tomcat/SL1015_stapling_unsupported_context.hpp"
#include "checks/tomcat/certificate_facts.hpp"

namespace staplint::checks::tomcat {

void SL1015_stapling_unsupported_context::check(const CheckContext& ctx, Reporter& r) {
  const std::optional<Version> since = ctx.options.tomcat_client_ocsp_since();
  if (!since) return;
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    for (const Node* host : tomcat_host_configs(*c.node)) {
      for (std::string_view name : {"ocspEnabled", "ocspSoftFail", "ocspVerify"}) {
        const Node* a = xml_attribute(*host, name);
        if (!a) continue;
        Finding& f =
            r.report(a->file(), a->name_range(),
                     Fields{.detail = "'" + std::string(name) + "' is not available before Tomcat " +
                                      to_string(*since) + " (checking for " + to_string(*ctx.options.tomcat_version) +
                                      "); Tomcat ignores it with a warning"});
        f.severity = Severity::warning;
      }
    }
  }
}

}  // namespace staplint::checks::tomcat
