// Raw syntax of an Apache httpd configuration file: a flat list of logical
// lines (continuations joined), each a comment, a section open or close tag, or
// a directive. Nesting is built from this list in lib/, where mismatched tags
// become findings. Plain structs with byte offsets only.
#pragma once

#include <cstdint>
#include <vector>

namespace staplint::grammar::apache::ast {

struct span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

/// A word as ap_getword_conf() reads it: bare, or quoted (the closing quote
/// may be missing: the word then ends at the end of the line).
struct word : span {};

enum class line_kind : std::uint8_t { comment, open, close, directive };

struct line : span {
  line_kind kind = line_kind::directive;
  /// Its words, `tree::words[first_word, first_word + word_count)`:
  /// directive: name, arguments; open: `<Name`, arguments (the last may carry
  /// the closing `>`); close: `</Name>`; comment: none.
  std::uint32_t first_word = 0;
  std::uint32_t word_count = 0;
};

/// A file's lines, and the words of them all in one vector (no allocation
/// per line).
struct tree {
  std::vector<line> lines;
  std::vector<word> words;
};

}  // namespace staplint::grammar::apache::ast
