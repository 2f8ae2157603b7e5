#include "checks/input/problems.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <span>

#include "checks/apache/directives.hpp"

namespace staplint::checks::input {

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

}  // namespace

std::vector<ProblemSite> problems_of(const CheckContext& ctx, InputProblemKind kind) {
  const bool apache_include =
      ctx.tree.dialect == Dialect::apache &&
      (kind == InputProblemKind::include_not_found || kind == InputProblemKind::include_cycle) &&
      std::any_of(ctx.tree.problems.begin(), ctx.tree.problems.end(),
                  [&](const InputProblem& p) { return p.kind == kind; });
  std::optional<ApacheIncludes> includes;
  if (apache_include) includes.emplace(ctx);
  std::vector<ProblemSite> out;
  for (const InputProblem& p : ctx.tree.problems) {
    if (p.kind != kind) continue;
    const auto* include = includes ? includes->find(p) : nullptr;
    // An include in a section httpd skips: httpd never opens the file, so
    // there is nothing to report.
    if (include && !include->second) continue;
    out.push_back({&p, include ? include->second : nullptr});
  }
  return out;
}

void complete(Finding& f, const ProblemSite& site) {
  f.notes = site.problem->notes;
  if (site.problem->fix) f.fixes.push_back(*site.problem->fix);
  if (site.include) note_conditions(f, {site.include});
}

}  // namespace staplint::checks::input
