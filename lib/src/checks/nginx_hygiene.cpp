// SL9001 directive-not-allowed-here, SL9002 invalid-directive-value,
// SL9004 duplicate-directive and SL1015 stapling-unsupported-context: the
// directive-level problems nginx itself refuses (or, for SL1015, refuses
// before 1.27.2).
#include <algorithm>
#include <map>

#include "checks.hpp"
#include "value_helpers.hpp"
#include "edit_helpers.hpp"
#include "nginx_directives.hpp"

namespace staplint::checks {

namespace {

bool in_stream(Context c) { return c == kStream || c == kStreamServer; }

}  // namespace

void nginx_directive_not_allowed_here(const CheckContext& ctx, Reporter& r) {
  for (const auto& [node, d, c, block] : known_directive_uses(ctx)) {
    const Node& n = *node;
    if (n.kind != NodeKind::directive || (d->contexts & c)) continue;
    // Name blocks staplint has no context for (mail, limit_except, ...) as written.
    const std::string where = c == kOther && block ? std::string(block->name())
                                                   : std::string(context_name(c));
    r.report(n.file(), n.name_range(), {{"directive", std::string(n.name())}, {"context", where}});
  }
}

void nginx_stapling_unsupported_context(const CheckContext& ctx, Reporter& r) {
  const auto& version = ctx.options.nginx_version;
  for (const auto& [node, d, c, block] : known_directive_uses(ctx)) {
    const Node& n = *node;
    if (!(d->contexts & c)) continue;
    // In http, only a known older version matters (ssl_ocsp before 1.19.0).
    if (!in_stream(c)) {
      if (d->http_since && version && *version < *d->http_since) {
        r.report(n.file(), n.name_range(),
                 {{"detail", "'" + std::string(n.name()) + "' is not available before nginx " +
                                 to_string(*d->http_since) + " (checking for " + to_string(*version) +
                                 ")"}});
      }
      continue;
    }
    // With no '--nginx-version', staplint checks for current mainline, which
    // has every stream directive: nothing to say.
    if (!d->stream_since || !version || !(*version < *d->stream_since)) continue;
    r.report(n.file(), n.name_range(),
             {{"detail", "'" + std::string(n.name()) + "' is not available in 'stream' before nginx " +
                             to_string(*d->stream_since) + " (checking for " + to_string(*version) + ")"}});
  }
}

void nginx_invalid_directive_value(const CheckContext& ctx, Reporter& r) {
  for (const DirectiveUse& use : known_directive_uses(ctx)) {
    const Node& n = *use.node;
    const DirectiveInfo* d = use.info;
    if (n.kind != NodeKind::directive) continue;
    const std::string name(n.name());
    const std::size_t argc = n.args().size();
    const bool count_ok = d->kind == ValueKind::one_or_more ? argc >= 1 : argc == 1;
    if (!count_ok) {
      r.report(n.file(), n.range,
               {{"detail", "'" + name + "' takes " +
                               (d->kind == ValueKind::one_or_more ? "at least one argument"
                                                                  : "one argument") +
                               ", not " + std::to_string(argc)}});
      continue;
    }
    if (d->kind != ValueKind::flag && d->kind != ValueKind::enumerated) continue;
    const std::vector<std::string_view> allowed =
        d->kind == ValueKind::flag ? std::vector<std::string_view>{"on", "off"} : d->values;
    const Arg& a = n.args()[0];
    if (std::any_of(allowed.begin(), allowed.end(),
                    [&](std::string_view v) { return iequals(a.value, v); })) {
      continue;
    }
    Finding& f = r.report(n.file(), a.range,
                          {{"detail", "invalid value '" + std::string(a.value) + "' for '" + name +
                                          "'; it must be " + join_values(allowed)}});
    if (d->kind == ValueKind::flag) {
      if (auto fixed = flag_synonym(a.value)) {
        f.fixes.push_back({"use '" + *fixed + "'", {replace_first_arg(n, *fixed)}, /*safe=*/true});
      }
    }
  }
}

void nginx_duplicate_directive(const CheckContext& ctx, Reporter& r) {
  // The first occurrence of each directive per enclosing block (includes are
  // flattened: nginx reads included text in place).
  std::map<std::pair<const Node*, std::string_view>, const Node*> first;
  for (const DirectiveUse& use : known_directive_uses(ctx)) {
    const Node& n = *use.node;
    if (n.kind != NodeKind::directive) continue;
    auto [it, inserted] = first.emplace(std::make_pair(use.block, n.name()), &n);
    if (inserted) continue;
    const Node& prev = *it->second;
    Finding& f = r.report(n.file(), n.name_range(), {{"directive", std::string(n.name())}});
    f.notes.push_back({prev.file(), prev.name_range(), "first set here"});
    const ArgList a = prev.args(), b = n.args();
    const bool same = std::equal(a.begin(), a.end(), b.begin(), b.end(),
                                 [](const Arg& x, const Arg& y) { return x.value == y.value; });
    if (same && prev.file() == n.file()) {
      f.fixes.push_back({"remove the repeated directive", {delete_statement(ctx.sources, n)}, /*safe=*/true});
    }
  }
}

}  // namespace staplint::checks
