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

/// `what 'a'`, `whats 'a' and 'b'`, `whats 'a', 'b' and 'c'`, or past
/// `shown` names `whats 'a', 'b', 'c' and 7 more`: the servers one finding
/// speaks for. `what` is singular; its plural adds an 's'.
inline std::string name_list(std::string_view what, const std::vector<std::string>& names, std::size_t shown = 3) {
  std::string out(what);
  if (names.size() != 1) out += 's';
  const std::size_t listed = names.size() > shown + 1 ? shown : names.size();
  for (std::size_t i = 0; i < listed; ++i) {
    const bool last = i + 1 == listed && listed == names.size();
    out += i == 0 ? " '" : last ? " and '" : ", '";
    out += names[i];
    out += "'";
  }
  if (listed < names.size()) out += " and " + std::to_string(names.size() - listed) + " more";
  return out;
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
