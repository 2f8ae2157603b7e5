// The one translation unit that instantiates the batch grammar.
#include "batch_def.hpp"
#include "config.hpp"

namespace staplint::grammar::batch::parser {
BOOST_SPIRIT_INSTANTIATE(file_type, iterator_type, context_type)
}

namespace staplint::grammar::batch {
const parser::file_type& file_rule() { return parser::file; }
}  // namespace staplint::grammar::batch
