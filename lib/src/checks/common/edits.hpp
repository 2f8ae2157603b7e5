// Building text edits that insert or change directives where nginx reads them,
// in the indentation style of the surrounding file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "staplint/ast.hpp"
#include "staplint/diagnostic.hpp"

namespace staplint::checks {

/// The whitespace before `offset` on its line, if only whitespace precedes it.
std::optional<std::string> line_indent(const SourceFile& src, std::uint32_t offset);

/// Inserts `lines` (directives, without indentation) into `block`, after the
/// last direct child for which `prefer` is true, else after the last `listen`,
/// else at the start of the block. Only direct children of the block's own file
/// are anchors, so included files are never edited on behalf of one block.
template <typename Prefer>
TextEdit insert_into_block(const SourceManager& sources, const Node& block, const std::vector<std::string>& lines,
                           Prefer&& prefer);

/// Inserts `lines` right after directive `after`, at its indentation.
TextEdit insert_after(const SourceManager& sources, const Node& after, const std::vector<std::string>& lines);

/// Inserts `lines` on lines of their own just above statement `before`, at its
/// indentation (or, when it does not start its line, just before it).
TextEdit insert_before(const SourceManager& sources, const Node& before, const std::vector<std::string>& lines);

/// Removes a statement; with its whole line when nothing else is on it.
TextEdit delete_statement(const SourceManager& sources, const Node& n);

/// Replaces the first argument of `directive` (which must have one) with `text`.
TextEdit replace_first_arg(const Node& directive, const std::string& text);

// ---- template implementation

TextEdit insert_at_block_start(const SourceManager& sources, const Node& block, const std::vector<std::string>& lines);

template <typename Prefer>
TextEdit insert_into_block(const SourceManager& sources, const Node& block, const std::vector<std::string>& lines,
                           Prefer&& prefer) {
  const Node* anchor = nullptr;
  const Node* listen = nullptr;
  for (const Node& c : block.children()) {
    if (c.kind == NodeKind::comment || c.file() != block.file()) continue;
    if (prefer(c)) anchor = &c;
    if (c.name() == "listen") listen = &c;
  }
  if (!anchor) anchor = listen;
  if (anchor) return insert_after(sources, *anchor, lines);
  return insert_at_block_start(sources, block, lines);
}

}  // namespace staplint::checks
