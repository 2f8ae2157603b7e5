// SL5002: a staple that says the certificate is revoked.
#include "rules/live/SL5002_live_staple_revoked.hpp"
#include "checks/live/verdicts.hpp"
#include "staplint/unix_time.hpp"

namespace staplint::checks::live {

void SL5002_live_staple_revoked::check(const LiveContext& ctx, Reporter& r) {
  const ProbedEndpoint& e = ctx.endpoint;
  auto since = [](const LiveResult& x) {
    return x.staple && x.staple->revoked_at ? " since " + format_timestamp(*x.staple->revoked_at) : std::string();
  };
  auto pick = [](const LiveResult& x) { return x.verdict == LiveVerdict::stapled_revoked; };
  for (const VerdictGroup& g : group_results(e, pick, since)) {
    r.report(e.file, e.range, Fields{.endpoint = endpoint_name(e), .since = since(*g.first), .tls = g.versions});
  }
}

}  // namespace staplint::checks::live
