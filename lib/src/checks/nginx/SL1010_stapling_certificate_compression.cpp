// SL1010: stapling together with certificate compression, which nginx 1.29.3 and later refuse.
#include "rules/nginx/SL1010_stapling_certificate_compression.hpp"
#include "checks/common/edits.hpp"
#include "checks/nginx/servers.hpp"

namespace staplint::checks::nginx {

void SL1010_stapling_certificate_compression::check(const CheckContext& ctx, Reporter& r) {
  if (ctx.options.nginx_version && *ctx.options.nginx_version < Version{1, 29, 3}) return;
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!stapling_applies(ctx, s)) continue;
    const Effective stapling = s.effective("ssl_stapling");
    const Effective compression = s.effective("ssl_certificate_compression");
    if (!stapling.is_on() || !compression.is_on()) continue;
    Finding& f = r.report(stapling.node->file(), stapling.node->range, Fields{});
    f.notes.push_back(
        {compression.node->file(), compression.node->range, "'ssl_certificate_compression' is turned on here"});
    f.fixes.push_back(
        {"turn off certificate compression, which stapling excludes", {replace_first_arg(*compression.node, "off")}});
  }
}

}  // namespace staplint::checks::nginx
