// Public, Spirit-free entry point of the Apache grammar.
#pragma once

#include <string_view>
#include <vector>

#include "ast.hpp"

namespace staplint::grammar::apache {

/// Splits a whole Apache configuration file into logical lines. Every input is
/// accepted at this level (httpd's own reader accepts any line); structural
/// errors (tags that do not match) are found when the lines are nested.
/// `out` is cleared first; its vectors keep their capacity for the next file.
void parse_into(std::string_view text, ast::tree& out);

}  // namespace staplint::grammar::apache
