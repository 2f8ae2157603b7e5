// Command-line parsing for staplint, kept apart from main() so it can be tested.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "staplint/fix_apply.hpp"
#include "staplint/lint.hpp"

namespace staplint::cli {

struct Options {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string color = "auto";
  Severity fail_on = Severity::warning;
  bool fail_never = false;
  std::string dump_ast;
  bool list_rules = false;
  std::string explain;
  bool help = false;
  bool version = false;
  int verbosity = 0;
  LoadOptions load;
  LintOptions lint;
  std::optional<FixMode> fix;  ///< --fix, --fix=all
  bool diff = false;           ///< --diff
  bool show_suppressed = false;
};

/// Parses argv; on a usage error returns nullopt and sets `error`.
std::optional<Options> parse(int argc, const char* const* argv, std::string& error);

const char* usage();

}  // namespace staplint::cli
