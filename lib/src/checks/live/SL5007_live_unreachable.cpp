// SL5007: the endpoint cannot be connected to.
#include "rules/live/SL5007_live_unreachable.hpp"
#include "checks/live/verdicts.hpp"

namespace staplint::checks::live {

void SL5007_live_unreachable::check(const LiveContext& ctx, Reporter& r) {
  const ProbedEndpoint& e = ctx.endpoint;
  auto pick = [](const LiveResult& x) { return x.verdict == LiveVerdict::unreachable; };
  auto key = [](const LiveResult& x) { return x.failure; };
  for (const VerdictGroup& g : group_results(e, pick, key)) {
    r.report(e.file, e.range, Fields{.detail = g.first->failure, .endpoint = endpoint_name(e)});
  }
}

}  // namespace staplint::checks::live
