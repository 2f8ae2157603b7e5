#include "staplint/baseline.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "format/json_text.hpp"
#include "utf8.hpp"

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

namespace {
/// A reader for the baseline's JSON (RFC 8259) that builds the entries as it
/// goes: a committed baseline is anyone's, and a 31 MB one through a
/// general document model took 1.5 GB. Memory stays within about twice the
/// file; nesting past the format's own (3 levels) is refused before any
/// recursion could grow; duplicate keys are an error.
class BaselineReader {
 public:
  explicit BaselineReader(std::string_view t) : t_(t) {}

  Result<std::vector<BaselineEntry>> read() {
    std::vector<BaselineEntry> out;
    std::optional<std::string> version;
    bool findings = false;
    blanks();
    if (!eat('{')) return Error{fail("not a staplint baseline (write one with '--write-baseline FILE')")};
    std::set<std::string> keys;
    if (!peek('}')) {
      do {
        std::string key;
        if (!string(key) || !colon()) return Error{error_};
        if (!keys.insert(key).second) return Error{fail("key '" + key + "' appears twice")};
        if (key == "staplint-baseline") {
          version = scalar();
          if (!version) return Error{error_};
        } else if (key == "findings") {
          if (!peek('[')) return Error{fail("not a staplint baseline (write one with '--write-baseline FILE')")};
          findings = true;
          if (!entries(out)) return Error{error_};
        } else if (!skip(1)) {
          return Error{error_};
        }
      } while (eat(','));
    }
    if (!eat('}')) return Error{fail("expected ',' or '}'")};
    blanks();
    if (at_ < t_.size()) return Error{fail("text after the baseline")};
    if (!version || !findings) return Error{"not a staplint baseline (write one with '--write-baseline FILE')"};
    if (*version != "1") return Error{"baseline version " + *version + " is newer than this staplint reads"};
    return out;
  }

 private:
  static constexpr unsigned kMaxDepth = 8;

  std::string fail(std::string message) {
    if (error_.empty()) error_ = fmt::format("line {}: {}", line_, message);
    return error_;
  }
  void blanks() {
    while (at_ < t_.size() && (t_[at_] == ' ' || t_[at_] == '\t' || t_[at_] == '\n' || t_[at_] == '\r')) {
      line_ += t_[at_] == '\n';
      ++at_;
    }
  }
  bool peek(char c) {
    blanks();
    return at_ < t_.size() && t_[at_] == c;
  }
  bool eat(char c) {
    if (!peek(c)) return false;
    ++at_;
    return true;
  }
  bool colon() { return eat(':') || (fail("expected ':'"), false); }

  bool entries(std::vector<BaselineEntry>& out) {
    // One allocation, not a doubling vector: each finding has one "rule".
    std::size_t n = 0;
    for (std::size_t p = t_.find("\"rule\"", at_); p != std::string_view::npos; p = t_.find("\"rule\"", p + 6)) ++n;
    out.reserve(n);
    eat('[');
    if (eat(']')) return true;
    do {
      const unsigned where = line_;
      if (!eat('{')) return fail(fmt::format("finding {} is not an object", out.size() + 1)), false;
      BaselineEntry e;
      std::set<std::string> keys;
      if (!peek('}')) {
        do {
          std::string key;
          if (!string(key) || !colon()) return false;
          if (!keys.insert(key).second) return fail("key '" + key + "' appears twice"), false;
          std::string* into = key == "rule"          ? &e.rule
                              : key == "file"        ? &e.file
                              : key == "fingerprint" ? &e.fingerprint
                              : key == "message"     ? &e.message
                                                     : nullptr;
          if (!into) {
            if (!skip(3)) return false;
          } else if (!peek('"')) {
            return fail(fmt::format("finding {} has no '{}' (line {})", out.size() + 1, key, where)), false;
          } else if (!string(*into)) {
            return false;
          }
        } while (eat(','));
      }
      if (!eat('}')) return fail("expected ',' or '}'"), false;
      for (const char* key : {"rule", "file", "fingerprint", "message"}) {
        if (!keys.count(key)) {
          error_ = fmt::format("finding {} has no '{}' (line {})", out.size() + 1, key, where);
          return false;
        }
      }
      out.push_back(std::move(e));
    } while (eat(','));
    return eat(']') || (fail("expected ',' or ']'"), false);
  }

  /// A string, a number or a literal, as written (a string unescaped).
  std::optional<std::string> scalar() {
    std::string s;
    if (peek('"')) return string(s) ? std::optional(s) : std::nullopt;
    const std::size_t b = at_;
    while (at_ < t_.size() &&
           (std::isalnum(static_cast<unsigned char>(t_[at_])) || t_[at_] == '-' || t_[at_] == '+' || t_[at_] == '.')) {
      ++at_;
    }
    if (at_ == b) return fail("expected a value"), std::nullopt;
    return std::string(t_.substr(b, at_ - b));
  }

  /// Any value, not kept; at most kMaxDepth levels deep.
  bool skip(unsigned depth) {
    if (depth > kMaxDepth) return fail("nested too deep for a baseline"), false;
    if (peek('{') || peek('[')) {
      const char close = t_[at_] == '{' ? '}' : ']';
      const bool object = close == '}';
      ++at_;
      if (eat(close)) return true;
      do {
        if (object) {
          std::string key;
          if (!string(key) || !colon()) return false;
        }
        if (!skip(depth + 1)) return false;
      } while (eat(','));
      return eat(close) || (fail(std::string("expected ',' or '") + close + "'"), false);
    }
    return scalar().has_value();
  }

  bool string(std::string& out) {
    if (!eat('"')) return fail("expected a string"), false;
    out.clear();
    while (at_ < t_.size()) {
      const char c = t_[at_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("a control character in a string"), false;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_ >= t_.size()) break;
      const char e = t_[at_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair
            unsigned low = 0;
            if (at_ + 1 >= t_.size() || t_[at_] != '\\' || t_[at_ + 1] != 'u')
              return fail("invalid unicode escape"), false;
            at_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return fail("invalid unicode escape"), false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return fail("invalid unicode escape"), false;
          }
          grammar::common::append_utf8(out, cp);
          break;
        }
        default:
          return fail("invalid escape in a string"), false;
      }
    }
    return fail("a string without its closing quote"), false;
  }
  bool hex4(unsigned& cp) {
    if (at_ + 4 > t_.size()) return fail("invalid unicode escape"), false;
    for (int k = 0; k < 4; ++k) {
      const char h = t_[at_++];
      const int v = h >= '0' && h <= '9'   ? h - '0'
                    : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                           : -1;
      if (v < 0) return fail("invalid unicode escape"), false;
      cp = cp * 16 + static_cast<unsigned>(v);
    }
    return true;
  }

  std::string_view t_;
  std::size_t at_ = 0;
  unsigned line_ = 1;
  std::string error_;
};
}  // namespace

Result<std::vector<BaselineEntry>> read_baseline(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) return Error{"not a text file"};
  return BaselineReader(text).read();
}

std::size_t apply_baseline(std::vector<Finding>& findings, const SourceManager& sources,
                           std::vector<BaselineEntry>& baseline, const BaselinePath& path) {
  // Indexes into `baseline` by a hash of rule, file and fingerprint (the
  // strings are compared on lookup): no copy of the keys, so a large
  // baseline costs little more than its entries.
  auto key = [](std::string_view rule, std::string_view file, std::string_view fingerprint) {
    std::uint64_t h = 1469598103934665603ull;
    for (std::string_view part : {rule, file, fingerprint}) {
      for (const char c : part) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
      h = (h ^ 0xFF) * 1099511628211ull;
    }
    return h;
  };
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> accepted;
  accepted.reserve(baseline.size());
  for (std::size_t i = 0; i < baseline.size(); ++i) {
    accepted[key(baseline[i].rule, baseline[i].file, baseline[i].fingerprint)].push_back(static_cast<std::uint32_t>(i));
  }
  const std::vector<BaselineEntry> now = baseline_entries(findings, sources, path);
  std::vector<bool> drop(findings.size(), false), used(baseline.size(), false);
  // Two passes: the same message first, then any message.
  for (const bool exact : {true, false}) {
    for (std::size_t i = 0; i < findings.size(); ++i) {
      if (drop[i]) continue;
      auto it = accepted.find(key(now[i].rule, now[i].file, now[i].fingerprint));
      if (it == accepted.end()) continue;
      auto m = std::find_if(it->second.begin(), it->second.end(), [&](std::size_t b) {
        return !used[b] && baseline[b].rule == now[i].rule && baseline[b].file == now[i].file &&
               baseline[b].fingerprint == now[i].fingerprint && (!exact || baseline[b].message == now[i].message);
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
