// SL2001 client-cert-no-revocation, SL2004 ocsp-without-client-verify and
// SL2005 ocsp-optional-no-ca: revocation checks of client certificates.
#include <map>

#include "checks.hpp"
#include "nginx_directives.hpp"
#include "value_helpers.hpp"

namespace staplint::checks {

namespace {
bool is_any(const Effective& e, std::initializer_list<std::string_view> values) {
  if (!e.node || e.node->args().size() != 1) return false;
  for (std::string_view v : values) {
    if (iequals(e.node->args()[0].value, v)) return true;
  }
  return false;
}
}  // namespace

void nginx_client_cert_no_revocation(const CheckContext& ctx, Reporter& r) {
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
    r.report(verify->file(), verify->range,
             {{"servers", name_list(servers[verify].mail ? "TLS mail server" : "TLS server", servers[verify].names)}});
  }
}

void nginx_ocsp_without_client_verify(const CheckContext& ctx, Reporter& r) {
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
    r.report(ocsp->file(), ocsp->range, {{"servers", name_list("TLS server", servers[ocsp])}});
  }
}

void nginx_ocsp_optional_no_ca(const CheckContext& ctx, Reporter& r) {
  // nginx checks the pair only for servers with TLS (seen with nginx 1.22:
  // a plain-http server with both passes `nginx -t`).
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!s.tls) continue;
    const Effective ocsp = s.effective("ssl_ocsp");
    const Effective verify = s.effective("ssl_verify_client");
    if (!is_any(ocsp, {"on", "leaf"}) || !is_any(verify, {"optional_no_ca"})) continue;
    Finding& f = r.report(ocsp.node->file(), ocsp.node->range, {});
    f.notes.push_back({verify.node->file(), verify.node->range, "'ssl_verify_client optional_no_ca' is set here"});
  }
}

}  // namespace staplint::checks
