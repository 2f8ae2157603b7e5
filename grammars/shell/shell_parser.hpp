// Public, Spirit-free entry point of the shell grammar.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ast.hpp"

namespace staplint::grammar::shell {

struct syntax_error {
  std::uint32_t offset = 0;
  std::string message;
  bool limit = false;  ///< a nesting limit (SL0005), not a syntax error
};

struct parse_output {
  std::vector<ast::entry> entries;
  std::optional<syntax_error> error;  ///< an unterminated quote or expansion
};

/// Splits a shell file into comments and simple commands. The shell reads the
/// same words (quotes, `$(...)`, `${...}`, backquotes, escapes, line
/// continuations, here-documents) but nothing is run.
parse_output parse(std::string_view text);

}  // namespace staplint::grammar::shell
