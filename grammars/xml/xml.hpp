// Declaration of the XML grammar's top rule; the body is in xml_def.hpp and is
// instantiated once, in xml.cpp.
#pragma once

#include <boost/spirit/home/x3.hpp>

namespace staplint::grammar::xml::parser {
namespace x3 = boost::spirit::x3;

struct document_class;
using document_type = x3::rule<document_class>;
BOOST_SPIRIT_DECLARE(document_type)

}  // namespace staplint::grammar::xml::parser

namespace staplint::grammar::xml {
const parser::document_type& document_rule();
}
