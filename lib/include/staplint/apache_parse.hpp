// Apache httpd files into the common AST: sections become blocks (names without
// `<`), directives become directives, comments stay comments.
#pragma once

#include <optional>
#include <span>

#include "staplint/config_tree.hpp"

namespace staplint {

/// Lowers `file` (already in `sources`) into nodes. Returns false and fills
/// `problem` (SL0001, or SL0005 past `max_nesting`) when sections do not nest
/// the way httpd requires: an unclosed section, a close tag that does not
/// match, a close tag with nothing open, or an open tag without its `>`.
bool parse_apache_text(FileId file, SourceManager& sources, unsigned max_nesting, std::span<Node>& nodes,
                       std::optional<InputProblem>& problem);

}  // namespace staplint
