// Declaration of the shell grammar's top rule; the body is in shell_def.hpp
// and is instantiated once, in shell.cpp.
#pragma once

#include <boost/spirit/home/x3.hpp>

namespace staplint::grammar::shell::parser {
namespace x3 = boost::spirit::x3;

struct file_class;
using file_type = x3::rule<file_class>;
BOOST_SPIRIT_DECLARE(file_type)

}  // namespace staplint::grammar::shell::parser

namespace staplint::grammar::shell {
const parser::file_type& file_rule();
}
