// SL0004: a file is not text, cannot be read, or is over the size limit.
#include "rules/input/SL0004_unreadable_input.hpp"
#include "checks/input/problems.hpp"

namespace staplint::checks::input {

void SL0004_unreadable_input::check(const CheckContext& ctx, Reporter& r) {
  report_problems<Fields>(ctx, r, InputProblemKind::unreadable);
}

}  // namespace staplint::checks::input
