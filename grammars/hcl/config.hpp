// The iterator and context types the HCL grammar is instantiated with, and
// the state its actions build the flat tree in.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ast.hpp"
#include "hcl_parser.hpp"

namespace staplint::grammar::hcl::parser {
namespace x3 = boost::spirit::x3;

struct state_tag;

struct parse_state {
  const char* begin = nullptr;
  ast::tree* out = nullptr;
  /// Blocks whose `}` is still to come, and the arguments each body set
  /// (to find one set twice in constant time).
  std::vector<std::uint32_t> open;
  std::vector<std::unordered_map<std::string_view, std::uint32_t>> arguments{1};
  unsigned max_depth = 100;
  unsigned depth = 0;                      ///< expressions being parsed inside each other
  std::vector<std::string_view> heredocs;  ///< open heredocs' IDs, innermost last
  /// Open templates (quoted strings, heredocs), innermost last: each the
  /// directives it has open, `i` (if), `e` (if, past its else), `f` (for).
  std::vector<std::string> templates;
  std::optional<syntax_error> error;
  std::uint32_t offset(const char* it) const { return static_cast<std::uint32_t>(it - begin); }
  void report(syntax_error e) {
    if (!error) error = std::move(e);
  }
};

/// Thrown by actions: the file is not valid HCL; parse_state.error says why.
struct invalid {};

using iterator_type = const char*;
using context_type = x3::context<state_tag, parse_state>;

}  // namespace staplint::grammar::hcl::parser
