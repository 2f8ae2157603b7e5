// --list-rules: one line per rule of the catalog: id, name, severity,
// dialects and summary (the bash completion reads the first two columns).
#include <iostream>

#include "commands.hpp"

namespace staplint::cli {

int list_rules_command(const Invocation& in) {
  for (const RuleSpec& r : in.catalog.rules()) {
    std::string dialects;
    for (const Dialect d : r.dialects) dialects += (dialects.empty() ? "" : ",") + std::string(to_string(d));
    std::cout << r.id << "  " << r.name << std::string(r.name.size() < 40 ? 40 - r.name.size() : 1, ' ')
              << to_string(r.severity) << std::string(8 - to_string(r.severity).size(), ' ') << dialects << "  "
              << r.summary << "\n";
  }
  return 0;
}

}  // namespace staplint::cli
