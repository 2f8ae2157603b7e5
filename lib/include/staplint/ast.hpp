// The common, dialect-neutral syntax tree: nginx, Apache, the JVM's properties
// and shell files, and Tomcat's XML lower into it. Positions are byte offsets into the node's file.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "staplint/source.hpp"

namespace staplint {

enum class Quote : std::uint8_t { none, single, double_ };

/// Nodes and arguments are trivially destructible and live in the
/// SourceManager's arena. Names and values are views into text owned by the SourceManager: the file's
/// bytes, or (for words with escapes) an unescaped copy it keeps.
struct Arg {
  std::string_view value;  ///< unescaped, without quotes
  Range range;        ///< the word as written, quotes included
  Quote quote = Quote::none;
  /// True when nginx would expand a variable in it (`$name`, `${name}`).
  bool has_variable() const;
};

enum class NodeKind : std::uint8_t {
  directive,  ///< `name args;`
  block,      ///< `name args { children }`
  comment,    ///< `# text`; name holds the text after `#`
  raw_block,  ///< `name args { raw }` (Lua); children empty
  include,    ///< `include pattern;` with the included files' nodes as children
  attribute,  ///< XML: `name="value"` of its parent element; args[0] is the value
};

struct Node {
  NodeKind kind = NodeKind::directive;
  std::string_view name;
  std::span<Arg> args;       ///< in the SourceManager's arena
  std::span<Node> children;  ///< in the SourceManager's arena
  Range range;       ///< whole statement, from name to `;` or `}`
  Range name_range;  ///< the name word
  Range body_range;  ///< block: from `{` to past `}`; directive: the `;`
  FileId file = kNoFile;
  /// Index into ConfigTree::inclusions: how this node's file was brought in.
  std::uint32_t inclusion = 0;

  bool is_block() const { return kind == NodeKind::block; }
  bool is(std::string_view n) const { return name == n && kind != NodeKind::comment; }
};

/// How a file entered a tree: the entry itself (parent == self) or an include.
struct Inclusion {
  FileId file = kNoFile;
  std::uint32_t parent = 0;   ///< index of the including file's inclusion
  FileId site_file = kNoFile; ///< where the include directive is
  Range site;                 ///< the include directive
};

}  // namespace staplint
