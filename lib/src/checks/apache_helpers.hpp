// Helpers shared by the Apache checks.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <string>

#include "staplint/apache_model.hpp"
#include "staplint/diagnostic.hpp"

namespace staplint::checks {

/// Marks a finding as conditional and says which condition it depends on, for
/// each directive that httpd reads only under a condition staplint cannot
/// evaluate.
inline void note_conditions(Finding& f, std::initializer_list<const ApacheDirective*> from) {
  for (const ApacheDirective* d : from) {
    if (!d || d->certain()) continue;
    f.conditional = true;
    const Node& c = *d->condition;
    std::string what = "<" + std::string(c.name());
    for (const Arg& a : c.args()) what += " " + std::string(a.value);
    what += ">";
    const std::string msg = "this depends on '" + what + "', which staplint cannot evaluate";
    if (std::none_of(f.notes.begin(), f.notes.end(), [&](const Note& n) { return n.message == msg; })) {
      f.notes.push_back({c.file(), c.name_range(), msg});
    }
  }
}

}  // namespace staplint::checks
