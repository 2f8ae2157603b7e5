// Raw syntax of a systemd unit file or drop-in (tomcat10.service,
// tomcat10.service.d/override.conf): comments, section headers and
// `Key=Value` assignments, byte offsets only.
#pragma once

#include <cstdint>
#include <vector>

namespace staplint::grammar::systemd::ast {

struct span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

enum class entry_kind : std::uint8_t { comment, section, assignment };

struct entry : span {
  entry_kind kind = entry_kind::assignment;
  span key;    ///< section: the name between the brackets
  span value;  ///< raw: may span lines joined by a trailing backslash
};

}  // namespace staplint::grammar::systemd::ast
