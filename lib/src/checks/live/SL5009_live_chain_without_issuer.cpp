// SL5009: the served chain lacks the certificate's issuer.
#include "rules/live/SL5009_live_chain_without_issuer.hpp"
#include "checks/live/verdicts.hpp"

namespace staplint::checks::live {

void SL5009_live_chain_without_issuer::check(const LiveContext& ctx, Reporter& r) {
  const ProbedEndpoint& e = ctx.endpoint;
  auto pick = [](const LiveResult& x) { return x.leaf && !x.chain_has_issuer && !x.leaf->self_issued; };
  auto key = [](const LiveResult& x) { return x.leaf->issuer; };
  for (const VerdictGroup& g : group_results(e, pick, key)) {
    r.report(e.file, e.range, Fields{.endpoint = endpoint_name(e), .issuer = g.first->leaf->issuer, .tls = g.versions});
  }
}

}  // namespace staplint::checks::live
