// SL5010: the live verdict contradicts the configuration's.
#include "rules/live/SL5010_live_configuration_disagrees.hpp"
#include "checks/live/verdicts.hpp"

namespace staplint::checks::live {

void SL5010_live_configuration_disagrees::check(const LiveContext& ctx, Reporter& r) {
  const ProbedEndpoint& e = ctx.endpoint;
  if (!e.configured) return;
  const Stapling configured = *e.configured;
  auto pick = [configured](const LiveResult& x) {
    return compare_configured(configured, x).kind == Agreement::Kind::disagrees;
  };
  auto key = [configured](const LiveResult& x) {
    return std::string(to_string(x.verdict)) + "\n" + compare_configured(configured, x).why;
  };
  for (const VerdictGroup& g : group_results(e, pick, key)) {
    r.report(e.file, e.range,
             Fields{.configured = std::string(to_string(configured)),
                    .endpoint = endpoint_name(e),
                    .tls = g.versions,
                    .verdict = std::string(to_string(g.first->verdict)),
                    .why = compare_configured(configured, *g.first).why});
  }
}

}  // namespace staplint::checks::live
