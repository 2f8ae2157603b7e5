#include "runs.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <iterator>

#include <spdlog/spdlog.h>

#include "staplint/format.hpp"
#include "staplint/project_config.hpp"
#include "staplint/text.hpp"

namespace staplint::cli {

std::string current_directory() {
  char* cwd = ::getcwd(nullptr, 0);
  std::string out = cwd ? cwd : "";
  std::free(cwd);
  return out;
}

namespace {

/// Reads and checks one configuration file; prints the error and returns
/// nullopt when it cannot be used.
std::optional<ProjectConfig> read_config(const FileSystem& fs, const std::string& file, const RuleCatalog& catalog,
                                         const std::string& cwd) {
  const std::string shown = escape_for_display(path::relative_to(file, cwd));
  const ReadResult text = fs.read(file, 1 << 20);
  if (text.status != ReadResult::Status::ok) {
    std::cerr << "staplint: error: cannot read configuration file '" << shown << "': "
              << (text.status == ReadResult::Status::too_large      ? "larger than 1 MiB"
                  : text.status == ReadResult::Status::is_directory ? "a directory"
                                                                    : escape_for_display(text.error))
              << "\n";
    return std::nullopt;
  }
  auto parsed = parse_project_config(text.bytes, file, catalog, cwd);
  if (!parsed) {
    const ProjectConfigError& e = parsed.error();
    std::cerr << shown << ":" << e.line << ":" << e.column << ": error: " << escape_for_display(e.message) << "\n";
    return std::nullopt;
  }
  return *std::move(parsed);
}

}  // namespace

int plan_runs(const Options& o, const FileSystem& fs, const RuleCatalog& catalog, const std::string& cwd,
              std::vector<Run>& runs) {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;  // configuration file, paths
  if (o.no_config) {
    groups.push_back({"", o.paths});
  } else if (!o.config_file.empty()) {
    groups.push_back(
        {path::normalize(path::is_absolute(o.config_file) ? o.config_file : path::join(cwd, o.config_file)), o.paths});
  } else if (o.paths.empty()) {
    groups.push_back({find_project_config(fs, ".", cwd), {}});
  } else {
    for (const std::string& p : o.paths) {
      const std::string file = find_project_config(fs, p, cwd);
      auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& x) { return x.first == file; });
      if (g == groups.end()) g = groups.insert(groups.end(), {file, {}});
      g->second.push_back(p);
    }
  }
  for (const auto& [file, paths] : groups) {
    std::optional<ProjectConfig> config;
    if (!file.empty()) {
      config = read_config(fs, file, catalog, cwd);
      if (!config) return 3;
      spdlog::info("configuration '{}' for {} paths", path::relative_to(file, cwd), paths.size());
    }
    Options with_paths = o;
    with_paths.paths = paths;
    auto run = resolve(with_paths, config ? &*config : nullptr, catalog, cwd);
    if (!run) {
      std::cerr << "staplint: error: " << escape_for_display(run.error().message) << "\n";
      return 3;
    }
    if (run->request.paths.empty()) {
      std::cerr << "staplint: error: no paths given"
                << (config ? ", and '" + path::relative_to(file, cwd) + "' has no 'entries'" : std::string())
                << "\ntry 'staplint --help'\n";
      return 3;
    }
    if (!runs.empty() && run->format != runs.front().format) {
      std::cerr << "staplint: warning: '" << path::relative_to(file, cwd) << "' asks for format '" << run->format
                << "'; one run prints one format: '" << runs.front().format << "'\n";
      run->format = runs.front().format;
    }
    runs.push_back(std::move(*run));
  }
  return 0;
}

namespace {
/// The --baseline file, read and checked; prints why it cannot be used.
std::optional<Baseline> read_baseline_file(const FileSystem& fs, const std::string& file, const std::string& cwd) {
  const ReadResult text = fs.read(file, 1 << 28);
  if (text.status != ReadResult::Status::ok) {
    std::cerr << "staplint: error: cannot read baseline '" << escape_for_display(file) << "': "
              << (text.status == ReadResult::Status::too_large ? "over the limit of 268435456 bytes"
                  : text.status == ReadResult::Status::missing ? "no such file (write one with '--write-baseline FILE')"
                                                               : escape_for_display(text.error))
              << "\n";
    return std::nullopt;
  }
  auto entries = read_baseline(text.bytes);
  if (!entries) {
    std::cerr << "staplint: error: '" << escape_for_display(file)
              << "': " << escape_for_display(entries.error().message) << "\n";
    return std::nullopt;
  }
  return Baseline{*std::move(entries), baseline_path(fs, file, cwd)};
}
}  // namespace

Result<Session, Exit> open_session(const Options& o, const FileSystem& fs, const RuleCatalog& catalog) {
  Session s;
  s.cwd = current_directory();
  if (const int status = plan_runs(o, fs, catalog, s.cwd, s.runs)) return Exit{status};
  if (!o.baseline.empty()) {
    s.baseline = read_baseline_file(fs, o.baseline, s.cwd);
    if (!s.baseline) return Exit{3};
  }
  return s;
}

void report_unusable(const LintResult& result, const FileSystem& fs) {
  for (std::size_t i = 0; i < result.unusable.size(); ++i) {
    const std::string& p = result.unusable[i];
    const std::string why = i < result.unusable_why.size() ? result.unusable_why[i] : std::string();
    std::cerr << "staplint: error: cannot read '" << escape_for_display(p) << "': "
              << (!why.empty()                      ? escape_for_display(why)
                  : fs.kind(p) == PathKind::missing ? "no such file or directory"
                                                    : "not a readable file or directory")
              << "\n";
  }
}

void print_report(const Options& o, const Session& s, const SourceManager& sources, const LintResult& result,
                  const RuleCatalog& catalog, bool show_suppressed) {
  const bool color = o.color == "always" || (o.color == "auto" && ::isatty(STDOUT_FILENO));
  make_formatter(s.runs.front().format, color)->write({sources, result, catalog, show_suppressed}, std::cout);
  std::cout.flush();
}

BaselinePath baseline_path(const FileSystem& fs, const std::string& file, const std::string& cwd) {
  auto absolute = [cwd](const std::string& p) {
    return path::normalize(path::is_absolute(p) ? p : path::join(cwd, p));
  };
  const std::string dir = fs.canonical(path::dirname(absolute(file)));
  return [&fs, absolute, dir](const std::string& p) { return path::relative_to(fs.canonical(absolute(p)), dir); };
}

LintResult lint_all(const FileSystem& fs, SourceManager& sources, const RuleCatalog& catalog,
                    const std::vector<Run>& runs, std::optional<Baseline> baseline, bool& failed) {
  LintResult all;
  for (const Run& run : runs) {
    LintResult r = lint(fs, sources, catalog, run.request);
    if (baseline) all.baselined += apply_baseline(r.findings, sources, baseline->entries, baseline->path);
    for (Finding& f : r.findings) {
      failed = failed || (!run.fail_never && f.severity >= run.fail_on);
      all.findings.push_back(std::move(f));
    }
    std::move(r.suppressed.begin(), r.suppressed.end(), std::back_inserter(all.suppressed));
    std::move(r.endpoints.begin(), r.endpoints.end(), std::back_inserter(all.endpoints));
    all.files.insert(all.files.end(), r.files.begin(), r.files.end());
    all.file_dialects.insert(all.file_dialects.end(), r.file_dialects.begin(), r.file_dialects.end());
    std::move(r.unusable.begin(), r.unusable.end(), std::back_inserter(all.unusable));
    std::move(r.unusable_why.begin(), r.unusable_why.end(), std::back_inserter(all.unusable_why));
    for (std::string& d : r.named_dirs) {
      if (std::find(all.named_dirs.begin(), all.named_dirs.end(), d) == all.named_dirs.end()) {
        all.named_dirs.push_back(std::move(d));
      }
    }
  }
  return all;
}

}  // namespace staplint::cli
