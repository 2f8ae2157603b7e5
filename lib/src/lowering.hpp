// Pieces every lowering (grammar output -> common nodes) shares.
#pragma once

#include <string>
#include <string_view>

#include "staplint/ast.hpp"

namespace staplint {

/// Makes a detailed node of `unit` (ast.hpp).
inline Node detailed_node(NodeUnit& unit, NodeKind kind, Range range, const NodeDetail& d) {
  unit.details.push_back(d);
  return Node::detailed(unit, kind, range, static_cast<std::uint32_t>(unit.details.size() - 1));
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
