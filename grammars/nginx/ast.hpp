// Raw, dialect-specific syntax tree produced by the nginx grammar.
// Plain structs with byte offsets only: no Spirit types cross into lib/.
#pragma once

#include <cstdint>
#include <vector>

namespace staplint::grammar::nginx::ast {

/// A half-open byte range [begin, end) into the parsed buffer.
struct span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

/// One word of a directive: bare, "double-quoted" or 'single-quoted'.
/// The quote style is read from the byte at `begin`.
struct token : span {};

enum class body_kind : std::uint8_t {
  comment,    ///< the statement is a `#` comment
  semicolon,  ///< `name args;`
  block,      ///< `name args { ... }`
  raw,        ///< `*_by_lua_block { ... }`: the body is kept as raw text
};

struct statement;

/// What ends a statement: `;`, a `{}` block, or a raw Lua body.
struct body : span {
  body_kind kind = body_kind::comment;
  std::vector<statement> children;
};

/// A directive (words + body) or a comment (no words; span covers `#...`).
struct statement : span {
  std::vector<token> words;
  body tail;
};

}  // namespace staplint::grammar::nginx::ast
