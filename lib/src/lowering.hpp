// Pieces every lowering (grammar output -> common nodes) shares.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "staplint/ast.hpp"
#include "staplint/config_tree.hpp"
#include "staplint/source.hpp"

namespace staplint {

/// A copy of `list` in the SourceManager's arena, for a lowering that
/// collects a sibling list in a vector first.
inline std::span<Node> copy_to_arena(SourceManager& sm, const std::vector<Node>& list) {
  std::span<Node> out = sm.arena().make_array<Node>(list.size());
  std::copy(list.begin(), list.end(), out.begin());
  return out;
}

/// A grammar's error as a located problem: the byte at `at` (nothing at the
/// end of the file), with a note on the byte at `note_at` when there is one.
inline InputProblem grammar_problem(FileId file, std::string_view text, bool limit, std::uint32_t at,
                                    std::string message, std::optional<std::uint32_t> note_at = std::nullopt,
                                    std::string note = {}) {
  InputProblem p;
  p.kind = limit ? InputProblemKind::limit : InputProblemKind::syntax;
  p.file = file;
  p.range = {at, at < text.size() ? at + 1 : at};
  p.message = std::move(message);
  if (note_at) p.notes.push_back({file, {*note_at, *note_at + 1}, std::move(note)});
  return p;
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
