// Declaration of the batch grammar's top rule; the body is in batch_def.hpp
// and is instantiated once, in batch.cpp.
#pragma once

#include <boost/spirit/home/x3.hpp>

namespace staplint::grammar::batch::parser {
namespace x3 = boost::spirit::x3;

struct file_class;
using file_type = x3::rule<file_class>;
BOOST_SPIRIT_DECLARE(file_type)

}  // namespace staplint::grammar::batch::parser

namespace staplint::grammar::batch {
const parser::file_type& file_rule();
}
