// XML files (Tomcat's server.xml) into the common AST.
#pragma once

#include <optional>
#include <span>

#include "staplint/config_tree.hpp"

namespace staplint {

/// Lowers an XML document: each element becomes a block whose children are
/// first its attributes (NodeKind::attribute, the decoded value as the one
/// argument), then its child elements; comments stay comments. A document that
/// is not well-formed, or an entity that only a DOCTYPE could define (never
/// expanded) when there is no DOCTYPE, is a syntax problem; nesting past
/// `max_nesting` is a limit problem.
ParseResult parse_xml_text(FileId file, SourceManager& sources, unsigned max_nesting);

}  // namespace staplint
