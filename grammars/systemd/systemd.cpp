// The one translation unit that instantiates the systemd grammar.
#include "config.hpp"
#include "systemd_def.hpp"

namespace staplint::grammar::systemd::parser {
BOOST_SPIRIT_INSTANTIATE(file_type, iterator_type, context_type)
}

namespace staplint::grammar::systemd {
const parser::file_type& file_rule() { return parser::file; }
}  // namespace staplint::grammar::systemd
