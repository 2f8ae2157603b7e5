// SL0001..SL0005 and SL0007: problems met while reading and parsing, reported as findings.
#include <algorithm>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "apache_helpers.hpp"
#include "checks.hpp"

namespace staplint::checks {

namespace {

/// httpd opens an `Include` only where it reads it: an include inside a
/// section httpd skips (a false <IfModule>) is never opened, and one inside a
/// condition staplint cannot evaluate (<IfDefine X>) is opened only if it
/// holds. Every include of the tree by where it starts, with its directive
/// in the Apache model (nullptr: in a section httpd skips). Built once per
/// tree, without recursion.
struct ApacheIncludes {
  std::map<std::pair<FileId, std::uint32_t>, std::pair<const Node*, const ApacheDirective*>> at;
  explicit ApacheIncludes(const CheckContext& ctx) {
    std::vector<std::span<const Node>> stack{ctx.tree.nodes};
    while (!stack.empty()) {
      const std::span<const Node> nodes = stack.back();
      stack.pop_back();
      for (const Node& n : nodes) {
        if (n.kind == NodeKind::include) at[{n.file(), n.range.begin}] = {&n, nullptr};
        if (!n.children().empty()) stack.push_back(n.children());
      }
    }
    for (const ApacheDirective& d : ctx.apache.directives) {
      if (d.node->kind != NodeKind::include) continue;
      if (auto it = at.find({d.node->file(), d.node->range.begin}); it != at.end()) it->second.second = &d;
    }
  }
  /// The include node `p` was met at, or nullptr.
  const std::pair<const Node*, const ApacheDirective*>* find(const InputProblem& p) const {
    auto it = at.upper_bound({p.file, p.range.begin});
    if (it == at.begin()) return nullptr;
    --it;
    const Node& n = *it->second.first;
    if (n.file() != p.file || p.range.begin >= n.range.end) return nullptr;
    return &it->second;
  }
};

void report_kind(const CheckContext& ctx, Reporter& r, InputProblemKind kind) {
  const bool apache_include = ctx.tree.dialect == Dialect::apache &&
                              (kind == InputProblemKind::include_not_found || kind == InputProblemKind::include_cycle) &&
                              std::any_of(ctx.tree.problems.begin(), ctx.tree.problems.end(),
                                          [&](const InputProblem& p) { return p.kind == kind; });
  std::optional<ApacheIncludes> includes;
  if (apache_include) includes.emplace(ctx);
  for (const InputProblem& p : ctx.tree.problems) {
    if (p.kind != kind) continue;
    const auto* include = includes ? includes->find(p) : nullptr;
    // An include in a section httpd skips (the model leaves it out): httpd
    // never opens the file, so there is nothing to report.
    if (include && !include->second) continue;
    Finding& f = r.report(p.file, p.range, {{"detail", p.message}});
    f.notes = p.notes;
    if (p.fix) f.fixes.push_back(*p.fix);
    if (include) note_conditions(f, {include->second});
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
