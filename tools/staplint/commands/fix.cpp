// --fix and --diff: the fixes of the findings, applied until none is left,
// then written atomically (each file inside the named trees) or printed as a
// unified diff; then what remains is linted afresh and reported.
#include <iostream>
#include <map>
#include <memory>

#include "commands.hpp"
#include "runs.hpp"
#include "staplint/fix_apply.hpp"
#include "staplint/text.hpp"

namespace staplint::cli {

namespace {

constexpr int kMaxRounds = 8;

/// Fixes until none is left, as ruff does: each round lints what the last
/// one would write (in memory), so that an edit that overlapped another, or a
/// finding a fix brings out, is fixed in this one run. Empty when the fixes
/// still change files after the last round (they undo each other).
std::optional<FixPlan> fix_until_stable(const FileSystem& writer, const Session& s, const RuleCatalog& catalog,
                                        FixPlan plan, FixMode mode) {
  FixPlan all;
  std::map<std::string, std::size_t> patch_of;
  OverlayFileSystem overlay(writer);
  auto absorb = [&](const FixPlan& round) {
    for (const FilePatch& p : round.patches) {
      auto [it, fresh] = patch_of.try_emplace(p.path, all.patches.size());
      if (fresh) {
        all.patches.push_back(p);
      } else {
        all.patches[it->second].after = p.after;
      }
      overlay.set(p.path, p.after);
    }
    all.fixes += round.fixes;
  };
  absorb(plan);
  for (int rounds = 1; rounds < kMaxRounds && !plan.patches.empty(); ++rounds) {
    SourceManager round_sources;
    bool round_failed = false;
    const LintResult r = lint_all(overlay, round_sources, catalog, s.runs, s.baseline, round_failed);
    plan = plan_fixes(r, round_sources, mode);
    absorb(plan);
  }
  if (!plan.patches.empty()) return std::nullopt;
  std::erase_if(all.patches, [](const FilePatch& p) { return p.before == p.after && !p.create; });
  return all;
}

/// The plan as a unified diff. A symlink's target is what changes: it is
/// named, relative to here when it is below here, so that git apply and
/// patch -p1 patch the file.
void print_diff(const FixPlan& plan, const FileSystem& writer, const std::string& cwd) {
  for (FilePatch p : plan.patches) {
    if (!p.create) {
      const std::string real = writer.canonical(p.path);
      if (real != p.path && !cwd.empty() && real.rfind(cwd + "/", 0) == 0) p.path = real.substr(cwd.size() + 1);
    }
    std::cout << unified_diff(p);
  }
}

}  // namespace

int fix_command(const Invocation& in) {
  const Options& o = in.options;
  DiskFileSystem fs;
  auto session = open_session(o, fs, in.catalog);
  if (!session) return session.error().status;
  const Session& s = *session;
  auto sources = std::make_unique<SourceManager>();
  bool failed = false;
  LintResult result = lint_all(fs, *sources, in.catalog, s.runs, s.baseline, failed);
  report_unusable(result, fs);

  const FixMode mode = o.fix.value_or(FixMode::safe);
  const FixPlan first = plan_fixes(result, *sources, mode);
  // Written as read: a checkout (--root, --path-map) as under chroot.
  std::vector<std::string> roots;
  for (const Run& run : s.runs) {
    for (const std::string& r : run.request.load.checkout_roots()) roots.push_back(r);
  }
  ConfinedFileSystem writer(fs, roots, s.cwd);
  for (const std::string& f : first.syntax_errors) {
    std::cerr << "staplint: note: '" << escape_for_display(f) << "' has a syntax error; no fix touches it\n";
  }
  const std::optional<FixPlan> plan = fix_until_stable(writer, s, in.catalog, first, mode);
  if (!plan) {
    // Fixes that undo each other: a bug of staplint's, never the user's.
    // Nothing is written or printed as a diff.
    std::cerr << "staplint: internal error: fixes still changed files after " << kMaxRounds
              << " rounds (they undo each other); nothing was written. Please report this with the files named\n";
    return 4;
  }
  if (o.diff) {
    print_diff(*plan, writer, s.cwd);
    if (!result.unusable.empty()) return 2;
    return plan->patches.empty() ? 0 : 1;
  }
  const std::vector<std::string> errors = write_patches(writer, *plan, result.named_dirs);
  for (const std::string& e : errors) std::cerr << "staplint: error: " << escape_for_display(e) << "\n";
  std::cerr << "staplint: applied " << plan->fixes << " fixes to " << plan->patches.size() - errors.size()
            << " files\n";
  // What remains, read afresh.
  DiskFileSystem again;
  sources = std::make_unique<SourceManager>();
  failed = false;
  result = lint_all(again, *sources, in.catalog, s.runs, s.baseline, failed);
  print_report(o, s, *sources, result, in.catalog, errors.empty() && o.show_suppressed);
  if (!errors.empty() || !result.unusable.empty()) return 2;
  return failed ? 1 : 0;
}

}  // namespace staplint::cli
