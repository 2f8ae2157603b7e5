// Checks one sample (a file or a directory tree) the way clang-tidy's lit tests
// do:
// - `# expect: SL1001 [SL1002 ...]` (in XML `<!-- expect: ... -->`, in batch `rem expect: ...`, in JSON
//   `"//": "expect: ..."`) on its own line expects
// those findings on
//   the next line that is neither blank nor a comment;
// - every finding must be expected, and a sample without expectations must
//   produce nothing;
// - `X.fixed.EXT` next to a sample file `X.EXT` (`X.fixed` for a name without
//   an extension; for a tree: `TREE.fixed/FILE`) is the golden result of applying the
//   first fix of every finding; the fixed text is linted again, where
//   `# expect-after-fix:` lines take the place of `# expect:`;
// - every fix of every finding is applied alone and linted again, and then
//   `--fix=all` is run to its fixpoint (8 rounds at most): neither may leave
//   an error staplint reports as refused that the sample did not have;
// - `SL1003@12` in an expectation means line 12 rather than the next line (a
//   file that is not text, SL0004, keeps its expectations in its first lines);
// - `# staplint-args: --nginx-version 1.22.1` (in XML `<!-- staplint-args: ... -->`)
//   sets options for the sample (--nginx-, --httpd-, --tomcat-, --jdk-version,
//   --root, --template-var); a tree's come from its nginx.conf, apache2.conf, httpd.conf or
//   conf/server.xml;
// - STAPLINT_UPDATE_GOLDEN=1 writes missing or differing goldens.
#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <tuple>

#include "staplint/fix_apply.hpp"
#include "staplint/fixer.hpp"
#include "staplint/format.hpp"
#include "staplint/lint.hpp"
#include "staplint/live_rules.hpp"
#include "staplint/probe_recording.hpp"
#include "staplint/project_config.hpp"

using namespace staplint;

namespace {

using Key = std::tuple<std::string, std::uint32_t, std::string>;  // file identity, line, rule

std::multiset<Key> expectations(const SourceFile& src, const std::string& marker) {
  std::multiset<Key> out;
  std::vector<std::string> pending;
  for (std::uint32_t line = 1; line <= src.line_count(); ++line) {
    std::string_view t = src.line_text(line);
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    if (t.empty()) continue;
    // `# expect: ...` (nginx, Apache, shell, properties, systemd), `<!-- expect: ... -->`
    // (XML) or `rem expect: ...` (batch; `rem` and `::` lines are comments there).
    const bool xml_comment = t.substr(0, 4) == "<!--";
    const bool rem = (t.substr(0, 4) == "rem " || t.substr(0, 4) == "REM ");
    const bool colons = t.substr(0, 2) == "::";
    // JSON has no comments: `"//": "expect: ..."` (Terraform JSON's comment
    // key) stands for one.
    const bool json_comment = t.substr(0, 4) == "\"//\"";
    if (json_comment) {
      const std::size_t open = t.find('"', 4);
      const std::size_t close = open == std::string_view::npos ? open : t.find('"', open + 1);
      t = open == std::string_view::npos || close == std::string_view::npos ? std::string_view("#")
                                                                            : t.substr(open, close - open);
    }
    if (t.front() == '#' || xml_comment || rem || colons || json_comment) {
      std::string_view c = t.substr(xml_comment || rem ? 4 : colons ? 2 : 1);
      if (xml_comment && c.size() >= 3 && c.substr(c.size() - 3) == "-->") c.remove_suffix(3);
      while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
      if (c.rfind(marker, 0) == 0) {
        std::istringstream ids(std::string(c.substr(marker.size())));  // ids, then maybe blanks
        std::string id;
        while (ids >> id) {
          // `SL1003@12`: expected at line 12 instead of the next line.
          if (auto at = id.find('@'); at != std::string::npos) {
            out.insert({src.identity(), static_cast<std::uint32_t>(std::stoul(id.substr(at + 1))), id.substr(0, at)});
          } else {
            pending.push_back(id);
          }
        }
      }
      continue;
    }
    for (const std::string& id : pending) out.insert({src.identity(), line, id});
    pending.clear();
  }
  for (const std::string& id : pending) out.insert({src.identity(), src.line_count(), id});
  return out;
}

/// The golden of a sample file: `X.EXT` -> `X.fixed.EXT` (the extension
/// kept, so that it is read in the same dialect), `X` -> `X.fixed`.
std::string golden_name(const std::string& file) {
  const std::string name = path::basename(file);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0) return file + ".fixed";
  return file.substr(0, file.size() - (name.size() - dot)) + ".fixed" + name.substr(dot);
}

std::vector<std::string> sample_args(const std::string& text) {
  std::vector<std::string> args;
  const std::string marker = "staplint-args:";
  std::size_t at = text.find(marker);
  if (at == std::string::npos) return args;
  std::istringstream in(text.substr(at + marker.size(), text.find('\n', at) - at - marker.size()));
  std::string a;
  while (in >> a && a != "-->") args.push_back(a);
  return args;
}

/// Whether `result`'s findings are exactly what its files expect; says what
/// differs, and prints the findings, when they are not.
bool compare(const LintResult& result, const std::string& marker, const std::string& label,
             const SourceManager& sources) {
  std::multiset<Key> expected;
  for (FileId f : result.files) {
    const SourceFile& src = sources.file(f);
    // A file staplint did not keep the text of (not text: SL0004) carries
    // its expectations in its readable first lines; read them from disk.
    std::string disk;
    if (src.text().empty()) {
      std::ifstream in(src.path(), std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      disk = bytes.str();
    }
    auto e =
        disk.empty() ? expectations(src, marker) : expectations(SourceFile(src.path(), src.identity(), disk), marker);
    expected.insert(e.begin(), e.end());
  }
  std::multiset<Key> actual;
  std::map<Key, const Finding*> by_key;
  for (const Finding& f : result.findings) {
    const SourceFile& src = sources.file(f.file);
    Key k{src.identity(), src.line_col(f.range.begin).line, f.rule_id};
    actual.insert(k);
    by_key[k] = &f;
  }
  bool ok = true;
  for (const Key& k : actual) {
    if (expected.count(k) < actual.count(k)) {
      const Finding* f = by_key[k];
      std::cerr << label << ": unexpected " << std::get<2>(k) << " at " << sources.file(f->file).path() << ":"
                << std::get<1>(k) << ": " << f->message << "\n";
      ok = false;
    }
  }
  for (const Key& k : expected) {
    if (actual.count(k) < expected.count(k)) {
      std::cerr << label << ": expected " << std::get<2>(k) << " at " << std::get<0>(k) << ":" << std::get<1>(k)
                << ", not reported\n";
      ok = false;
    }
  }
  if (!ok) {
    std::cerr << "--- staplint output (" << label << ")\n";
    make_formatter("text", false)->write({sources, result, RuleCatalog::builtin()}, std::cerr);
  }
  return ok;
}

bool check(const FileSystem& fs, const LintRequest& req, const std::string& marker, const std::string& label,
           LintResult* keep, SourceManager& sources) {
  LintResult result = lint(fs, sources, RuleCatalog::builtin(), req);
  const bool ok = compare(result, marker, label, sources);
  if (keep) *keep = std::move(result);
  return ok;
}

/// A probe recording (samples/live/): replayed as `staplint probe --replay`
/// replays it, its findings those of the live rules.
bool check_recording(const FileSystem& fs, const std::string& sample) {
  SourceManager sources;
  LintResult result;
  auto rec = read_probe_recording(fs, sources, sample, 1 << 24);
  if (!rec) {
    std::cerr << sample << ": " << rec.error().message << "\n";
    return false;
  }
  JudgeOptions judge;
  judge.now = static_cast<UnixTime>(std::time(nullptr));
  const std::vector<ProbedEndpoint> endpoints{replay_probe_recording(*rec, judge)};
  result.files.push_back(endpoints.front().file);
  result.findings = run_live_rules(RuleCatalog::builtin(), endpoints, RulePolicy{});
  return compare(result, "expect:", sample, sources);
}

/// What the server refuses, by rule: unconditional error-severity findings.
std::map<std::string, int> refused(const LintResult& r) {
  std::map<std::string, int> out;
  for (const Finding& f : r.findings) {
    if (f.severity == Severity::error && !f.conditional) ++out[f.rule_id];
  }
  return out;
}

/// The refusals in `after` that `before` did not have, as "SL1010 (1 more)".
std::string new_refusals(const std::map<std::string, int>& before, const std::map<std::string, int>& after) {
  std::string out;
  for (const auto& [rule, n] : after) {
    const auto it = before.find(rule);
    const int had = it == before.end() ? 0 : it->second;
    if (n > had) out += (out.empty() ? "" : ", ") + rule + " (" + std::to_string(n - had) + " more)";
  }
  return out;
}

/// Applies one fix's edits on top of `fs`.
void apply_fix(OverlayFileSystem& fs, const Fix& fix, const SourceManager& sources) {
  std::map<FileId, std::vector<TextEdit>> by_file;
  for (const TextEdit& e : fix.edits) {
    if (!e.create.empty())
      fs.set(e.create, e.text);
    else
      by_file[e.file].push_back(e);
  }
  for (const auto& [file, edits] : by_file) {
    fs.set(sources.file(file).path(), apply_edits(sources.file(file).original(), edits));
  }
}

/// No fix may produce a configuration staplint then reports as refused:
/// every fix of every finding, applied alone, and then `--fix=all` run to
/// its fixpoint (which must be reached, as the CLI's is, within 8 rounds).
bool fixes_never_refused(const FileSystem& disk, const LintRequest& req, const LintResult& result,
                         const SourceManager& sources, const std::string& label) {
  bool ok = true;
  const auto before = refused(result);
  for (const Finding& f : result.findings) {
    for (const Fix& fix : f.fixes) {
      OverlayFileSystem trial(disk);
      apply_fix(trial, fix, sources);
      SourceManager again;
      const LintResult r = lint(trial, again, RuleCatalog::builtin(), req);
      if (const std::string more = new_refusals(before, refused(r)); !more.empty()) {
        std::cerr << label << ": the " << f.rule_id << " fix '" << fix.description
                  << "' leaves a configuration staplint reports as refused: " << more << "\n";
        ok = false;
      }
    }
  }
  OverlayFileSystem all(disk);
  auto srcs = std::make_unique<SourceManager>();
  LintResult r = lint(all, *srcs, RuleCatalog::builtin(), req);
  int rounds = 0;
  for (FixPlan plan = plan_fixes(r, *srcs, FixMode::all); !plan.patches.empty();
       plan = plan_fixes(r, *srcs, FixMode::all)) {
    if (++rounds > 8) {
      std::cerr << label << ": --fix=all does not settle in 8 rounds\n";
      return false;
    }
    for (const FilePatch& p : plan.patches) all.set(p.path, p.after);
    srcs = std::make_unique<SourceManager>();
    r = lint(all, *srcs, RuleCatalog::builtin(), req);
  }
  if (const std::string more = new_refusals(before, refused(r)); !more.empty()) {
    std::cerr << label << ": after --fix=all (" << rounds << " rounds) staplint reports as refused: " << more << "\n";
    ok = false;
  }
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: staplint-sample-runner SAMPLE\n";
    return 2;
  }
  const std::string sample = argv[1];
  DiskFileSystem disk;
  OverlayFileSystem fs(disk);  // the fixed files and those fixes create, in memory
  // A sample that is not there must fail, not pass with nothing to check.
  if (fs.kind(sample) != PathKind::file && fs.kind(sample) != PathKind::directory) {
    std::cerr << sample << ": no such sample file or tree\n";
    std::cout << "FAIL " << sample << "\n";
    return 1;
  }
  if (is_probe_recording(sample)) {
    const bool ok = check_recording(fs, sample);
    std::cout << (ok ? "PASS " : "FAIL ") << sample << "\n";
    return ok ? 0 : 1;
  }
  LintRequest req;
  req.paths = {sample};
  // Every sample's rules run on two threads, as a large tree's do (the CLI's
  // tests run small trees' rules on one): what the checks share is filled
  // under locks, and the findings are the same (tsan: docs/testing.md).
  req.load.jobs = 2;
  req.load.rule_thread_bytes = 0;
  std::string entry = sample;
  if (fs.kind(sample) == PathKind::directory) {
    for (const char* name : {"nginx.conf", "apache2.conf", "httpd.conf", "conf/server.xml"}) {
      entry = path::join(sample, name);
      if (fs.kind(entry) == PathKind::file) break;
    }
  }
  if (auto r = fs.read(entry, 1 << 24); r.status == ReadResult::Status::ok) {
    const auto args = sample_args(r.bytes);
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i] == "--nginx-version" && i + 1 < args.size()) {
        req.lint.nginx_version = Version::parse(args[++i]);
      } else if (args[i] == "--httpd-version" && i + 1 < args.size()) {
        req.lint.httpd_version = Version::parse(args[++i]);
      } else if (args[i] == "--tomcat-version" && i + 1 < args.size()) {
        req.lint.tomcat_version = Version::parse(args[++i]);
      } else if (args[i] == "--jdk-version" && i + 1 < args.size()) {
        req.lint.jdk_version = parse_jdk_version(args[++i]);
      } else if (args[i] == "--template-var" && i + 1 < args.size()) {
        const std::string& v = args[++i];
        const auto eq = v.find('=');
        if (eq != std::string::npos)
          req.load.template_vars.push_back({v.substr(0, eq), v.substr(eq + 1), "--template-var"});
      } else if (args[i] == "--root" && i + 1 < args.size()) {
        req.load.root = path::join(path::dirname(entry), args[++i]);
      }
    }
  }

  SourceManager sources;
  LintResult result;
  bool ok = check(fs, req, "expect:", sample, &result, sources);

  ok = fixes_never_refused(disk, req, result, sources, sample) && ok;

  // Fix goldens: every X.fixed.EXT next to a file of the sample.
  bool any_golden = false;
  const auto fixes = collect_first_fixes(result.findings);
  for (FileId f : result.files) {
    const SourceFile& src = sources.file(f);
    // A file sample's golden sits beside it; a tree's goldens sit in a parallel
    // TREE.fixed/ directory, out of reach of the tree's own include globs.
    const bool tree = fs.kind(sample) == PathKind::directory;
    const std::string golden_path =
        tree ? path::join(sample + ".fixed", path::relative_to(src.path(), sample)) : golden_name(src.path());
    ReadResult golden = fs.read(golden_path, 1 << 24);
    auto it = fixes.find(f);
    if (std::getenv("STAPLINT_UPDATE_GOLDEN") && it != fixes.end()) {
      if (tree) std::system(("mkdir -p '" + path::dirname(golden_path) + "'").c_str());
      std::ofstream(golden_path, std::ios::binary) << apply_edits(src.original(), it->second);
      golden = fs.read(golden_path, 1 << 24);
    }
    if (golden.status != ReadResult::Status::ok) {
      if (it != fixes.end()) {
        std::cerr << sample << ": note: no golden '" << golden_path << "' for its fixes\n";
      }
      continue;
    }
    any_golden = true;
    const std::string fixed = apply_edits(src.original(), it == fixes.end() ? std::vector<TextEdit>{} : it->second);
    if (fixed != golden.bytes) {
      std::cerr << sample << ": fixed '" << src.path() << "' differs from '" << golden_path << "'\n--- got\n"
                << fixed << "--- end\n";
      ok = false;
    }
    fs.set(src.path(), fixed);
  }
  // Files the fixes create: their goldens sit where they would be.
  if (auto it = fixes.find(kNoFile); it != fixes.end()) {
    const bool tree = fs.kind(sample) == PathKind::directory;
    for (const TextEdit& e : it->second) {
      if (e.create.empty()) continue;
      const std::string golden_path =
          tree ? path::join(sample + ".fixed", path::relative_to(e.create, sample)) : golden_name(e.create);
      if (std::getenv("STAPLINT_UPDATE_GOLDEN")) {
        std::system(("mkdir -p '" + path::dirname(golden_path) + "'").c_str());
        std::ofstream(golden_path, std::ios::binary) << e.text;
      }
      const ReadResult golden = fs.read(golden_path, 1 << 24);
      if (golden.status != ReadResult::Status::ok) {
        std::cerr << sample << ": note: no golden '" << golden_path << "' for the file a fix creates\n";
        continue;
      }
      any_golden = true;
      if (golden.bytes != e.text) {
        std::cerr << sample << ": created '" << e.create << "' differs from '" << golden_path << "'\n--- got\n"
                  << e.text << "--- end\n";
        ok = false;
      }
      fs.set(e.create, e.text);
    }
  }
  if (any_golden) {
    SourceManager again;
    ok = check(fs, req, "expect-after-fix:", sample + " (after fix)", nullptr, again) && ok;
  }
  std::cout << (ok ? "PASS " : "FAIL ") << sample << "\n";
  return ok ? 0 : 1;
}
