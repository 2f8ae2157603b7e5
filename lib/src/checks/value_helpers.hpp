// Small helpers for value checks shared by the nginx and Apache rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "staplint/text.hpp"

namespace staplint::checks {

/// `'a', 'b' or 'c'`, for messages.
inline std::string join_values(const std::vector<std::string_view>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += (i == 0 ? "'" : i + 1 == values.size() ? "' or '" : "', '");
    out += values[i];
  }
  return out + "'";
}

/// An obvious synonym of on/off, for a mechanical fix.
inline std::optional<std::string> flag_synonym(std::string_view v) {
  for (std::string_view yes : {"yes", "true", "1", "enable", "enabled"}) {
    if (iequals(v, yes)) return "on";
  }
  for (std::string_view no : {"no", "false", "0", "disable", "disabled"}) {
    if (iequals(v, no)) return "off";
  }
  return std::nullopt;
}

}  // namespace staplint::checks
