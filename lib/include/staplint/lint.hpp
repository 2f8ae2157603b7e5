// The whole run: from the paths a user names to findings and endpoints.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "staplint/engine.hpp"
#include "staplint/loader.hpp"
#include "staplint/result.hpp"
#include "staplint/verdict.hpp"

namespace staplint {

/// What a project's configuration (`.staplint.yaml`) changes in a run.
struct RulePolicy {
  std::optional<std::set<std::string>> enable;  ///< only these rule ids; unset: all
  std::set<std::string> disable;                ///< rule ids
  std::map<std::string, Severity> severity;     ///< rule id -> its severity here
  /// Globs (glob_match) over canonical paths: such files are neither linted
  /// nor reported, though a tree may still include them.
  std::vector<std::string> exclude;
  /// Entries tried first as the tree that includes a file named on its own.
  std::vector<std::string> context_entries;

  bool runs(std::string_view rule_id) const {
    return !disable.count(std::string(rule_id)) && (!enable || enable->count(std::string(rule_id)));
  }
};

struct LintRequest {
  std::vector<std::string> paths;
  LoadOptions load;
  LintOptions lint;
  RulePolicy policy;
};

/// Whether the canonical path `file` lies below one of `dirs` (or is one):
/// a lookup per ancestor of `file`, so thousands of named directories cost
/// no more than a few.
bool is_below_any(const std::string& file, const std::unordered_set<std::string>& dirs);

/// Lints the named files and directories:
/// - a directory: each `nginx.conf` below it is an entry; other files with a
///   top-level `server {}` not reached from an entry are linted as fragments;
/// - an entry file (`nginx.conf`, or top-level `http`/`events`/`stream`): its tree;
/// - any other file: the tree of the nearest `nginx.conf` above it that includes
///   it, reporting only findings in that file; failing that, a fragment.
LintResult lint(const FileSystem& fs, SourceManager& sources, const RuleCatalog& catalog, const LintRequest& request);

/// The dialect staplint reads a file in when it is named on its own: by name
/// (java.security, setenv.sh, server.xml, apache2.conf, ...), else by its text
/// (`text` may be empty).
Dialect dialect_of_file(const std::string& path, const std::string& text);

}  // namespace staplint
