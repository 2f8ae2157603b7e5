// The problems met while reading and parsing a tree (SL0001..SL0005, SL0007, SL0008),
// with the include directive httpd reads each from.
#pragma once

#include <vector>

#include "staplint/engine.hpp"

namespace staplint::checks::input {

struct ProblemSite {
  const InputProblem* problem;
  /// The Apache include directive the problem was met at, when httpd reads
  /// it only under a condition; nullptr otherwise.
  const ApacheDirective* include;
};

/// The problems of `kind` to report. An Apache include in a section httpd
/// skips (the model leaves it out) is never opened by httpd, so its problems
/// are left out.
std::vector<ProblemSite> problems_of(const CheckContext& ctx, InputProblemKind kind);

/// Adds the problem's notes and fix to its finding, and the conditions of
/// the include it was met at.
void complete(Finding& f, const ProblemSite& site);

/// Reports every problem of `kind` with the rule's `detail` field.
template <class Fields>
void report_problems(const CheckContext& ctx, Reporter& r, InputProblemKind kind) {
  for (const ProblemSite& s : problems_of(ctx, kind)) {
    complete(r.report(s.problem->file, s.problem->range, Fields{.detail = s.problem->message}), s);
  }
}

}  // namespace staplint::checks::input
