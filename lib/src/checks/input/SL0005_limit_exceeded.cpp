// SL0005: nesting depth, include depth or file count over the limit.
#include "rules/input/SL0005_limit_exceeded.hpp"
#include "checks/input/problems.hpp"

namespace staplint::checks::input {

void SL0005_limit_exceeded::check(const CheckContext& ctx, Reporter& r) {
  report_problems<Fields>(ctx, r, InputProblemKind::limit);
}

}  // namespace staplint::checks::input
