// Public, Spirit-free entry point of the HCL2 grammar (Terraform's *.tf).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ast.hpp"

namespace staplint::grammar::hcl {

struct syntax_error {
  std::uint32_t offset = 0;
  std::string message;
  std::optional<std::uint32_t> note_offset = std::nullopt;
  std::string note = {};
  bool limit = false;  ///< a nesting limit, not a syntax error
};

struct parse_output {
  ast::tree tree;
  std::optional<syntax_error> error;  ///< set: `tree` is empty
};

struct parse_options {
  /// Blocks in blocks, and expressions in expressions (brackets, template
  /// interpolations, conditionals): each level is a frame of the parser.
  unsigned max_depth = 100;
};

/// Parses a whole file of HCL2 native syntax: bodies of attributes and
/// blocks (one-line blocks too), the three comment styles, and expressions
/// by the grammar of hclsyntax's specification (literals, quoted templates
/// with interpolations and directives, heredocs, tuples, objects, function
/// calls, for expressions, indexes, splats, operators, conditionals).
/// An argument set twice in one body is an error, as Terraform says.
parse_output parse(std::string_view text, const parse_options& options = {});

/// The value of a quoted string literal (`"..."`, quotes included), escapes
/// decoded; nullopt when it holds an interpolation or a directive (it is no
/// constant) or is not a quoted literal at all.
std::optional<std::string> literal_string(std::string_view quoted);

}  // namespace staplint::grammar::hcl
