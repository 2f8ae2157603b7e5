// SL5006: no TLS session.
#include "rules/live/SL5006_live_handshake_failed.hpp"
#include "checks/live/verdicts.hpp"

namespace staplint::checks::live {

void SL5006_live_handshake_failed::check(const LiveContext& ctx, Reporter& r) {
  const ProbedEndpoint& e = ctx.endpoint;
  auto pick = [](const LiveResult& x) { return x.verdict == LiveVerdict::handshake_failed; };
  auto key = [](const LiveResult& x) { return x.failure; };
  for (const VerdictGroup& g : group_results(e, pick, key)) {
    r.report(e.file, e.range, Fields{.detail = g.first->failure, .endpoint = endpoint_name(e), .tls = g.versions});
  }
}

}  // namespace staplint::checks::live
