// The one translation unit that instantiates the properties grammar.
#include "config.hpp"
#include "properties_def.hpp"

namespace staplint::grammar::properties::parser {
BOOST_SPIRIT_INSTANTIATE(file_type, iterator_type, context_type)
}

namespace staplint::grammar::properties {
const parser::file_type& file_rule() { return parser::file; }
}  // namespace staplint::grammar::properties
