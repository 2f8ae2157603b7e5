// The one translation unit that instantiates the nginx grammar.
#include "config.hpp"
#include "nginx_def.hpp"

namespace staplint::grammar::nginx::parser {
BOOST_SPIRIT_INSTANTIATE(file_type, iterator_type, context_type)
}

namespace staplint::grammar::nginx {
const parser::file_type& file_rule() { return parser::file; }
}  // namespace staplint::grammar::nginx
