// SL0001..SL0005 and SL0007: problems met while reading and parsing, reported as findings.
#include <span>
#include <vector>

#include "apache_helpers.hpp"
#include "checks.hpp"

namespace staplint::checks {

namespace {

/// httpd opens an `Include` only where it reads it: an include inside a
/// section httpd skips (a false <IfModule>) is never opened, and one inside a
/// condition staplint cannot evaluate (<IfDefine X>) is opened only if it
/// holds. The include directive a problem was met at, or nullptr when httpd
/// never reads it; `found` says whether the tree has such a directive.
const ApacheDirective* apache_include_at(const CheckContext& ctx, const InputProblem& p, bool& found) {
  found = false;
  for (const ApacheDirective& d : ctx.apache.directives) {
    const Node& n = *d.node;
    if (n.kind != NodeKind::include || n.file() != p.file) continue;
    if (n.range.begin <= p.range.begin && p.range.begin < n.range.end) {
      found = true;
      return &d;
    }
  }
  return nullptr;
}

/// The tree has an include directive where `p` was met (walked without
/// recursion: nesting is bounded, but not by the stack).
bool include_node_at(std::span<const Node> top, const InputProblem& p) {
  std::vector<std::span<const Node>> stack{top};
  while (!stack.empty()) {
    const std::span<const Node> nodes = stack.back();
    stack.pop_back();
    for (const Node& n : nodes) {
      if (n.kind == NodeKind::include && n.file() == p.file && n.range.begin <= p.range.begin &&
          p.range.begin < n.range.end) {
        return true;
      }
      if (!n.children().empty()) stack.push_back(n.children());
    }
  }
  return false;
}

void report_kind(const CheckContext& ctx, Reporter& r, InputProblemKind kind) {
  const bool apache_include = ctx.tree.dialect == Dialect::apache &&
                              (kind == InputProblemKind::include_not_found || kind == InputProblemKind::include_cycle);
  for (const InputProblem& p : ctx.tree.problems) {
    if (p.kind != kind) continue;
    bool found = false;
    const ApacheDirective* include = apache_include ? apache_include_at(ctx, p, found) : nullptr;
    // An include in a section httpd skips (the model leaves it out): httpd
    // never opens the file, so there is nothing to report.
    if (apache_include && !found && include_node_at(ctx.tree.nodes, p)) continue;
    Finding& f = r.report(p.file, p.range, {{"detail", p.message}});
    f.notes = p.notes;
    if (p.fix) f.fixes.push_back(*p.fix);
    if (include) note_conditions(f, {include});
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
