// SL1002: OCSP responses are stapled without being verified.
#include "rules/nginx/SL1002_stapling_unverified.hpp"
#include "checks/common/edits.hpp"
#include "checks/nginx/servers.hpp"

namespace staplint::checks::nginx {

void SL1002_stapling_unverified::check(const CheckContext& ctx, Reporter& r) {
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!stapling_applies(ctx, s)) continue;
    const Effective stapling = s.effective("ssl_stapling");
    if (!stapling.is_on()) continue;
    const Effective verify = s.effective("ssl_stapling_verify");
    if (verify.is_on()) continue;
    const bool explicit_off = verify.node && verify.origin == Origin::server;
    const Node& at = explicit_off ? *verify.node : *stapling.node;
    Finding& f = r.report(at.file(), at.range, Fields{});
    Fix fix;
    fix.description = "verify stapled OCSP responses";
    if (verify.node && verify.node->args().size() == 1) {
      fix.edits.push_back(replace_first_arg(*verify.node, "on"));
    } else if (verify.node) {
      continue;  // a malformed directive: nginx rejects it, no mechanical fix
    } else {
      fix.edits.push_back(insert_after(ctx.sources, *stapling.node, {"ssl_stapling_verify on;"}));
    }
    f.fixes.push_back(std::move(fix));
  }
}

}  // namespace staplint::checks::nginx
