#include "staplint/baseline.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "format/json_text.hpp"

namespace staplint {

std::string baseline_fingerprint(const SourceFile& file, Range range) {
  const std::string& text = file.text();
  std::size_t begin = std::min<std::size_t>(range.begin, text.size());
  while (begin > 0 && text[begin - 1] != '\n') --begin;
  std::size_t end = std::min(text.find('\n', begin), text.size());
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a
  auto add = [&](char c) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  };
  bool blank = false, started = false;
  for (std::size_t i = begin; i < end; ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r') {
      blank = started;
      continue;
    }
    if (blank) add(' ');
    blank = false;
    started = true;
    add(c);
  }
  return fmt::format("{:016x}", h);
}

std::vector<BaselineEntry> baseline_entries(const std::vector<Finding>& findings, const SourceManager& sources,
                                            const BaselinePath& path) {
  std::vector<BaselineEntry> out;
  for (const Finding& f : findings) {
    const SourceFile& src = sources.file(f.file);
    out.push_back({f.rule_id, path(src.path()), baseline_fingerprint(src, f.range), f.message});
  }
  return out;
}

std::string write_baseline(std::vector<BaselineEntry> entries) {
  std::sort(entries.begin(), entries.end(), [](const BaselineEntry& a, const BaselineEntry& b) {
    return std::tie(a.file, a.rule, a.fingerprint, a.message) < std::tie(b.file, b.rule, b.fingerprint, b.message);
  });
  std::string out = "{\"staplint-baseline\": 1,\n \"findings\": [";
  bool first = true;
  for (const BaselineEntry& e : entries) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += fmt::format("{{\"rule\": {}, \"file\": {}, \"fingerprint\": {}, \"message\": {}}}", quote(e.rule),
                       quote(e.file), quote(e.fingerprint), quote(e.message));
  }
  out += first ? "]}\n" : "\n ]}\n";
  return out;
}

std::variant<std::vector<BaselineEntry>, std::string> read_baseline(std::string_view text) {
  try {
    const YAML::Node top = YAML::Load(std::string(text));
    if (!top.IsMap() || !top["staplint-baseline"] || !top["findings"] || !top["findings"].IsSequence()) {
      return std::string("not a staplint baseline (write one with '--write-baseline FILE')");
    }
    if (top["staplint-baseline"].as<std::string>() != "1") {
      return "baseline version " + top["staplint-baseline"].as<std::string>() + " is newer than this staplint reads";
    }
    std::vector<BaselineEntry> out;
    for (const YAML::Node& f : top["findings"]) {
      BaselineEntry e;
      for (auto [key, into] : {std::pair{"rule", &e.rule}, std::pair{"file", &e.file},
                               std::pair{"fingerprint", &e.fingerprint}, std::pair{"message", &e.message}}) {
        if (!f.IsMap() || !f[key] || !f[key].IsScalar()) {
          return fmt::format("finding {} has no '{}' (line {})", out.size() + 1, key, f.Mark().line + 1);
        }
        *into = f[key].Scalar();
      }
      out.push_back(std::move(e));
    }
    return out;
  } catch (const YAML::Exception& e) {
    return fmt::format("line {}: {}", e.mark.line + 1, e.msg);
  }
}

std::size_t apply_baseline(std::vector<Finding>& findings, const SourceManager& sources,
                           std::vector<BaselineEntry>& baseline, const BaselinePath& path) {
  using Key = std::tuple<std::string, std::string, std::string>;  // rule, file, fingerprint
  std::map<Key, std::vector<std::size_t>> accepted;                 // indexes into `baseline`
  for (std::size_t i = 0; i < baseline.size(); ++i) {
    accepted[{baseline[i].rule, baseline[i].file, baseline[i].fingerprint}].push_back(i);
  }
  const std::vector<BaselineEntry> now = baseline_entries(findings, sources, path);
  std::vector<bool> drop(findings.size(), false), used(baseline.size(), false);
  // Two passes: the same message first, then any message.
  for (const bool exact : {true, false}) {
    for (std::size_t i = 0; i < findings.size(); ++i) {
      if (drop[i]) continue;
      auto it = accepted.find({now[i].rule, now[i].file, now[i].fingerprint});
      if (it == accepted.end()) continue;
      auto m = std::find_if(it->second.begin(), it->second.end(), [&](std::size_t b) {
        return !used[b] && (!exact || baseline[b].message == now[i].message);
      });
      if (m == it->second.end()) continue;
      used[*m] = true;
      drop[i] = true;
    }
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (!drop[i]) findings[kept++] = std::move(findings[i]);
  }
  const std::size_t removed = findings.size() - kept;
  findings.resize(kept);
  std::size_t left = 0;
  for (std::size_t b = 0; b < baseline.size(); ++b) {
    if (!used[b]) baseline[left++] = std::move(baseline[b]);
  }
  baseline.resize(left);
  return removed;
}

}  // namespace staplint
