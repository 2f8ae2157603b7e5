// Declaration of the properties grammar's top rule; the body is in
// properties_def.hpp and is instantiated once, in properties.cpp.
#pragma once

#include <boost/spirit/home/x3.hpp>

namespace staplint::grammar::properties::parser {
namespace x3 = boost::spirit::x3;

struct file_class;
using file_type = x3::rule<file_class>;
BOOST_SPIRIT_DECLARE(file_type)

}  // namespace staplint::grammar::properties::parser

namespace staplint::grammar::properties {
const parser::file_type& file_rule();
}
