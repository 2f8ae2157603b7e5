// staplint: the command-line driver. Exit codes: 0 clean, 1 findings at or above
// --fail-on, 2 a named path could not be read, 3 usage error.
#include <unistd.h>

#include <csignal>

#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "cli.hpp"
#include "heap_tuning.hpp"
#include "runs.hpp"
#include "staplint/fix_apply.hpp"
#include "staplint/format.hpp"
#include "staplint/rules.hpp"
#include "staplint/text.hpp"

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
  std::cout << kinds[static_cast<int>(n.kind)] << " " << src.path() << ":" << lc.line << ":" << lc.column << " ["
            << n.range.begin << "," << n.range.end << ")";
  if (n.kind == NodeKind::comment) {
    std::cout << " #" << n.name() << "\n";
    return;
  }
  std::cout << " " << n.name();
  for (const Arg& a : n.args()) {
    std::cout << " "
              << (a.quote == Quote::double_  ? "\""
                  : a.quote == Quote::single ? "'"
                                             : "")
              << a.value
              << (a.quote == Quote::double_  ? "\""
                  : a.quote == Quote::single ? "'"
                                             : "");
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
    std::cerr << "staplint: error: cannot read '" << escape_for_display(o.dump_ast) << "'\n";
    return 2;
  }
  const ReadResult text = fs.read(o.dump_ast, o.load.limits.max_file_size);
  const ConfigTree tree = loader.load(
      o.dump_ast, false, dialect_of_file(o.dump_ast, text.status == ReadResult::Status::ok ? text.bytes : ""));
  for (std::size_t i = 1; i < tree.inclusions.size(); ++i) {
    const Inclusion& inc = tree.inclusions[i];
    std::cout << "inclusion " << i << ": " << sm.file(inc.file).path() << " from " << sm.file(inc.site_file).path()
              << ":" << sm.file(inc.site_file).line_col(inc.site.begin).line << " (parent " << inc.parent << ")\n";
  }
  for (const Node& n : tree.nodes) print_node(sm, n, 0);
  for (const InputProblem& p : tree.problems) {
    const SourceFile& src = sm.file(p.file);
    const LineCol lc = src.line_col(p.range.begin);
    std::cout << "problem " << src.path() << ":" << lc.line << ":" << lc.column << ": " << p.message << "\n";
  }
  return tree.problems.empty() ? 0 : 1;
}

void list_rules(const RuleCatalog& catalog) {
  for (const RuleSpec& r : catalog.rules()) {
    std::string dialects;
    for (const Dialect d : r.dialects) dialects += (dialects.empty() ? "" : ",") + std::string(to_string(d));
    std::cout << r.id << "  " << r.name << std::string(r.name.size() < 40 ? 40 - r.name.size() : 1, ' ')
              << to_string(r.severity) << std::string(8 - to_string(r.severity).size(), ' ') << dialects << "  "
              << r.summary << "\n";
  }
}

int explain(const RuleCatalog& catalog, const std::string& key) {
  const RuleSpec* r = catalog.find(key);
  if (!r) {
    std::cerr << "staplint: error: " << catalog.unknown_rule_message(key) << "\n";
    return 3;
  }
  std::cout << r->id << " " << r->name << " (" << to_string(r->severity)
            << (r->also_severity ? " or " + std::string(to_string(*r->also_severity)) : std::string()) << ")\n"
            << r->summary << "\n\nWhat is wrong\n"
            << r->explain_problem << "\nWhy it matters\n"
            << r->explain_why;
  if (r->refuses) {
    std::cout << "Verdict: the server refuses such a configuration (or does not start), so the\n"
                 "stapling verdict of every endpoint it holds is 'fatal'.\n";
  }
  std::cout << "\nHow to fix it\n" << r->explain_fix;
  for (const RuleExample& e : r->examples) {
    std::cout << "\nExample (" << to_string(e.dialect) << "), flagged:\n" << e.fires << "\nNot flagged:\n" << e.silent;
  }
  std::cout << "\nReferences\n";
  for (const std::string& ref : r->references) std::cout << "- " << ref << "\n";
  return 0;
}

}  // namespace

namespace {
/// SIGINT and SIGTERM during --fix: the temporary file of the write in
/// progress goes, then the signal ends the process as it would have.
extern "C" void on_termination(int sig) {
  staplint::remove_pending_temporary_file();
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}
int run(int argc, char** argv);
}  // namespace

/// Exit 4 for what nothing below catches (out of memory among them), with a
/// message rather than std::terminate's abort.
int main(int argc, char** argv) {
  staplint::cli::prefer_huge_pages_for_heap();
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "staplint: internal error: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "staplint: internal error: " << staplint::escape_for_display(e.what()) << "\n";
  }
  return 4;
}

namespace {
int run(int argc, char** argv) {
  ::signal(SIGINT, on_termination);
  ::signal(SIGTERM, on_termination);
  std::string error;
  auto parsed = cli::parse(argc, argv, error);
  if (!parsed) {
    std::cerr << "staplint: error: " << error << "\n"
              << "try 'staplint --help'\n";
    return 3;
  }
  const cli::Options& o = *parsed;
  auto logger = spdlog::stderr_logger_st("staplint");
  logger->set_pattern("staplint: %l: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(o.verbosity >= 2   ? spdlog::level::debug
                    : o.verbosity == 1 ? spdlog::level::info
                                       : spdlog::level::warn);
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
  const std::string cwd = cli::current_directory();
  std::vector<cli::Run> runs;
  if (const int status = cli::plan_runs(o, fs, *catalog, cwd, runs)) return status;
  const std::string& format = runs.front().format;

  std::optional<cli::Baseline> baseline;
  if (!o.baseline.empty()) {
    const ReadResult text = fs.read(o.baseline, 1 << 28);
    if (text.status != ReadResult::Status::ok) {
      std::cerr << "staplint: error: cannot read baseline '" << escape_for_display(o.baseline) << "': "
                << (text.status == ReadResult::Status::too_large ? "over the limit of 268435456 bytes"
                    : text.status == ReadResult::Status::missing
                        ? "no such file (write one with '--write-baseline FILE')"
                        : escape_for_display(text.error))
                << "\n";
      return 3;
    }
    auto entries = read_baseline(text.bytes);
    if (auto* e = std::get_if<std::string>(&entries)) {
      std::cerr << "staplint: error: '" << escape_for_display(o.baseline) << "': " << escape_for_display(*e) << "\n";
      return 3;
    }
    baseline = cli::Baseline{std::get<0>(std::move(entries)), cli::baseline_path(fs, o.baseline, cwd)};
  }
  auto sources = std::make_unique<SourceManager>();
  bool failed = false;
  LintResult result = cli::lint_all(fs, *sources, *catalog, runs, baseline, failed);
  if (!o.write_baseline.empty()) {
    const auto entries = baseline_entries(result.findings, *sources, cli::baseline_path(fs, o.write_baseline, cwd));
    std::string error;
    if (!fs.write_file(o.write_baseline, write_baseline(entries), error)) {
      std::cerr << "staplint: error: " << escape_for_display(error) << "\n";
      return 2;
    }
    std::cerr << "staplint: wrote " << entries.size() << " findings to '" << escape_for_display(o.write_baseline)
              << "'\n";
    return result.unusable.empty() ? 0 : 2;
  }
  for (std::size_t i = 0; i < result.unusable.size(); ++i) {
    const std::string& p = result.unusable[i];
    const std::string why = i < result.unusable_why.size() ? result.unusable_why[i] : std::string();
    std::cerr << "staplint: error: cannot read '" << escape_for_display(p) << "': "
              << (!why.empty()                      ? escape_for_display(why)
                  : fs.kind(p) == PathKind::missing ? "no such file or directory"
                                                    : "not a readable file or directory")
              << "\n";
  }
  const bool color = o.color == "always" || (o.color == "auto" && ::isatty(STDOUT_FILENO));
  if (o.diff || o.fix) {
    const FixMode mode = o.fix.value_or(FixMode::safe);
    FixPlan plan = plan_fixes(result, *sources, mode);
    // Written as read: a checkout (--root, --path-map) as under chroot.
    std::vector<std::string> roots;
    for (const cli::Run& run : runs) {
      for (const std::string& r : run.request.load.checkout_roots()) roots.push_back(r);
    }
    ConfinedFileSystem writer(fs, roots, cwd);
    for (const std::string& f : plan.syntax_errors) {
      std::cerr << "staplint: note: '" << escape_for_display(f) << "' has a syntax error; no fix touches it\n";
    }
    // Fixes until none is left, as ruff does: each round lints what the
    // last one would write (in memory), so that an edit that overlapped
    // another, or a finding a fix brings out, is fixed in this one run.
    FixPlan all;
    std::map<std::string, std::size_t> patch_of;
    OverlayFileSystem overlay(writer);
    auto absorb = [&](const FixPlan& round) {
      for (const FilePatch& p : round.patches) {
        auto [it, fresh] = patch_of.try_emplace(p.path, all.patches.size());
        if (fresh)
          all.patches.push_back(p);
        else
          all.patches[it->second].after = p.after;
        overlay.set(p.path, p.after);
      }
      all.fixes += round.fixes;
    };
    absorb(plan);
    constexpr int kMaxRounds = 8;
    for (int rounds = 1; rounds < kMaxRounds && !plan.patches.empty(); ++rounds) {
      SourceManager round_sources;
      bool round_failed = false;
      const LintResult r = cli::lint_all(overlay, round_sources, *catalog, runs, baseline, round_failed);
      plan = plan_fixes(r, round_sources, mode);
      absorb(plan);
    }
    if (!plan.patches.empty()) {
      // Fixes that undo each other: a bug of staplint's, never the user's.
      // Nothing is written or printed as a diff.
      std::cerr << "staplint: internal error: fixes still changed files after " << kMaxRounds
                << " rounds (they undo each other); nothing was written. Please report this with the "
                   "files named\n";
      return 4;
    }
    std::erase_if(all.patches, [](const FilePatch& p) { return p.before == p.after && !p.create; });
    plan = std::move(all);
    if (o.diff) {
      // A symlink's target is what changes: name it, relative to here when
      // it is below here, so that git apply and patch -p1 patch the file.
      for (FilePatch p : plan.patches) {
        if (!p.create) {
          const std::string real = writer.canonical(p.path);
          if (real != p.path && !cwd.empty() && real.rfind(cwd + "/", 0) == 0) p.path = real.substr(cwd.size() + 1);
        }
        std::cout << unified_diff(p);
      }
      if (!result.unusable.empty()) return 2;
      return plan.patches.empty() ? 0 : 1;
    }
    const std::vector<std::string> errors = write_patches(writer, plan, result.named_dirs);
    for (const std::string& e : errors) std::cerr << "staplint: error: " << escape_for_display(e) << "\n";
    std::cerr << "staplint: applied " << plan.fixes << " fixes to " << plan.patches.size() - errors.size()
              << " files\n";
    // What remains, read afresh.
    DiskFileSystem again;
    sources = std::make_unique<SourceManager>();
    failed = false;
    result = cli::lint_all(again, *sources, *catalog, runs, baseline, failed);
    if (!errors.empty()) {
      make_formatter(format, color)->write({*sources, result, false, catalog}, std::cout);
      return 2;
    }
  }
  auto formatter = make_formatter(format, color);
  formatter->write({*sources, result, o.show_suppressed, catalog}, std::cout);
  std::cout.flush();

  if (!result.unusable.empty()) return 2;
  return failed ? 1 : 0;
}
}  // namespace
