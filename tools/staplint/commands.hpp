// The commands staplint runs, one file each under commands/. main() parses
// the command line and calls the one Options::command() names; a new command
// (probe, say) is a new file here and one line in main's table.
#pragma once

#include "cli.hpp"
#include "staplint/rules.hpp"

namespace staplint::cli {

/// What every command is given.
struct Invocation {
  const Options& options;
  const RuleCatalog& catalog;
  /// The process ends when the command returns: what it holds may be left
  /// to the operating system (leave_to_exit.hpp) instead of freed.
  bool process_ends = false;
};

/// Each returns the exit status: 0 clean, 1 findings at or above --fail-on,
/// 2 a path could not be read, 3 a usage or configuration error.
int lint_command(const Invocation& in);        ///< lint the paths (and --write-baseline)
int fix_command(const Invocation& in);         ///< --fix, --diff
int explain_command(const Invocation& in);     ///< --explain RULE
int list_rules_command(const Invocation& in);  ///< --list-rules
int dump_ast_command(const Invocation& in);    ///< --dump-ast FILE
int probe_command(const Invocation& in);       ///< probe HOST[:PORT]...: live stapling verdicts

}  // namespace staplint::cli
