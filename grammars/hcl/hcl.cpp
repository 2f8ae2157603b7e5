// The one translation unit that instantiates the HCL grammar.
#include "config.hpp"
#include "hcl_def.hpp"

namespace staplint::grammar::hcl::parser {
BOOST_SPIRIT_INSTANTIATE(file_type, iterator_type, context_type)
}

namespace staplint::grammar::hcl {
const parser::file_type& file_rule() { return parser::file; }
}  // namespace staplint::grammar::hcl
