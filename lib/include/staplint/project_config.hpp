// The project configuration file, `.staplint.yaml`: which rules run and how
// severe they are, when the run fails, what is linted and where the server's
// absolute paths are read, the server versions, and the output format.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "staplint/diagnostic.hpp"
#include "staplint/engine.hpp"
#include "staplint/error.hpp"
#include "staplint/file_system.hpp"
#include "staplint/rules.hpp"
#include "staplint/template_mask.hpp"

namespace staplint {

inline constexpr std::string_view kProjectConfigName = ".staplint.yaml";

/// What a `.staplint.yaml` says. Paths in it are relative to its directory
/// and are kept here joined to `dir`.
struct ProjectConfig {
  std::string file;                             ///< where it was read
  std::string dir;                              ///< its directory
  std::optional<std::set<std::string>> enable;  ///< rule ids; unset: every rule
  std::set<std::string> disable;                ///< rule ids
  std::map<std::string, Severity> severity;     ///< rule id -> severity
  std::optional<std::string> fail_on;           ///< error | warning | info | none
  std::optional<std::string> format;
  std::vector<std::string> entries;  ///< linted when no path is named; context for named files
  std::optional<std::string> root;
  std::vector<std::pair<std::string, std::string>> path_map;  ///< server prefix -> checkout dir
  std::vector<std::string> exclude;                           ///< globs, joined to `dir`
  std::optional<Version> nginx_version, httpd_version, tomcat_version, jdk_version;
  std::vector<std::pair<std::string, std::string>> template_vars;  ///< name -> value
  std::vector<std::pair<std::string, TemplateEngine>> templates;   ///< glob (joined to `dir`) -> engine
};

/// A file that cannot be used: where, and why (did-you-mean included).
struct ProjectConfigError {
  std::string file;
  unsigned line = 1, column = 1;
  std::string message;
};

/// The keys a `.staplint.yaml` may have (top level and under `versions`).
const std::vector<std::string_view>& project_config_keys();
/// What a top-level key takes, for the man page: its value and meaning.
std::string_view project_config_key_help(std::string_view key);
const std::vector<std::string_view>& project_config_version_keys();

/// Parses the text of `file`; rule names resolve to ids through `catalog`.
/// The paths it names (entries, root, paths) must lie below its own
/// directory or below `work_dir` (when given): anything else is an error.
Result<ProjectConfig, ProjectConfigError> parse_project_config(std::string_view text, const std::string& file,
                                                               const RuleCatalog& catalog,
                                                               const std::string& work_dir = {});

/// The `.staplint.yaml` in the directory of `path` (or in `path` itself when
/// it is a directory) or the nearest one above; empty when none. `path` is
/// made absolute with `cwd` first.
std::string find_project_config(const FileSystem& fs, const std::string& path, const std::string& cwd);

/// An exclude glob as written, made ready to join to its directory: no
/// trailing '/', and a bare name (no '/') matching at any depth (`**/name`).
std::string exclude_glob(std::string glob);

/// Whether `path` matches the glob `pattern`: `*` and `?` within one path
/// component, `[...]` classes, `**` any number of whole components; a
/// pattern also matches everything below a directory it matches.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace staplint
