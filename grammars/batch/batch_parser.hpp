// Public, Spirit-free entry point of the batch grammar.
#pragma once

#include <string_view>
#include <vector>

#include "ast.hpp"

namespace staplint::grammar::batch {

/// Splits a batch file into entries, one per non-blank line. Every input is
/// accepted: cmd.exe reports a bad line only when it runs it.
std::vector<ast::entry> parse(std::string_view text);

}  // namespace staplint::grammar::batch
