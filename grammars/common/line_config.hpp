// What the line-oriented grammars (batch, properties, systemd) share: their
// parse state (the buffer start, for byte offsets, and the entries being
// collected) and the iterator they are instantiated with. Each grammar's
// config.hpp names its own tag and entry type.
#pragma once

#include <cstdint>
#include <vector>

namespace staplint::grammar::common {

template <typename Entry>
struct line_parse_state {
  const char* begin = nullptr;
  std::vector<Entry>* out = nullptr;
  std::uint32_t offset(const char* it) const { return static_cast<std::uint32_t>(it - begin); }
};

using line_iterator = const char*;

}  // namespace staplint::grammar::common
