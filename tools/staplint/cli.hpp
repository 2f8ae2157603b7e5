// Command-line parsing for staplint, kept apart from main() so it can be tested.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "staplint/fix_apply.hpp"
#include "staplint/lint.hpp"
#include "staplint/project_config.hpp"

namespace staplint::cli {

/// What the command line says. Settings a `.staplint.yaml` can also give are
/// unset (nullopt or empty) unless the command line gives them: it wins.
struct Options {
  std::vector<std::string> paths;
  std::optional<std::string> format;
  std::string color = "auto";
  std::optional<std::string> fail_on;                         ///< error | warning | info | none
  std::string config_file;                                    ///< --config FILE
  bool no_config = false;                                     ///< --no-config
  std::optional<std::set<std::string>> enable, disable;       ///< as written: ids or names
  std::vector<std::pair<std::string, std::string>> severity;  ///< --severity RULE=LEVEL
  std::vector<std::string> exclude;                           ///< --exclude GLOB
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
  std::string baseline;        ///< --baseline FILE
  std::string write_baseline;  ///< --write-baseline FILE
};

/// The settings of one run over some paths: the command line over the
/// project configuration `config` (may be null) over the defaults.
struct Run {
  LintRequest request;
  std::string format = "text";
  Severity fail_on = Severity::warning;
  bool fail_never = false;
};

/// Combines them. `cwd` makes relative globs absolute and paths from the
/// configuration relative to where staplint runs. A rule the command line
/// names that the catalog does not know is a usage error (`error` set).
std::optional<Run> resolve(const Options& o, const ProjectConfig* config, const RuleCatalog& catalog,
                           const std::string& cwd, std::string& error);

/// Parses argv; on a usage error returns nullopt and sets `error`.
std::optional<Options> parse(int argc, const char* const* argv, std::string& error);

const char* usage();

}  // namespace staplint::cli
