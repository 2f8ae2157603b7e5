// SL0001..SL0005 and SL0007: problems met while reading and parsing, reported as findings.
#include "checks.hpp"

namespace staplint::checks {

namespace {
void report_kind(const CheckContext& ctx, Reporter& r, InputProblemKind kind) {
  for (const InputProblem& p : ctx.tree.problems) {
    if (p.kind != kind) continue;
    Finding& f = r.report(p.file, p.range, {{"detail", p.message}});
    f.notes = p.notes;
    if (p.fix) f.fixes.push_back(*p.fix);
  }
}
}  // namespace

void input_syntax_error(const CheckContext& ctx, Reporter& r) {
  report_kind(ctx, r, InputProblemKind::syntax);
}
void input_include_not_found(const CheckContext& ctx, Reporter& r) {
  report_kind(ctx, r, InputProblemKind::include_not_found);
}
void input_include_cycle(const CheckContext& ctx, Reporter& r) {
  report_kind(ctx, r, InputProblemKind::include_cycle);
}
void input_unreadable(const CheckContext& ctx, Reporter& r) {
  report_kind(ctx, r, InputProblemKind::unreadable);
}
void input_dialect_uncertain(const CheckContext& ctx, Reporter& r) {
  report_kind(ctx, r, InputProblemKind::dialect_uncertain);
}
void input_limit_exceeded(const CheckContext& ctx, Reporter& r) {
  report_kind(ctx, r, InputProblemKind::limit);
}

void input_unknown_rule_in_suppression(const CheckContext& ctx, Reporter& r) {
  if (!ctx.suppressions || !ctx.catalog) return;
  for (const Suppression& s : *ctx.suppressions) {
    for (const Suppression::Rule& rule : s.rules) {
      if (ctx.catalog->find(rule.name)) continue;
      const auto hint = ctx.catalog->suggest(rule.name);
      Finding& f = r.report(s.file, rule.at,
                            {{"rule", rule.name}, {"advice", hint ? "; did you mean '" + *hint + "'?" : ""}});
      if (hint) {
        TextEdit e{s.file, rule.at.begin, rule.at.end - rule.at.begin, *hint, {}};
        f.fixes.push_back({"use '" + *hint + "'", {e}, /*safe=*/false});
      }
    }
  }
}

}  // namespace staplint::checks
