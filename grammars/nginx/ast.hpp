// Raw, dialect-specific syntax tree produced by the nginx grammar: a flat
// pre-order list of statements and one list of words, filled by the grammar's
// semantic actions. Flat vectors, byte offsets only: no Spirit types cross into
// lib/, and a file costs a handful of allocations, not a few per directive.
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

/// A directive (words + body) or a comment (no words; the span covers `#...`).
/// The statements of a block follow it directly; `next` is the index just past
/// its last descendant, so the next sibling, if any, is at `next`.
struct statement : span {
  std::uint32_t first_word = 0;  ///< index into tree::words
  std::uint32_t word_count = 0;
  std::uint32_t next = 0;
  body_kind kind = body_kind::comment;
  span body;  ///< `{ ... }` for blocks and raw bodies, `;` otherwise
};

struct tree {
  std::vector<statement> statements;  ///< pre-order
  std::vector<token> words;
};

}  // namespace staplint::grammar::nginx::ast
