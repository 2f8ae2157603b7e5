// SL0003: a file includes itself, directly or through other files.
#include "rules/input/SL0003_include_cycle.hpp"
#include "checks/input/problems.hpp"

namespace staplint::checks::input {

void SL0003_include_cycle::check(const CheckContext& ctx, Reporter& r) {
  report_problems<Fields>(ctx, r, InputProblemKind::include_cycle);
}

}  // namespace staplint::checks::input
