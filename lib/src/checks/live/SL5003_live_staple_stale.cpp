// SL5003: a stale staple.
#include "rules/live/SL5003_live_staple_stale.hpp"
#include "checks/live/verdicts.hpp"

namespace staplint::checks::live {

void SL5003_live_staple_stale::check(const LiveContext& ctx, Reporter& r) {
  const ProbedEndpoint& e = ctx.endpoint;
  auto pick = [](const LiveResult& x) { return x.verdict == LiveVerdict::stapled_stale; };
  auto key = [](const LiveResult& x) { return x.problem; };
  for (const VerdictGroup& g : group_results(e, pick, key)) {
    r.report(e.file, e.range, Fields{.endpoint = endpoint_name(e), .problem = g.first->problem, .tls = g.versions});
  }
}

}  // namespace staplint::checks::live
