// SL0007: a file no entry includes whose server staplint can only guess; linted without fixes.
#include "rules/input/SL0007_dialect_uncertain.hpp"
#include "checks/input/problems.hpp"

namespace staplint::checks::input {

void SL0007_dialect_uncertain::check(const CheckContext& ctx, Reporter& r) {
  report_problems<Fields>(ctx, r, InputProblemKind::dialect_uncertain);
}

}  // namespace staplint::checks::input
