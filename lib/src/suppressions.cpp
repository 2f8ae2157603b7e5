// Finding and matching inline suppressions (suppressions.hpp). They are read
// from comment nodes, so a `#` inside a quoted word is never one.
#include "staplint/suppressions.hpp"

#include <string.h>  // memmem (glibc)

#include <unordered_set>

#include <algorithm>
#include <map>

#include "parallel.hpp"
#include "staplint/rules.hpp"
#include "staplint/text.hpp"

namespace staplint {

namespace {

constexpr std::string_view kMarker = "staplint disable=";
/// Parses a comment's text; false when it is no suppression.
bool parse(const Node& comment, Suppression& s) {
  std::string_view t = comment.name();
  // Comments are lean nodes: their text is a view into the file's text.
  const auto base = static_cast<std::uint32_t>(t.data() - comment.unit()->text.data());
  std::size_t i = 0;
  auto skip_blanks = [&] {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
  };
  skip_blanks();
  // Batch: `rem staplint ...` (the comment's text starts at `rem`).
  if (t.size() >= i + 4 && iequals(t.substr(i, 3), "rem") && (t[i + 3] == ' ' || t[i + 3] == '\t')) {
    i += 4;
    skip_blanks();
  }
  if (t.substr(i, kMarker.size()) != kMarker) return false;
  i += kMarker.size();
  std::size_t end = t.find(" --", i);
  std::string_view list = t.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
  if (end != std::string_view::npos) {
    std::string_view reason = t.substr(end + 3);
    while (!reason.empty() && (reason.front() == ' ' || reason.front() == '\t')) reason.remove_prefix(1);
    while (!reason.empty() && (reason.back() == ' ' || reason.back() == '\t' || reason.back() == '\r')) {
      reason.remove_suffix(1);
    }
    s.reason = std::string(reason);
  }
  std::size_t at = 0;
  while (at <= list.size()) {
    std::size_t comma = list.find(',', at);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view name = list.substr(at, comma - at);
    std::size_t lead = 0;
    while (lead < name.size() && (name[lead] == ' ' || name[lead] == '\t')) ++lead;
    name.remove_prefix(lead);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t' || name.back() == '\r')) name.remove_suffix(1);
    if (!name.empty()) {
      const auto off = static_cast<std::uint32_t>(i + at + lead);
      s.rules.push_back({std::string(name), {base + off, base + off + static_cast<std::uint32_t>(name.size())}});
    }
    at = comma + 1;
  }
  s.file = comment.file();
  s.comment = comment.range;
  return true;
}

/// `top`: the list is a file's top level, where a suppression before the
/// file's first statement covers the whole file.
/// Files whose text holds the marker, by FileId: only their comments can be
/// suppressions (most trees have none, and then nothing is walked).
using Marked = std::vector<std::uint8_t>;  // bytes, not bits: threads mark files apart

void walk(std::span<const Node> nodes, bool top, const Marked& marked, std::vector<Suppression>& out) {
  // Per file of a top-level list (an include's children may come from
  // several files): a statement came first. Not kept below the top level,
  // where nothing asks.
  // A set, not a scan: an include of 100,000 site files brings 100,000 files
  // into one list.
  std::unordered_set<FileId> seen_statement;
  FileId last_statement = kNoFile;
  auto seen = [&](FileId f) { return f == last_statement || seen_statement.count(f) != 0; };
  auto is_marked = [&](FileId f) { return f < marked.size() && marked[f]; };
  std::vector<Suppression> pending;
  for (const Node& n : nodes) {
    if (n.kind == NodeKind::comment) {
      if (!is_marked(n.file())) continue;
      Suppression s;
      if (!parse(n, s)) continue;
      if (top && !seen(n.file())) {
        s.whole_file = true;
        out.push_back(std::move(s));
      } else {
        pending.push_back(std::move(s));
      }
      continue;
    }
    if (top && n.file() != last_statement && is_marked(n.file())) {
      seen_statement.insert(n.file());
      last_statement = n.file();
    }
    for (Suppression& s : pending) {
      if (s.file != n.file()) continue;  // never across a file boundary
      s.applies = n.range;
      out.push_back(std::move(s));
    }
    pending.clear();
    if (n.kind == NodeKind::include) {
      walk(n.children(), true, marked, out);
    } else if (!n.children().empty()) {
      walk(n.children(), false, marked, out);
    }
  }
  // A suppression with nothing after it applies to nothing; it stays known
  // (SL0006 still checks its rule names) with an empty range.
  for (Suppression& s : pending) out.push_back(std::move(s));
}

}  // namespace

std::vector<Suppression> collect_suppressions(const ConfigTree& tree, const SourceManager& sources, unsigned jobs) {
  std::vector<Suppression> out;
  Marked marked(sources.size(), 0);
  auto mark = [&](FileId f) {
    if (f >= sources.size()) return;
    // memmem, not find: find stops at every 's' of the text.
    const std::string& t = sources.file(f).text();
    if (::memmem(t.data(), t.size(), kMarker.data(), kMarker.size()) != nullptr) marked[f] = 1;
  };
  // Every byte of the tree is searched: many files are searched on `jobs`
  // threads, each marking only its own file's byte.
  parallel_for(tree.files.size(), threads_for(tree.files.size(), jobs), 64,
               [&](std::size_t i) { mark(tree.files[i]); });
  for (const ConfigTree::JvmFile& jf : tree.jvm_files) mark(jf.file);
  if (std::find(marked.begin(), marked.end(), 1) == marked.end()) return out;
  walk(tree.nodes, true, marked, out);
  for (const ConfigTree::JvmFile& jf : tree.jvm_files) walk(jf.nodes, true, marked, out);
  return out;
}

const Suppression* suppressing(const std::vector<Suppression>& suppressions, const Finding& f,
                               const RuleCatalog& catalog) {
  for (const Suppression& s : suppressions) {
    if (s.file != f.file) continue;
    if (!s.whole_file && !(f.range.begin >= s.applies.begin && f.range.begin < s.applies.end)) continue;
    for (const Suppression::Rule& r : s.rules) {
      const RuleSpec* spec = catalog.find(r.name);
      if (spec && spec->id == f.rule_id) return &s;
    }
  }
  return nullptr;
}

}  // namespace staplint
