// nginx: questions about a server's effective settings that several rules
// ask: can its stapling be judged, does a directive hold one of some values.
#pragma once

#include <initializer_list>
#include <string_view>

#include "staplint/engine.hpp"
#include "staplint/text.hpp"

namespace staplint::checks::nginx {

/// Stapling directives exist in `stream {}` only from nginx 1.27.2.
inline bool stream_stapling_supported(const CheckContext& ctx) {
  return !ctx.options.nginx_version || !(*ctx.options.nginx_version < Version{1, 27, 2});
}

/// Stapling can be judged for this server: it listens with TLS, and it is not
/// a stream server of an nginx without stream stapling (SL1015 says so).
inline bool stapling_applies(const CheckContext& ctx, const NginxServer& s) {
  return s.tls && !s.rejects_handshakes && (!s.stream || stream_stapling_supported(ctx));
}

/// The directive is set with one argument, one of `values`
/// (case-insensitively).
inline bool is_any(const Effective& e, std::initializer_list<std::string_view> values) {
  if (!e.node || e.node->args().size() != 1) return false;
  for (std::string_view v : values) {
    if (iequals(e.node->args()[0].value, v)) return true;
  }
  return false;
}

}  // namespace staplint::checks::nginx
