// The iterator and context types the XML grammar is instantiated with, and
// the state its actions build the flat tree in.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ast.hpp"
#include "xml_parser.hpp"

namespace staplint::grammar::xml::parser {
namespace x3 = boost::spirit::x3;

struct state_tag;

struct parse_state {
  const char* begin = nullptr;
  ast::tree* out = nullptr;
  std::vector<std::uint32_t> open;  ///< elements whose end tag is still to come
  unsigned max_depth = 100;
  std::optional<syntax_error> error;
  /// The current element's attribute names, to find one written twice in
  /// constant time (an element may carry 300,000 of them).
  std::unordered_map<std::string_view, std::uint32_t> attribute_names;
  std::uint32_t offset(const char* it) const { return static_cast<std::uint32_t>(it - begin); }
  void report(syntax_error e) {
    if (!error) error = std::move(e);
  }
};

/// Thrown by actions: the document is not well-formed; parse_state.error says why.
struct not_well_formed {};

using iterator_type = const char*;
using context_type = x3::context<state_tag, parse_state>;

}  // namespace staplint::grammar::xml::parser
