// Declaration of the Apache grammar's top rule; the body is in apache_def.hpp.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <vector>

#include "ast.hpp"

namespace staplint::grammar::apache::parser {
namespace x3 = boost::spirit::x3;

struct file_class;
using file_type = x3::rule<file_class, std::vector<ast::line>>;
BOOST_SPIRIT_DECLARE(file_type)

}  // namespace staplint::grammar::apache::parser

namespace staplint::grammar::apache {
const parser::file_type& file_rule();
}
