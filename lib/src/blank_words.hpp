// Words separated by blanks, with no quoting or escaping: how Apache's plain
// lines are read again (lean nodes, ast.hpp).
#pragma once

#include <cstdint>
#include <string_view>

namespace staplint {

inline bool is_word_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// Calls `word(begin, end)` for each blank-separated word of text[begin, end).
template <typename Word>
void for_each_blank_word(std::string_view text, std::uint32_t begin, std::uint32_t end, Word word) {
  std::uint32_t i = begin;
  while (i < end) {
    while (i < end && is_word_blank(text[i])) ++i;
    if (i == end) break;
    const std::uint32_t b = i;
    while (i < end && !is_word_blank(text[i])) ++i;
    word(b, i);
  }
}

}  // namespace staplint
