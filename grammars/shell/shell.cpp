// The one translation unit that instantiates the shell grammar.
#include "config.hpp"
#include "shell_def.hpp"

namespace staplint::grammar::shell::parser {
BOOST_SPIRIT_INSTANTIATE(file_type, iterator_type, context_type)
}

namespace staplint::grammar::shell {
const parser::file_type& file_rule() { return parser::file; }
}  // namespace staplint::grammar::shell
