// SL1012: stapling verification or a stapling file while stapling is off.
#include <set>

#include "checks/nginx/servers.hpp"
#include "rules/nginx/SL1012_stapling_verify_without_stapling.hpp"

namespace staplint::checks::nginx {

void SL1012_stapling_verify_without_stapling::check(const CheckContext& ctx, Reporter& r) {
  // Directives that at least one stapling TLS server relies on.
  std::set<const Node*> used;
  for (const NginxServer& o : ctx.nginx.servers) {
    if (!o.tls || !o.effective("ssl_stapling").is_on()) continue;
    for (const char* name : {"ssl_stapling_verify", "ssl_stapling_file"}) {
      if (const Node* n = o.effective(name).node) used.insert(n);
    }
  }
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!stapling_applies(ctx, s) || s.effective("ssl_stapling").is_on()) continue;
    for (const char* name : {"ssl_stapling_verify", "ssl_stapling_file"}) {
      const Effective e = s.effective(name);
      if (!e.node || (std::string_view(name) == "ssl_stapling_verify" && !e.is_on())) continue;
      // An http-level setting is pointless only if no server that inherits it
      // staples.
      if (used.count(e.node)) continue;
      r.report(e.node->file(), e.node->range, Fields{.directive = name});
    }
  }
}

}  // namespace staplint::checks::nginx
