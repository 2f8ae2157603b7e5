// --explain RULE: what a rule checks, why, the fix, its examples and
// references, from the catalog compiled from rules/*.yaml.
#include <iostream>

#include "commands.hpp"

namespace staplint::cli {

int explain_command(const Invocation& in) {
  const RuleSpec* r = in.catalog.find(in.options.explain);
  if (!r) {
    std::cerr << "staplint: error: " << in.catalog.unknown_rule_message(in.options.explain) << "\n";
    return 3;
  }
  std::cout << r->id << " " << r->name << " (" << to_string(r->severity)
            << (r->also_severity ? " or " + std::string(to_string(*r->also_severity)) : std::string()) << ")\n"
            << r->summary << "\n\nWhat is wrong\n"
            << r->explain_problem << "\nWhy it matters\n"
            << r->explain_why;
  if (r->refuses) {
    std::cout << "Verdict: the server refuses such a configuration (or does not start), so the\n"
                 "stapling verdict of every endpoint it holds is 'fatal'.\n";
  }
  std::cout << "\nHow to fix it\n" << r->explain_fix;
  for (const RuleExample& e : r->examples) {
    std::cout << "\nExample (" << to_string(e.dialect) << "), flagged:\n" << e.fires << "\nNot flagged:\n" << e.silent;
  }
  std::cout << "\nReferences\n";
  for (const std::string& ref : r->references) std::cout << "- " << ref << "\n";
  return 0;
}

}  // namespace staplint::cli
