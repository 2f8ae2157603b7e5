// Raw syntax of a Terraform file in HCL2's native syntax (*.tf): a flat
// pre-order list of blocks, attributes and comments, byte offsets only.
// Expressions are kept as the text they span: staplint reads a few of them
// (literals and references), and never evaluates one.
#pragma once

#include <cstdint>
#include <vector>

namespace staplint::grammar::hcl::ast {

struct span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

enum class item_kind : std::uint8_t { attribute, block, comment };

/// A block (`type "label" { ... }`), an attribute (`name = expression`) or a
/// comment (`#`, `//` or `/* */`). The items inside a block follow it
/// directly; `next` is the index just past its last descendant.
struct item : span {
  item_kind kind = item_kind::attribute;
  span name;
  std::uint32_t first_label = 0;  ///< index into tree::labels
  std::uint32_t label_count = 0;
  span expression;  ///< attribute: the expression as written
  span body;        ///< block: from `{` to past `}`
  std::uint32_t next = 0;
};

struct tree {
  std::vector<item> items;
  std::vector<span> labels;  ///< as written: a quoted label keeps its quotes
};

}  // namespace staplint::grammar::hcl::ast
