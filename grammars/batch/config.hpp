// The iterator and context types the batch grammar is instantiated with.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <cstdint>
#include <vector>

#include "ast.hpp"

namespace staplint::grammar::batch::parser {
namespace x3 = boost::spirit::x3;

struct state_tag;

/// The buffer start (for byte offsets) and the entries being collected.
struct parse_state {
  const char* begin = nullptr;
  std::vector<ast::entry>* out = nullptr;
  std::uint32_t offset(const char* it) const { return static_cast<std::uint32_t>(it - begin); }
};

using iterator_type = const char*;
using context_type = x3::context<state_tag, parse_state>;

}  // namespace staplint::grammar::batch::parser
