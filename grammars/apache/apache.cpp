// The one translation unit that instantiates the Apache grammar.
#include "apache_def.hpp"
#include "config.hpp"

namespace staplint::grammar::apache::parser {
BOOST_SPIRIT_INSTANTIATE(file_type, iterator_type, context_type)
}

namespace staplint::grammar::apache {
const parser::file_type& file_rule() { return parser::file; }
}  // namespace staplint::grammar::apache
