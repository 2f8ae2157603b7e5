// Runs the live rules (live_rules.hpp) over probed endpoints.
#include "staplint/live_rules.hpp"

#include "staplint/rules.hpp"

namespace staplint {

std::vector<Finding> run_live_rules(const RuleCatalog& catalog, const std::vector<ProbedEndpoint>& endpoints,
                                    const RulePolicy& policy) {
  std::vector<Finding> out;
  for (const ProbedEndpoint& e : endpoints) {
    if (e.file == kNoFile) continue;
    const LiveContext ctx{e};
    for (const RuleSpec& spec : catalog.rules()) {
      const RuleBinding* binding = spec.binding_for(Dialect::live);
      // A catalog loaded at run time has no checks.
      if (!binding || !binding->live_fn || !policy.runs(spec.id)) continue;
      const std::size_t before = out.size();
      Reporter reporter(spec, *binding, out);
      binding->live_fn(ctx, reporter);
      if (auto s = policy.severity.find(spec.id); s != policy.severity.end()) {
        for (std::size_t i = before; i < out.size(); ++i) out[i].severity = s->second;
      }
    }
  }
  return out;
}

}  // namespace staplint
