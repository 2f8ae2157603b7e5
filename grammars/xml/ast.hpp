// Raw syntax of an XML file of the kind Tomcat reads (server.xml, context.xml):
// a flat pre-order list of elements and comments with their attributes, byte
// offsets only. Text content is not kept (Tomcat's configuration has none that
// matters here); entities in attribute values are decoded when lowering.
#pragma once

#include <cstdint>
#include <vector>

namespace staplint::grammar::xml::ast {

struct span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct attribute {
  span name;
  span value;  ///< inside the quotes, as written
};

enum class item_kind : std::uint8_t { element, comment };

/// An element (with its attributes) or a comment. The elements inside an
/// element follow it directly; `next` is the index just past its last
/// descendant.
struct item : span {
  item_kind kind = item_kind::element;
  span name;
  std::uint32_t first_attribute = 0;  ///< index into tree::attributes
  std::uint32_t attribute_count = 0;
  std::uint32_t next = 0;
};

struct tree {
  std::vector<item> items;
  std::vector<attribute> attributes;
  bool has_doctype = false;  ///< a DOCTYPE was skipped (never expanded)
};

}  // namespace staplint::grammar::xml::ast
