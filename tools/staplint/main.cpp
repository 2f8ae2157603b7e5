// staplint: the command-line driver. Exit codes: 0 clean, 1 findings at or above
// --fail-on, 2 a named path could not be read, 3 usage error.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <algorithm>
#include <iterator>
#include <memory>
#include <optional>
#include <variant>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "cli.hpp"
#include "heap_tuning.hpp"
#include "staplint/baseline.hpp"
#include "staplint/fix_apply.hpp"
#include "staplint/format.hpp"
#include "staplint/project_config.hpp"
#include "staplint/rules.hpp"

#ifndef STAPLINT_VERSION
#define STAPLINT_VERSION "0.0.0"
#endif

namespace {

using namespace staplint;

void print_node(const SourceManager& sm, const Node& n, int depth) {
  const SourceFile& src = sm.file(n.file());
  const LineCol lc = src.line_col(n.range.begin);
  std::cout << std::string(static_cast<std::size_t>(depth) * 2, ' ');
  static const char* kinds[] = {"directive", "block", "comment", "raw_block", "include", "attribute"};
  std::cout << kinds[static_cast<int>(n.kind)] << " " << src.path() << ":" << lc.line << ":"
            << lc.column << " [" << n.range.begin << "," << n.range.end << ")";
  if (n.kind == NodeKind::comment) {
    std::cout << " #" << n.name() << "\n";
    return;
  }
  std::cout << " " << n.name();
  for (const Arg& a : n.args()) {
    std::cout << " " << (a.quote == Quote::double_ ? "\"" : a.quote == Quote::single ? "'" : "")
              << a.value << (a.quote == Quote::double_ ? "\"" : a.quote == Quote::single ? "'" : "");
  }
  if (n.inclusion() != 0) std::cout << " (inclusion " << n.inclusion() << ")";
  std::cout << "\n";
  for (const Node& c : n.children()) print_node(sm, c, depth + 1);
}

int dump_ast(const cli::Options& o) {
  DiskFileSystem fs;
  SourceManager sm;
  ConfigLoader loader(fs, sm, o.load);
  if (fs.kind(o.dump_ast) != PathKind::file) {
    std::cerr << "staplint: error: cannot read '" << o.dump_ast << "'\n";
    return 2;
  }
  const ReadResult text = fs.read(o.dump_ast, o.load.limits.max_file_size);
  const ConfigTree tree =
      loader.load(o.dump_ast, false, dialect_of_file(o.dump_ast, text.status == ReadResult::Status::ok ? text.bytes : ""));
  for (std::size_t i = 1; i < tree.inclusions.size(); ++i) {
    const Inclusion& inc = tree.inclusions[i];
    std::cout << "inclusion " << i << ": " << sm.file(inc.file).path() << " from "
              << sm.file(inc.site_file).path() << ":"
              << sm.file(inc.site_file).line_col(inc.site.begin).line << " (parent "
              << inc.parent << ")\n";
  }
  for (const Node& n : tree.nodes) print_node(sm, n, 0);
  for (const InputProblem& p : tree.problems) {
    const SourceFile& src = sm.file(p.file);
    const LineCol lc = src.line_col(p.range.begin);
    std::cout << "problem " << src.path() << ":" << lc.line << ":" << lc.column << ": "
              << p.message << "\n";
  }
  return tree.problems.empty() ? 0 : 1;
}

void list_rules(const RuleCatalog& catalog) {
  for (const RuleSpec& r : catalog.rules()) {
    std::string dialects;
    for (const auto& d : r.dialects) dialects += (dialects.empty() ? "" : ",") + d;
    std::cout << r.id << "  " << r.name << std::string(r.name.size() < 40 ? 40 - r.name.size() : 1, ' ')
              << to_string(r.severity) << std::string(8 - to_string(r.severity).size(), ' ')
              << dialects << "  " << r.summary << "\n";
  }
}

int explain(const RuleCatalog& catalog, const std::string& key) {
  const RuleSpec* r = catalog.find(key);
  if (!r) {
    std::cerr << "staplint: error: unknown rule '" << key << "'";
    if (auto s = catalog.suggest(key)) std::cerr << "; did you mean '" << *s << "'?";
    std::cerr << "\n";
    return 3;
  }
  std::cout << r->id << " " << r->name << " (" << to_string(r->severity) << ")\n"
            << r->summary << "\n\nWhat is wrong\n" << r->explain_problem << "\nWhy it matters\n"
            << r->explain_why << "\nHow to fix it\n" << r->explain_fix;
  for (const RuleExample& e : r->examples) {
    std::cout << "\nExample (" << e.dialect << "), flagged:\n" << e.fires << "\nNot flagged:\n"
              << e.silent;
  }
  std::cout << "\nReferences\n";
  for (const std::string& ref : r->references) std::cout << "- " << ref << "\n";
  return 0;
}

std::string current_directory() {
  char* cwd = ::getcwd(nullptr, 0);
  std::string out = cwd ? cwd : "";
  std::free(cwd);
  return out;
}

/// Reads and checks one configuration file; prints the error and returns
/// nullopt when it cannot be used.
std::optional<ProjectConfig> read_config(const FileSystem& fs, const std::string& file, const RuleCatalog& catalog,
                                         const std::string& cwd) {
  const std::string shown = path::relative_to(file, cwd);
  const ReadResult text = fs.read(file, 1 << 20);
  if (text.status != ReadResult::Status::ok) {
    std::cerr << "staplint: error: cannot read configuration file '" << shown << "'\n";
    return std::nullopt;
  }
  auto parsed = parse_project_config(text.bytes, file, catalog);
  if (auto* e = std::get_if<ProjectConfigError>(&parsed)) {
    std::cerr << shown << ":" << e->line << ":" << e->column << ": error: " << e->message << "\n";
    return std::nullopt;
  }
  return std::get<ProjectConfig>(std::move(parsed));
}

/// The runs: the named paths grouped by the configuration that governs each
/// (or the one --config names, or none), with the command line over it.
/// Returns 0, or the exit status of a usage or configuration error.
int plan_runs(const cli::Options& o, const FileSystem& fs, const RuleCatalog& catalog, const std::string& cwd,
              std::vector<cli::Run>& runs) {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;  // configuration file, paths
  if (o.no_config) {
    groups.push_back({"", o.paths});
  } else if (!o.config_file.empty()) {
    groups.push_back({path::normalize(path::is_absolute(o.config_file) ? o.config_file : path::join(cwd, o.config_file)),
                      o.paths});
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
    cli::Options with_paths = o;
    with_paths.paths = paths;
    std::string error;
    auto run = cli::resolve(with_paths, config ? &*config : nullptr, catalog, cwd, error);
    if (!run) {
      std::cerr << "staplint: error: " << error << "\n";
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

/// What a baseline accepts, and how a reported path is written in it.
struct Baseline {
  std::vector<BaselineEntry> entries;
  BaselinePath path;
};

/// How paths are written in the baseline file `file`: relative to its
/// directory, symlinks resolved, so that any working directory matches.
BaselinePath baseline_path(const FileSystem& fs, const std::string& file, const std::string& cwd) {
  auto absolute = [cwd](const std::string& p) { return path::normalize(path::is_absolute(p) ? p : path::join(cwd, p)); };
  const std::string dir = fs.canonical(path::dirname(absolute(file)));
  return [&fs, absolute, dir](const std::string& p) { return path::relative_to(fs.canonical(absolute(p)), dir); };
}

/// Lints every run into one result, less what `baseline` accepts; `failed`
/// when a finding is at or above its own run's --fail-on.
LintResult lint_all(const FileSystem& fs, SourceManager& sources, const RuleCatalog& catalog,
                    const std::vector<cli::Run>& runs, std::optional<Baseline> baseline, bool& failed) {
  LintResult all;
  for (const cli::Run& run : runs) {
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
  }
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  staplint::cli::prefer_huge_pages_for_heap();
  std::string error;
  auto parsed = cli::parse(argc, argv, error);
  if (!parsed) {
    std::cerr << "staplint: error: " << error << "\n" << "try 'staplint --help'\n";
    return 3;
  }
  const cli::Options& o = *parsed;
  auto logger = spdlog::stderr_logger_st("staplint");
  logger->set_pattern("staplint: %l: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(o.verbosity >= 2 ? spdlog::level::debug
                                     : o.verbosity == 1 ? spdlog::level::info : spdlog::level::warn);
  if (o.help) {
    std::cout << cli::usage();
    return 0;
  }
  if (o.version) {
    std::cout << "staplint " << STAPLINT_VERSION << "\n";
    return 0;
  }
  const RuleCatalog* catalog = nullptr;
  try {
    catalog = &RuleCatalog::builtin();
  } catch (const RuleError& e) {
    std::cerr << "staplint: error: invalid built-in rule: " << e.what() << "\n";
    return 3;
  }
  if (o.list_rules) {
    list_rules(*catalog);
    return 0;
  }
  if (!o.explain.empty()) return explain(*catalog, o.explain);
  if (!o.dump_ast.empty()) return dump_ast(o);

  DiskFileSystem fs;
  const std::string cwd = current_directory();
  std::vector<cli::Run> runs;
  if (const int status = plan_runs(o, fs, *catalog, cwd, runs)) return status;
  const std::string& format = runs.front().format;

  std::optional<Baseline> baseline;
  if (!o.baseline.empty()) {
    const ReadResult text = fs.read(o.baseline, 1 << 28);
    if (text.status != ReadResult::Status::ok) {
      std::cerr << "staplint: error: cannot read baseline '" << o.baseline
                << "' (write one with '--write-baseline FILE')\n";
      return 3;
    }
    auto entries = read_baseline(text.bytes);
    if (auto* e = std::get_if<std::string>(&entries)) {
      std::cerr << "staplint: error: '" << o.baseline << "': " << *e << "\n";
      return 3;
    }
    baseline = Baseline{std::get<0>(std::move(entries)), baseline_path(fs, o.baseline, cwd)};
  }
  auto sources = std::make_unique<SourceManager>();
  bool failed = false;
  LintResult result = lint_all(fs, *sources, *catalog, runs, baseline, failed);
  if (!o.write_baseline.empty()) {
    const auto entries = baseline_entries(result.findings, *sources, baseline_path(fs, o.write_baseline, cwd));
    std::string error;
    if (!fs.write_file(o.write_baseline, write_baseline(entries), error)) {
      std::cerr << "staplint: error: " << error << "\n";
      return 2;
    }
    std::cerr << "staplint: wrote " << entries.size() << " findings to '" << o.write_baseline << "'\n";
    return result.unusable.empty() ? 0 : 2;
  }
  for (const std::string& p : result.unusable) {
    std::cerr << "staplint: error: cannot read '" << p << "': "
              << (fs.kind(p) == PathKind::missing ? "no such file or directory"
                                                  : "not a readable file or directory")
              << "\n";
  }
  const bool color = o.color == "always" || (o.color == "auto" && ::isatty(STDOUT_FILENO));
  if (o.diff || o.fix) {
    const FixPlan plan = plan_fixes(result, *sources, o.fix.value_or(FixMode::safe));
    for (const std::string& f : plan.syntax_errors) {
      std::cerr << "staplint: note: '" << f << "' has a syntax error; no fix touches it\n";
    }
    if (plan.skipped) {
      std::cerr << "staplint: note: " << plan.skipped
                << " edits overlap an earlier fix's and were left out; run again to apply them\n";
    }
    if (o.diff) {
      // A symlink's target is what changes: name it, relative to here when
      // it is below here, so that git apply and patch -p1 patch the file.
      for (FilePatch p : plan.patches) {
        if (!p.create) {
          const std::string real = fs.canonical(p.path);
          if (real != p.path && !cwd.empty() && real.rfind(cwd + "/", 0) == 0) p.path = real.substr(cwd.size() + 1);
        }
        std::cout << unified_diff(p);
      }
      if (!result.unusable.empty()) return 2;
      return plan.patches.empty() ? 0 : 1;
    }
    const std::vector<std::string> errors = write_patches(fs, plan);
    for (const std::string& e : errors) std::cerr << "staplint: error: " << e << "\n";
    std::cerr << "staplint: applied " << plan.fixes << " fixes to " << plan.patches.size() - errors.size()
              << " files\n";
    // What remains, read afresh.
    DiskFileSystem again;
    sources = std::make_unique<SourceManager>();
    failed = false;
    result = lint_all(again, *sources, *catalog, runs, baseline, failed);
    if (!errors.empty()) {
      make_formatter(format, color)->write({*sources, result}, std::cout);
      return 2;
    }
  }
  auto formatter = make_formatter(format, color);
  formatter->write({*sources, result, o.show_suppressed}, std::cout);
  std::cout.flush();

  if (!result.unusable.empty()) return 2;
  return failed ? 1 : 0;
}
