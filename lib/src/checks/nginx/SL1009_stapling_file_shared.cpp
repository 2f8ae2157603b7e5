// SL1009: one 'ssl_stapling_file' serves several certificates.
#include "rules/nginx/SL1009_stapling_file_shared.hpp"
#include "checks/nginx/servers.hpp"

namespace staplint::checks::nginx {

void SL1009_stapling_file_shared::check(const CheckContext& ctx, Reporter& r) {
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!stapling_applies(ctx, s) || !s.effective("ssl_stapling").is_on()) continue;
    const Effective file = s.effective("ssl_stapling_file");
    const auto certs = s.all("ssl_certificate");
    if (!file.node || certs.size() < 2) continue;
    r.report(file.node->file(), file.node->range, Fields{.count = std::to_string(certs.size())});
  }
}

}  // namespace staplint::checks::nginx
