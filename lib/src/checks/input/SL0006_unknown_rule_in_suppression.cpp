// SL0006: an inline suppression names a rule that does not exist.
#include "rules/input/SL0006_unknown_rule_in_suppression.hpp"

namespace staplint::checks::input {

void SL0006_unknown_rule_in_suppression::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.suppressions || !ctx.catalog) return;
  for (const Suppression& s : *ctx.suppressions) {
    for (const Suppression::Rule& rule : s.rules) {
      if (ctx.catalog->find(rule.name)) continue;
      const auto hint = ctx.catalog->suggest(rule.name);
      Finding& f =
          r.report(s.file, rule.at, Fields{.advice = hint ? "; did you mean '" + *hint + "'?" : "", .rule = rule.name});
      if (hint) {
        TextEdit e{s.file, rule.at.begin, rule.at.end - rule.at.begin, *hint, {}};
        f.fixes.push_back({"use '" + *hint + "'", {e}, /*safe=*/false});
      }
    }
  }
}

}  // namespace staplint::checks::input
