// SL2004: client OCSP checks are on but client certificates are not verified.
#include "rules/tomcat/SL2004_ocsp_without_client_verify.hpp"
#include "checks/tomcat/client_verification.hpp"

namespace staplint::checks::tomcat {

void SL2004_ocsp_without_client_verify::check(const CheckContext& ctx, Reporter& r) {
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    for (const Node* host : tomcat_host_configs(*c.node)) {
      const Node* ocsp = xml_attribute(*host, "ocspEnabled");
      const auto on = ocsp ? ctx.tomcat.value(*ocsp) : std::nullopt;
      if (!on || !iequals(*on, "true") || verifies_clients(ctx, *host) != false) continue;
      if (ctx.options.tomcat_client_ocsp_since()) continue;  // SL1015: this Tomcat ignores it
      r.report(ocsp->file(), ocsp->name_range(), Fields{.server = c.display_name});
    }
  }
}

}  // namespace staplint::checks::tomcat
