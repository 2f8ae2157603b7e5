// SL9002: a revocation directive with a value or argument count nginx refuses.
#include <algorithm>

#include "checks/common/edits.hpp"
#include "checks/common/values.hpp"
#include "checks/nginx/directives.hpp"
#include "rules/nginx/SL9002_invalid_directive_value.hpp"

namespace staplint::checks::nginx {

void SL9002_invalid_directive_value::check(const CheckContext& ctx, Reporter& r) {
  for (const DirectiveUse& use : known_directive_uses(ctx)) {
    const Node& n = *use.node;
    const DirectiveInfo* d = use.info;
    if (n.kind != NodeKind::directive) continue;
    const std::string name(n.name());
    const std::size_t argc = n.args().size();
    const bool count_ok = d->kind == ValueKind::one_or_more ? argc >= 1 : argc == 1;
    if (!count_ok) {
      r.report(n.file(), n.range,
               Fields{.detail = "'" + name + "' takes " +
                                (d->kind == ValueKind::one_or_more ? "at least one argument" : "one argument") +
                                ", not " + std::to_string(argc)});
      continue;
    }
    if (d->kind != ValueKind::flag && d->kind != ValueKind::enumerated) continue;
    const std::vector<std::string_view> allowed =
        d->kind == ValueKind::flag ? std::vector<std::string_view>{"on", "off"} : d->values;
    const Arg& a = n.args()[0];
    if (std::any_of(allowed.begin(), allowed.end(), [&](std::string_view v) { return iequals(a.value, v); })) {
      continue;
    }
    Finding& f = r.report(n.file(), a.range,
                          Fields{.detail = "invalid value '" + std::string(a.value) + "' for '" + name +
                                           "'; it must be " + join_values(allowed)});
    if (d->kind == ValueKind::flag) {
      if (auto fixed = flag_synonym(a.value)) {
        f.fixes.push_back({"use '" + *fixed + "'", {replace_first_arg(n, *fixed)}, /*safe=*/true});
      }
    }
  }
}

}  // namespace staplint::checks::nginx
