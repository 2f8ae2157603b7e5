// The iterator and context types the Apache grammar is instantiated with.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <vector>

#include "ast.hpp"

namespace staplint::grammar::apache::parser {
namespace x3 = boost::spirit::x3;

struct state_tag;

/// The buffer start, to turn iterators into byte offsets.
struct parse_state {
  const char* begin = nullptr;
  std::vector<ast::word>* words = nullptr;  ///< where each line's words go
  std::uint32_t offset(const char* it) const { return static_cast<std::uint32_t>(it - begin); }
};

using iterator_type = const char*;
using context_type = x3::context<state_tag, parse_state>;

}  // namespace staplint::grammar::apache::parser
