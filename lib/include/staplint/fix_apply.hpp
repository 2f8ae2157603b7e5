// Applying fixes to files: which fixes, what each file becomes, unified diffs
// of that, and the atomic writes (through FileSystem).
#pragma once

#include <string>
#include <vector>

#include "staplint/file_system.hpp"
#include "staplint/lint.hpp"

namespace staplint {

/// `--fix` applies the fixes marked safe; `--fix=all` the suggested ones too.
enum class FixMode { safe, all };

/// What one file becomes.
struct FilePatch {
  std::string path;    ///< as the tree names it
  std::string before;  ///< empty for a file the fixes create
  std::string after;
  bool create = false;
};

struct FixPlan {
  std::vector<FilePatch> patches;  ///< files that change, in path order
  std::size_t fixes = 0;           ///< findings whose fix is in the plan
  std::size_t skipped = 0;         ///< edits left out: they overlap an earlier one
  /// Files with a syntax error (SL0001): never touched.
  std::vector<std::string> syntax_errors;
};

/// The first fix of each finding that `mode` allows, grouped by file.
FixPlan plan_fixes(const LintResult& result, const SourceManager& sources, FixMode mode);

/// A unified diff (`--- a/PATH`, `+++ b/PATH`, 3 lines of context) that
/// `git apply` and `patch -p1` accept; PATH is the patch's path, relative.
std::string unified_diff(const FilePatch& patch);

/// Writes every patch; returns the errors (a file that fails keeps its bytes).
/// A file is written only where it really lies (symlinks followed) below one
/// of `allowed_dirs` (canonical: LintResult::named_dirs), only if it still
/// holds what was read, and a created file only if it still does not exist.
std::vector<std::string> write_patches(FileSystem& fs, const FixPlan& plan,
                                       const std::vector<std::string>& allowed_dirs);

}  // namespace staplint
