// SL9001: a revocation directive in a block where nginx does not accept it.
#include "rules/nginx/SL9001_directive_not_allowed_here.hpp"
#include "checks/nginx/directives.hpp"

namespace staplint::checks::nginx {

void SL9001_directive_not_allowed_here::check(const CheckContext& ctx, Reporter& r) {
  for (const auto& [node, d, c, block] : known_directive_uses(ctx)) {
    const Node& n = *node;
    if (n.kind != NodeKind::directive || (d->contexts & c)) continue;
    // Name blocks staplint has no context for (mail, limit_except, ...) as written.
    const std::string where = c == kOther && block ? std::string(block->name()) : std::string(context_name(c));
    r.report(n.file(), n.name_range(), Fields{.context = where, .directive = n.name()});
  }
}

}  // namespace staplint::checks::nginx
