// Raw syntax of a POSIX shell environment file (setenv.sh, catalina.sh,
// /etc/default/tomcat10): a flat list of comments and simple commands, each a
// list of words, byte offsets only. Nothing here is ever executed; keywords
// (if, case, ...) are ordinary words that the JVM model interprets.
#pragma once

#include <cstdint>
#include <vector>

namespace staplint::grammar::shell::ast {

struct span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

/// A word as written: quotes, escapes and expansions are kept.
struct word : span {};

enum class entry_kind : std::uint8_t { comment, command };

/// What ends a command: a line end, `;`, `;;`, `&`, `&&`, `||` or `|`.
enum class separator : std::uint8_t { end_of_line, semicolon, double_semicolon, background, and_, or_, pipe };

struct entry : span {
  entry_kind kind = entry_kind::command;
  std::vector<word> words;  ///< commands only
  separator ends = separator::end_of_line;
};

}  // namespace staplint::grammar::shell::ast
