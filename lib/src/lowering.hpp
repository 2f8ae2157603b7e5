// Pieces every lowering (grammar output -> common nodes) shares.
#pragma once

#include <string>
#include <string_view>

#include "staplint/ast.hpp"

namespace staplint {

/// Makes `n`, whose file and range are set, a comment node: its name is the
/// comment's text without the `prefix` opening bytes (`#`, `<!--`) and the
/// `suffix` closing ones (`-->`).
inline void lower_comment(Node& n, const std::string& text, std::uint32_t prefix,
                          std::uint32_t suffix = 0) {
  n.kind = NodeKind::comment;
  n.name = std::string_view(text).substr(n.range.begin + prefix,
                                         n.range.end - n.range.begin - prefix - suffix);
  n.name_range = n.range;
}

/// The number of siblings in [first, stop) of a flat pre-order list whose
/// items say where their subtree ends (`next`).
template <typename Items>
std::size_t count_siblings(const Items& items, std::uint32_t first, std::uint32_t stop) {
  std::size_t count = 0;
  for (std::uint32_t i = first; i < stop; i = items[i].next) ++count;
  return count;
}

}  // namespace staplint
