// Baselines: the findings a project accepts for now. `--write-baseline FILE`
// records them; `--baseline FILE` reports only the others. A finding is
// matched by rule, file and a fingerprint of its directive's text, never by
// line number, so edits elsewhere in the file do not reopen it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "staplint/error.hpp"
#include "staplint/lint.hpp"

namespace staplint {

struct BaselineEntry {
  std::string rule;         ///< SLnnnn
  std::string file;         ///< relative to the baseline's directory
  std::string fingerprint;  ///< of the directive text (baseline_fingerprint)
  std::string message;      ///< tells apart findings on identical lines
};

/// The directive text a finding sits on: its line from the first non-blank
/// character, with runs of blanks made one space; hashed (64-bit FNV-1a, hex).
std::string baseline_fingerprint(const SourceFile& file, Range range);

/// Turns a path as reported into the baseline's form (relative to the
/// baseline file's directory).
using BaselinePath = std::function<std::string(const std::string&)>;

std::vector<BaselineEntry> baseline_entries(const std::vector<Finding>& findings, const SourceManager& sources,
                                            const BaselinePath& path);

/// The baseline file: JSON, versioned, one finding per line, sorted.
std::string write_baseline(std::vector<BaselineEntry> entries);
/// Reads it back; an error (with its line) when it is not a staplint baseline.
Result<std::vector<BaselineEntry>> read_baseline(std::string_view text);

/// Removes the findings the baseline accepts, each entry accepting one
/// finding: first those with the same message, then (wording changes between
/// staplint releases) any with the same rule, file and fingerprint. The
/// entries used are taken out of `baseline`, so that several runs can share
/// it. Returns how many findings were removed.
std::size_t apply_baseline(std::vector<Finding>& findings, const SourceManager& sources,
                           std::vector<BaselineEntry>& baseline, const BaselinePath& path);

}  // namespace staplint
