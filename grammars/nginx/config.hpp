// The iterator and context types the nginx grammar is instantiated with.
// BOOST_SPIRIT_INSTANTIATE and the parse call must use exactly these types.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "parse_state.hpp"

namespace staplint::grammar::nginx::parser {
namespace x3 = boost::spirit::x3;

using iterator_type = const char*;
using context_type = x3::context<state_tag, parse_state>;

}  // namespace staplint::grammar::nginx::parser
