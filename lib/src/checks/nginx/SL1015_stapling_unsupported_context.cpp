// SL1015: stapling or OCSP settings the configured server version does not have.
#include "rules/nginx/SL1015_stapling_unsupported_context.hpp"
#include "checks/nginx/directives.hpp"

namespace staplint::checks::nginx {

namespace {

bool in_stream(Context c) { return c == kStream || c == kStreamServer; }

}  // namespace

void SL1015_stapling_unsupported_context::check(const CheckContext& ctx, Reporter& r) {
  const auto& version = ctx.options.nginx_version;
  for (const auto& [node, d, c, block] : known_directive_uses(ctx)) {
    const Node& n = *node;
    if (!(d->contexts & c)) continue;
    // In http, only a known older version matters (ssl_ocsp before 1.19.0).
    if (!in_stream(c)) {
      if (d->http_since && version && *version < *d->http_since) {
        r.report(n.file(), n.name_range(),
                 Fields{.detail = "'" + std::string(n.name()) + "' is not available before nginx " +
                                  to_string(*d->http_since) + " (checking for " + to_string(*version) + ")"});
      }
      continue;
    }
    // With no '--nginx-version', staplint checks for current mainline, which
    // has every stream directive: nothing to say.
    if (!d->stream_since || !version || !(*version < *d->stream_since)) continue;
    r.report(n.file(), n.name_range(),
             Fields{.detail = "'" + std::string(n.name()) + "' is not available in 'stream' before nginx " +
                              to_string(*d->stream_since) + " (checking for " + to_string(*version) + ")"});
  }
}

}  // namespace staplint::checks::nginx
