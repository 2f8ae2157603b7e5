// A fixed set of directive names, matched without regard to case (as httpd
// matches them), by binary search: a check that asks of every directive
// whether it is one of forty names costs a few comparisons, not forty.
#pragma once

#include <algorithm>
#include <bitset>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace staplint::checks {

class NameSet {
 public:
  NameSet(std::initializer_list<std::string_view> names) : names_(names) {
    std::sort(names_.begin(), names_.end(), less);
    for (std::string_view n : names_) {
      if (!n.empty()) first_.set(static_cast<unsigned char>(fold(n[0])));
    }
  }
  bool contains(std::string_view name) const {
    // Most names asked about start with a letter none of the set's does.
    if (name.empty() || !first_.test(static_cast<unsigned char>(fold(name[0])))) {
      return name.empty() && !names_.empty() && names_.front().empty();
    }
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
  std::bitset<256> first_;               ///< their first bytes, folded
};

}  // namespace staplint::checks
