// SL2001: client certificates are verified without any revocation check.
#include <map>

#include "checks/common/values.hpp"
#include "checks/nginx/servers.hpp"
#include "rules/nginx/SL2001_client_cert_no_revocation.hpp"

namespace staplint::checks::nginx {

void SL2001_client_cert_no_revocation::check(const CheckContext& ctx, Reporter& r) {
  // One finding per 'ssl_verify_client' line, naming every server that
  // inherits it: an http-level line serves many servers. Mail servers verify
  // client certificates too (ngx_mail_ssl_module), with 'ssl_crl' only.
  struct Served {
    std::vector<std::string> names;
    bool mail = false;  // a line serves http/stream or mail servers, never both
  };
  std::vector<const Node*> order;
  std::map<const Node*, Served> servers;
  for (const auto* list : {&ctx.nginx.servers, &ctx.nginx.mail_servers}) {
    for (const NginxServer& s : *list) {
      if (!s.tls) continue;
      const Effective verify = s.effective("ssl_verify_client");
      if (!is_any(verify, {"on", "optional"})) continue;
      if (s.effective("ssl_crl").node || (!s.mail && is_any(s.effective("ssl_ocsp"), {"on", "leaf"}))) continue;
      auto [it, fresh] = servers.try_emplace(verify.node);
      if (fresh) order.push_back(verify.node);
      it->second.names.push_back(s.display_name);
      it->second.mail = s.mail;
    }
  }
  for (const Node* verify : order) {
    r.report(
        verify->file(), verify->range,
        Fields{.servers = name_list(servers[verify].mail ? "TLS mail server" : "TLS server", servers[verify].names)});
  }
}

}  // namespace staplint::checks::nginx
