// What nginx knows about the directives staplint checks: where each may stand,
// what values it takes, whether a second one in a block is "duplicate", and
// since when the stream module has it. Facts from nginx's ngx_command_t tables
// (docs/server-facts.md §1.1), checked against nginx -t.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "staplint/config_tree.hpp"
#include "staplint/engine.hpp"
#include "staplint/text.hpp"

namespace staplint::checks {

enum Context : std::uint16_t {
  kMain = 1 << 0,
  kHttp = 1 << 1,
  kHttpServer = 1 << 2,
  kHttpLocation = 1 << 3,
  kIf = 1 << 4,
  kStream = 1 << 5,
  kStreamServer = 1 << 6,
  kUpstream = 1 << 7,
  kMail = 1 << 8,
  kMailServer = 1 << 9,
  kOther = 1 << 10,  ///< events, limit_except, ...
};

std::string_view context_name(Context c);

enum class ValueKind : std::uint8_t { flag, one, enumerated, one_or_more };

struct DirectiveInfo {
  std::string_view name;
  std::uint16_t contexts;  ///< where nginx accepts it
  ValueKind kind;
  std::vector<std::string_view> values;  ///< for `enumerated`
  /// In `stream {}` only from this version (stapling and ssl_ocsp: 1.27.2).
  std::optional<Version> stream_since;
  /// In `http {}` only from this version (ssl_ocsp: 1.19.0).
  std::optional<Version> http_since = {};
};

/// The directive, if staplint knows it.
const DirectiveInfo* find_directive(std::string_view name);

/// Calls `fn(node, context, enclosing block)` for every directive of the tree
/// (includes flattened), with the context nginx parses it in. The contents of
/// blocks nginx does not read as directives (map, geo, types, ..., Lua) are
/// skipped.
void for_each_in_context(const ConfigTree& tree, const std::function<void(const Node&, Context, const Node*)>& fn);

/// One directive of the table (find_directive), where nginx reads it.
struct DirectiveUse {
  const Node* node;
  const DirectiveInfo* info;
  Context context;
  const Node* block;  ///< the enclosing block; nullptr at top level
};
struct DirectiveUses {
  std::vector<DirectiveUse> uses;  ///< in file order
};

/// Every use of a known directive in the tree, as for_each_in_context would
/// visit them; walked once per tree and cached in the context.
const std::vector<DirectiveUse>& known_directive_uses(const CheckContext& ctx);

}  // namespace staplint::checks
