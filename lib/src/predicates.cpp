// The one explicit list of predicates, sorted by name (find_predicate relies on
// the order; a unit test checks it). Add new predicates here.
#include "checks/checks.hpp"

namespace staplint {

const std::vector<PredicateInfo>& builtin_predicates() {
  static const std::vector<PredicateInfo> list = {
      {"input.include_cycle", &checks::input_include_cycle, {"detail"}},
      {"input.include_not_found", &checks::input_include_not_found, {"detail"}},
      {"input.limit_exceeded", &checks::input_limit_exceeded, {"detail"}},
      {"input.syntax_error", &checks::input_syntax_error, {"detail"}},
      {"input.unreadable", &checks::input_unreadable, {"detail"}},
      {"nginx.stapling_disabled", &checks::nginx_stapling_disabled, {"server"}},
      {"nginx.stapling_no_resolver", &checks::nginx_stapling_no_resolver, {}},
      {"nginx.stapling_unverified", &checks::nginx_stapling_unverified, {}},
      {"nginx.stapling_verify_no_trusted_chain", &checks::nginx_stapling_verify_no_trusted_chain,
       {}},
  };
  return list;
}

}  // namespace staplint
