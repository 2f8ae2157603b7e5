// SL0001: the file cannot be parsed.
#include "rules/input/SL0001_syntax_error.hpp"
#include "checks/input/problems.hpp"

namespace staplint::checks::input {

void SL0001_syntax_error::check(const CheckContext& ctx, Reporter& r) {
  report_problems<Fields>(ctx, r, InputProblemKind::syntax);
}

}  // namespace staplint::checks::input
