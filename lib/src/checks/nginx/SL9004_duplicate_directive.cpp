// SL9004: a revocation directive set twice in one block, which nginx refuses.
#include <map>

#include "checks/common/edits.hpp"
#include "checks/nginx/directives.hpp"
#include "rules/nginx/SL9004_duplicate_directive.hpp"

namespace staplint::checks::nginx {

void SL9004_duplicate_directive::check(const CheckContext& ctx, Reporter& r) {
  // The first occurrence of each directive per enclosing block (includes are
  // flattened: nginx reads included text in place).
  std::map<std::pair<const Node*, std::string_view>, const Node*> first;
  for (const DirectiveUse& use : known_directive_uses(ctx)) {
    const Node& n = *use.node;
    if (n.kind != NodeKind::directive) continue;
    auto [it, inserted] = first.emplace(std::make_pair(use.block, n.name()), &n);
    if (inserted) continue;
    const Node& prev = *it->second;
    Finding& f = r.report(n.file(), n.name_range(), Fields{.directive = n.name()});
    f.notes.push_back({prev.file(), prev.name_range(), "first set here"});
    const ArgList a = prev.args(), b = n.args();
    const bool same = std::equal(a.begin(), a.end(), b.begin(), b.end(),
                                 [](const Arg& x, const Arg& y) { return x.value == y.value; });
    if (same && prev.file() == n.file()) {
      f.fixes.push_back({"remove the repeated directive", {delete_statement(ctx.sources, n)}, /*safe=*/true});
    }
  }
}

}  // namespace staplint::checks::nginx
