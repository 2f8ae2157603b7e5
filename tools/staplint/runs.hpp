// The runs of one staplint command: the named paths grouped by the
// .staplint.yaml that governs each, each group's settings resolved, and the
// lint of them all into one result (less what a baseline accepts).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"
#include "staplint/baseline.hpp"
#include "staplint/file_system.hpp"
#include "staplint/rules.hpp"

namespace staplint::cli {

std::string current_directory();

/// The runs: the named paths grouped by the configuration that governs each
/// (or the one --config names, or none), with the command line over it.
/// Prints what is wrong and returns the exit status of a usage or
/// configuration error, else 0.
int plan_runs(const Options& o, const FileSystem& fs, const RuleCatalog& catalog, const std::string& cwd,
              std::vector<Run>& runs);

/// What a baseline accepts, and how a reported path is written in it.
struct Baseline {
  std::vector<BaselineEntry> entries;
  BaselinePath path;
};

/// How paths are written in the baseline file `file`: relative to its
/// directory, symlinks resolved, so that any working directory matches.
/// `fs` must outlive the result.
BaselinePath baseline_path(const FileSystem& fs, const std::string& file, const std::string& cwd);

/// Lints every run into one result, less what `baseline` accepts; `failed`
/// when a finding is at or above its own run's --fail-on.
LintResult lint_all(const FileSystem& fs, SourceManager& sources, const RuleCatalog& catalog,
                    const std::vector<Run>& runs, std::optional<Baseline> baseline, bool& failed);

/// What the lint and fix commands start from: the runs planned from the
/// command line and the configuration files, and the --baseline read.
struct Session {
  std::string cwd;
  std::vector<Run> runs;  ///< never empty
  std::optional<Baseline> baseline;
};
/// An exit status, when a command ends early.
struct Exit {
  int status = 0;
};
/// Plans the runs and reads the baseline. When one cannot be used, prints
/// why and gives the exit status (3).
Result<Session, Exit> open_session(const Options& o, const FileSystem& fs, const RuleCatalog& catalog);

/// "cannot read" for each named path the lint could not use.
void report_unusable(const LintResult& result, const FileSystem& fs);

/// The result in the session's format on stdout, in color when --color says.
void print_report(const Options& o, const Session& s, const SourceManager& sources, const LintResult& result,
                  const RuleCatalog& catalog, bool show_suppressed);

}  // namespace staplint::cli
