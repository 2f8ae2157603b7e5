// Raw syntax of a Java properties file (java.security, catalina.properties),
// as java.util.Properties.load reads it: a flat list of comments and
// key/value entries, byte offsets only. Escapes and line continuations are
// resolved when lowering (lib/src/properties_lower.cpp).
#pragma once

#include <cstdint>
#include <vector>

namespace staplint::grammar::properties::ast {

struct span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

enum class entry_kind : std::uint8_t { comment, property };

struct entry : span {
  entry_kind kind = entry_kind::property;
  span key;    ///< raw, with escapes and continuations as written
  span value;  ///< raw; empty when the line has only a key
};

}  // namespace staplint::grammar::properties::ast
