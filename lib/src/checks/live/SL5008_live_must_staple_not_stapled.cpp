// SL5008: a Must-Staple certificate without a staple clients accept.
#include "rules/live/SL5008_live_must_staple_not_stapled.hpp"
#include "checks/live/verdicts.hpp"

namespace staplint::checks::live {

void SL5008_live_must_staple_not_stapled::check(const LiveContext& ctx, Reporter& r) {
  const ProbedEndpoint& e = ctx.endpoint;
  auto what = [](const LiveResult& x) {
    return x.stapled_at == 0 ? std::string("without a staple")
                             : "with a staple clients reject (" + std::string(to_string(x.verdict)) + ")";
  };
  auto pick = [](const LiveResult& x) {
    return x.leaf && x.leaf->must_staple &&
           (x.verdict == LiveVerdict::no_staple || x.verdict == LiveVerdict::no_ocsp_url ||
            x.verdict == LiveVerdict::stapled_revoked || x.verdict == LiveVerdict::stapled_stale ||
            x.verdict == LiveVerdict::stapled_invalid);
  };
  for (const VerdictGroup& g : group_results(e, pick, what)) {
    r.report(e.file, e.range, Fields{.endpoint = endpoint_name(e), .tls = g.versions, .what = what(*g.first)});
  }
}

}  // namespace staplint::checks::live
