#include "staplint/engine.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <tuple>

#include <fmt/args.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "parallel.hpp"

namespace staplint {

std::string to_string(const Version& v) {
  return std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.patch);
}

std::string jdk_version_string(const Version& v) {
  if (v.major <= 8) return std::to_string(v.major) + (v.patch ? "u" + std::to_string(v.patch) : "");
  if (v.minor == 0 && v.patch == 0) return std::to_string(v.major);
  return to_string(v);
}

bool LintOptions::jdk_staples() const { return !jdk_version || !(*jdk_version < Version{8, 0, 261}); }

std::optional<Version> LintOptions::tomcat_client_ocsp_since() const {
  if (!tomcat_version || tomcat_version->major >= 12) return std::nullopt;
  const Version& v = *tomcat_version;
  const Version first = v.major <= 9 ? Version{9, 0, 115} : v.major == 10 ? Version{10, 1, 52} : Version{11, 0, 18};
  return v < first ? std::optional(first) : std::nullopt;
}

std::string format_message(const std::string& tmpl, const Reporter::Fields& fields) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& [name, value] : fields) store.push_back(fmt::arg(name.c_str(), value));
  return fmt::vformat(tmpl, store);
}

Finding& Reporter::report_pairs(FileId file, Range range, const Fields& fields) {
  Finding f;
  f.rule_id = spec_.id;
  f.rule_name = spec_.name;
  f.severity = spec_.severity;
  f.file = file;
  f.range = range;
  try {
    f.message = format_message(binding_.message, fields);
  } catch (const fmt::format_error&) {
    // Not reached: rule files are checked when the catalog is built, and
    // checks set exactly their template's fields. A finding is still better than a crash.
    f.message = binding_.message;
  }
  out_.push_back(std::move(f));
  return out_.back();
}

void sort_and_dedupe(std::vector<Finding>& findings, const SourceManager& sources) {
  // Files are ranked by path once, so that comparisons do not compare paths
  // (100,000 site files share a long prefix). Files with the same path share
  // a rank: the order is the one sorting by path gives.
  std::vector<FileId> files;
  for (const Finding& f : findings) {
    if (f.file < sources.size()) files.push_back(f.file);
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  std::sort(files.begin(), files.end(),
            [&](FileId a, FileId b) { return sources.file(a).path() < sources.file(b).path(); });
  std::vector<std::uint32_t> rank(sources.size(), 0);  // 0: no file, before every path
  std::uint32_t r = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (i == 0 || sources.file(files[i]).path() != sources.file(files[i - 1]).path()) ++r;
    rank[files[i]] = r;
  }
  auto rank_of = [&](const Finding& f) { return f.file < rank.size() ? rank[f.file] : 0u; };
  // References, not copies: the key is built twice per comparison.
  auto key = [&](const Finding& f) { return std::tie(f.range.begin, f.rule_id, f.message); };
  std::stable_sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) {
    const std::uint32_t ra = rank_of(a), rb = rank_of(b);
    if (ra != rb) return ra < rb;
    return key(a) < key(b);
  });
  findings.erase(
      std::unique(findings.begin(), findings.end(),
                  [&](const Finding& a, const Finding& b) { return rank_of(a) == rank_of(b) && key(a) == key(b); }),
      findings.end());
}

std::vector<Finding> run_rules(const RuleCatalog& catalog, const CheckContext& ctx, unsigned jobs,
                               std::size_t bytes_per_thread) {
  struct Run {
    const RuleSpec* spec;
    const RuleBinding* binding;
    std::vector<Finding> findings;
  };
  std::vector<Run> runs;
  for (const RuleSpec& spec : catalog.rules()) {
    const RuleBinding* binding = spec.binding_for(ctx.tree.dialect);
    if (!binding || !binding->fn) continue;  // a catalog loaded at run time has no checks
    runs.push_back({&spec, binding, {}});
  }
  auto run = [&](Run& r) {
    Reporter reporter(*r.spec, *r.binding, r.findings);
    r.binding->fn(ctx, reporter);
  };
  // Threads only where the tree is large enough to repay starting them.
  if (bytes_per_thread > 0) {
    std::size_t bytes = 0;
    for (FileId f : ctx.tree.files) bytes += f < ctx.sources.size() ? ctx.sources.file(f).text().size() : 0;
    jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, bytes / bytes_per_thread + 1));
  }
  // Each thread takes the next rule not taken; the results stay in the
  // catalog's order whichever thread ran them. A check that throws is a
  // bug: the exception is carried to this thread, as if run here.
  parallel_for(runs.size(), jobs, 1, [&](std::size_t i) { run(runs[i]); });
  std::size_t total = 0;
  for (const Run& r : runs) total += r.findings.size();
  std::vector<Finding> findings;
  findings.reserve(total);
  for (Run& r : runs) std::move(r.findings.begin(), r.findings.end(), std::back_inserter(findings));
  sort_and_dedupe(findings, ctx.sources);
  spdlog::debug("{} findings", findings.size());
  return findings;
}

}  // namespace staplint
