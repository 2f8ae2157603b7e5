// SL1011: stapling directives in a server that does not listen with TLS.
#include "rules/nginx/SL1011_stapling_without_tls.hpp"

namespace staplint::checks::nginx {

namespace {

bool is_stapling_directive(std::string_view name) {
  return name == "ssl_stapling" || name == "ssl_stapling_verify" || name == "ssl_stapling_file" ||
         name == "ssl_stapling_responder";
}

}  // namespace

void SL1011_stapling_without_tls::check(const CheckContext& ctx, Reporter& r) {
  for (const NginxServer& s : ctx.nginx.servers) {
    if (s.tls) continue;
    for (const Node* n : s.own) {
      if (n->kind == NodeKind::directive && is_stapling_directive(n->name())) {
        r.report(n->file(), n->range, Fields{.directive = n->name(), .server = s.display_name});
      }
    }
  }
}

}  // namespace staplint::checks::nginx
