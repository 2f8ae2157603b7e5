// Declaration of the systemd grammar's top rule; the body is in systemd_def.hpp
// and is instantiated once, in systemd.cpp.
#pragma once

#include <boost/spirit/home/x3.hpp>

namespace staplint::grammar::systemd::parser {
namespace x3 = boost::spirit::x3;

struct file_class;
using file_type = x3::rule<file_class>;
BOOST_SPIRIT_DECLARE(file_type)

}  // namespace staplint::grammar::systemd::parser

namespace staplint::grammar::systemd {
const parser::file_type& file_rule();
}
