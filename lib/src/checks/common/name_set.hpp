// A fixed set of directive names, matched without regard to case (as httpd
// matches them), by binary search: a check that asks of every directive
// whether it is one of forty names costs a few comparisons, not forty.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace staplint::checks {

class NameSet {
 public:
  NameSet(std::initializer_list<std::string_view> names) : names_(names) {
    std::sort(names_.begin(), names_.end(), less);
  }
  bool contains(std::string_view name) const {
    const auto it = std::lower_bound(names_.begin(), names_.end(), name, less);
    return it != names_.end() && !less(name, *it);
  }

 private:
  static char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }
  static bool less(std::string_view a, std::string_view b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return fold(x) < fold(y); });
  }
  std::vector<std::string_view> names_;  ///< string literals, sorted without case
};

}  // namespace staplint::checks
