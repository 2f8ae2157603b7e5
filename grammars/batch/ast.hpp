// Raw syntax of a Windows batch environment file (setenv.bat): one entry per
// line, byte offsets only. The JVM model evaluates `set` values itself
// (lib/src/jvm_model.cpp).
#pragma once

#include <cstdint>
#include <vector>

namespace staplint::grammar::batch::ast {

struct span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

enum class entry_kind : std::uint8_t {
  comment,  ///< `rem ...` or `:: ...`
  label,    ///< `:name`
  set,      ///< `set NAME=value` or `set "NAME=value"`
  command,  ///< any other command; `name` is its first word
};

struct entry : span {
  entry_kind kind = entry_kind::command;
  span keyword;    ///< set: the word `set`
  span condition;  ///< conditional: the `if` or `for` word
  span name;       ///< set: the variable; command: the first word
  span value;      ///< set: the value (inside the quotes of the quoted form)
  bool quoted = false;
  /// The line runs the entry only under an `if` or `for` written before it
  /// on the same line (`if defined X set "Y=..."`).
  bool conditional = false;
  bool closes = false;  ///< the line starts with `)`: it ends a parenthesized block
  bool opens = false;   ///< the line ends with `(`: a parenthesized block follows
};

}  // namespace staplint::grammar::batch::ast
