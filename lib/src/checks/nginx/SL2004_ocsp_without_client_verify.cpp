// SL2004: client OCSP checks are on but client certificates are not verified.
#include <map>

#include "checks/common/values.hpp"
#include "checks/nginx/servers.hpp"
#include "rules/nginx/SL2004_ocsp_without_client_verify.hpp"

namespace staplint::checks::nginx {

void SL2004_ocsp_without_client_verify::check(const CheckContext& ctx, Reporter& r) {
  std::vector<const Node*> order;
  std::map<const Node*, std::vector<std::string>> servers;
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!s.tls) continue;
    const Effective ocsp = s.effective("ssl_ocsp");
    if (!is_any(ocsp, {"on", "leaf"})) continue;
    const Effective verify = s.effective("ssl_verify_client");
    if (verify.node && !is_any(verify, {"off"})) continue;  // on/optional fine; optional_no_ca: SL2005
    auto [it, fresh] = servers.try_emplace(ocsp.node);
    if (fresh) order.push_back(ocsp.node);
    it->second.push_back(s.display_name);
  }
  for (const Node* ocsp : order) {
    r.report(ocsp->file(), ocsp->range, Fields{.servers = name_list("TLS server", servers[ocsp])});
  }
}

}  // namespace staplint::checks::nginx
