// The one translation unit that instantiates the XML grammar.
#include "config.hpp"
#include "xml_def.hpp"

namespace staplint::grammar::xml::parser {
BOOST_SPIRIT_INSTANTIATE(document_type, iterator_type, context_type)
}

namespace staplint::grammar::xml {
const parser::document_type& document_rule() { return parser::document; }
}  // namespace staplint::grammar::xml
