// The iterator and context types the systemd grammar is instantiated with; the
// state is the line grammars' own (../common/line_config.hpp).
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "../common/line_config.hpp"
#include "ast.hpp"

namespace staplint::grammar::systemd::parser {
namespace x3 = boost::spirit::x3;

struct state_tag;
using parse_state = common::line_parse_state<ast::entry>;
using iterator_type = common::line_iterator;
using context_type = x3::context<state_tag, parse_state>;

}  // namespace staplint::grammar::systemd::parser
