// Public, Spirit-free entry point of the XML grammar.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ast.hpp"

namespace staplint::grammar::xml {

struct syntax_error {
  std::uint32_t offset = 0;
  std::string message;
  std::optional<std::uint32_t> note_offset = std::nullopt;  ///< the opening tag of a mismatch
  std::string note = {};
};

struct parse_output {
  ast::tree tree;
  std::optional<syntax_error> error;  ///< set: `tree` is empty
};

struct parse_options {
  unsigned max_depth = 100;
};

/// Parses a whole XML document (the subset Tomcat's files use: prolog,
/// comments, elements, attributes in both quote styles, CDATA, processing
/// instructions). A DOCTYPE is skipped and never expanded: no external
/// entities, no entity bombs.
parse_output parse(std::string_view text, const parse_options& options = {});

/// An attribute value with the five predefined entities and character
/// references decoded. `known` is false when it uses another entity (only a
/// DOCTYPE could define one; staplint never expands it).
std::string decode(std::string_view raw, bool& known);

}  // namespace staplint::grammar::xml
