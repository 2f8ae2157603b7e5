// SL0002: an include names a file that does not exist.
#include "rules/input/SL0002_include_not_found.hpp"
#include "checks/input/problems.hpp"

namespace staplint::checks::input {

void SL0002_include_not_found::check(const CheckContext& ctx, Reporter& r) {
  report_problems<Fields>(ctx, r, InputProblemKind::include_not_found);
}

}  // namespace staplint::checks::input
