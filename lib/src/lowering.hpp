// Pieces every lowering (grammar output -> common nodes) shares.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "staplint/ast.hpp"
#include "staplint/source.hpp"

namespace staplint {

/// A copy of `list` in the SourceManager's arena, for a lowering that
/// collects a sibling list in a vector first.
inline std::span<Node> copy_to_arena(SourceManager& sm, const std::vector<Node>& list) {
  std::span<Node> out = sm.arena().make_array<Node>(list.size());
  std::copy(list.begin(), list.end(), out.begin());
  return out;
}

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
