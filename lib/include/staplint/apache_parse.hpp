// Apache httpd files into the common AST: sections become blocks (names without
// `<`), directives become directives, comments stay comments.
#pragma once

#include <optional>
#include <span>

#include "staplint/config_tree.hpp"

namespace staplint {

/// Lowers `file` (already in `sources`) into nodes. Gives the problem instead
/// (SL0001, or SL0005 past `max_nesting`) when sections do not nest
/// the way httpd requires: an unclosed section, a close tag that does not
/// match, a close tag with nothing open, or an open tag without its `>`.
ParseResult parse_apache_text(FileId file, SourceManager& sources, unsigned max_nesting);

}  // namespace staplint
