// Declaration of the nginx grammar's top rule. The body lives in nginx_def.hpp
// and is instantiated once, in nginx.cpp.
#pragma once

#include <boost/spirit/home/x3.hpp>

namespace staplint::grammar::nginx::parser {
namespace x3 = boost::spirit::x3;

struct file_class;
using file_type = x3::rule<file_class>;
BOOST_SPIRIT_DECLARE(file_type)

}  // namespace staplint::grammar::nginx::parser

namespace staplint::grammar::nginx {
const parser::file_type& file_rule();
}
