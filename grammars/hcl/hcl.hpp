// Declaration of the HCL grammar's top rule; the body is in hcl_def.hpp and is
// instantiated once, in hcl.cpp.
#pragma once

#include <boost/spirit/home/x3.hpp>

namespace staplint::grammar::hcl::parser {
namespace x3 = boost::spirit::x3;

struct file_class;
using file_type = x3::rule<file_class>;
BOOST_SPIRIT_DECLARE(file_type)

}  // namespace staplint::grammar::hcl::parser

namespace staplint::grammar::hcl {
const parser::file_type& file_rule();
}
