// Mutable state threaded through the nginx grammar's context: the buffer start
// (to turn iterators into byte offsets), nesting depth, and the first error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "nginx_parser.hpp"

namespace staplint::grammar::nginx::parser {

struct state_tag;

struct parse_state {
  const char* begin = nullptr;
  unsigned depth = 0;
  unsigned max_depth = 100;
  std::optional<syntax_error> error;

  std::uint32_t offset(const char* it) const {
    return static_cast<std::uint32_t>(it - begin);
  }
  /// Records an error unless an inner rule already reported a better one.
  void report(syntax_error e) {
    if (!error) error = std::move(e);
  }
};

/// Thrown from inside the grammar when blocks nest deeper than allowed; it
/// unwinds the recursion at once instead of letting the stack grow.
struct depth_exceeded {
  std::uint32_t offset;
};

}  // namespace staplint::grammar::nginx::parser
