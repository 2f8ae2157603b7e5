// SL2005: client OCSP with 'ssl_verify_client optional_no_ca', which nginx refuses.
#include "rules/nginx/SL2005_ocsp_optional_no_ca.hpp"
#include "checks/nginx/servers.hpp"

namespace staplint::checks::nginx {

void SL2005_ocsp_optional_no_ca::check(const CheckContext& ctx, Reporter& r) {
  // nginx checks the pair only for servers with TLS (seen with nginx 1.22:
  // a plain-http server with both passes `nginx -t`).
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!s.tls) continue;
    const Effective ocsp = s.effective("ssl_ocsp");
    const Effective verify = s.effective("ssl_verify_client");
    if (!is_any(ocsp, {"on", "leaf"}) || !is_any(verify, {"optional_no_ca"})) continue;
    Finding& f = r.report(ocsp.node->file(), ocsp.node->range, Fields{});
    f.notes.push_back({verify.node->file(), verify.node->range, "'ssl_verify_client optional_no_ca' is set here"});
  }
}

}  // namespace staplint::checks::nginx
