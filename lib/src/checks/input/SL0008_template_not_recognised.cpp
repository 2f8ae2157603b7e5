// SL0008: a file holds template markers its name does not announce; not linted.
#include "rules/input/SL0008_template_not_recognised.hpp"
#include "checks/input/problems.hpp"

namespace staplint::checks::input {

void SL0008_template_not_recognised::check(const CheckContext& ctx, Reporter& r) {
  report_problems<Fields>(ctx, r, InputProblemKind::template_unnamed);
}

}  // namespace staplint::checks::input
