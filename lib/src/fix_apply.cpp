// Fix planning, unified diffs (Myers' O(ND) line diff) and writing.
#include "staplint/fix_apply.hpp"
#include "staplint/lint.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "staplint/fixer.hpp"

namespace staplint {

FixPlan plan_fixes(const LintResult& result, const SourceManager& sources, FixMode mode) {
  FixPlan plan;
  std::set<FileId> broken;
  for (const Finding& f : result.findings) {
    if (f.rule_id == "SL0001") broken.insert(f.file);
  }
  for (FileId f : broken) plan.syntax_errors.push_back(sources.file(f).path());
  std::map<FileId, std::vector<TextEdit>> edits;
  std::map<std::string, std::string> created;
  for (const Finding& f : result.findings) {
    if (f.fixes.empty()) continue;
    const Fix& fix = f.fixes.front();
    if (mode == FixMode::safe && !fix.safe) continue;
    // A fix is applied whole or not at all: none of its files may be broken.
    const bool touches_broken = std::any_of(fix.edits.begin(), fix.edits.end(), [&](const TextEdit& e) {
      return e.create.empty() && broken.count(e.file);
    });
    if (touches_broken) continue;
    ++plan.fixes;
    for (const TextEdit& e : fix.edits) {
      if (!e.create.empty()) {
        // Two fixes may create the same file (SL1001 and SL3002 each create
        // setenv.sh): it gets the lines of both, each once.
        auto [it, fresh] = created.emplace(e.create, e.text);
        if (!fresh) {
          std::size_t at = 0;
          while (at < e.text.size()) {
            const std::size_t nl = e.text.find('\n', at);
            const std::size_t end = nl == std::string::npos ? e.text.size() : nl + 1;
            const std::string line = e.text.substr(at, end - at);
            if (it->second.find(line) == std::string::npos) it->second += line;
            at = end;
          }
        }
      } else {
        edits[e.file].push_back(e);
      }
    }
  }
  for (auto& [file, list] : edits) {
    const SourceFile& src = sources.file(file);
    std::size_t skipped = 0;
    FilePatch p;
    p.path = src.path();
    p.before = src.original();
    p.after = apply_edits(p.before, std::move(list), &skipped);
    plan.skipped += skipped;
    if (p.after != p.before) plan.patches.push_back(std::move(p));
  }
  for (auto& [path, text] : created) plan.patches.push_back({path, "", text, true});
  std::sort(plan.patches.begin(), plan.patches.end(),
            [](const FilePatch& a, const FilePatch& b) { return a.path < b.path; });
  return plan;
}

namespace {

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at < s.size()) {
    const std::size_t nl = s.find('\n', at);
    const std::size_t end = nl == std::string_view::npos ? s.size() : nl + 1;
    out.push_back(s.substr(at, end - at));  // with its line end
    at = end;
  }
  return out;
}

enum class Op : char { keep = ' ', remove = '-', add = '+' };

/// Myers' greedy shortest edit script between two line lists.
std::vector<std::pair<Op, std::size_t>> edit_script(const std::vector<std::string_view>& a,
                                                    const std::vector<std::string_view>& b) {
  const auto n = static_cast<long>(a.size()), m = static_cast<long>(b.size());
  const long max = n + m;
  std::vector<long> v(static_cast<std::size_t>(2 * max + 2), 0);
  std::vector<std::vector<long>> trace;
  const long off = max + 1;
  for (long d = 0; d <= max; ++d) {
    trace.push_back(v);
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[k - 1 + off] < v[k + 1 + off])) ? v[k + 1 + off] : v[k - 1 + off] + 1;
      long y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[k + off] = x;
      if (x >= n && y >= m) {
        // Walk back through the saved rows.
        std::vector<std::pair<Op, std::size_t>> script;
        long cx = n, cy = m;
        for (long dd = d; dd > 0; --dd) {
          const std::vector<long>& pv = trace[static_cast<std::size_t>(dd)];
          const long ck = cx - cy;
          const bool down = ck == -dd || (ck != dd && pv[ck - 1 + off] < pv[ck + 1 + off]);
          const long pk = down ? ck + 1 : ck - 1;
          const long px = pv[pk + off], py = px - pk;
          while (cx > px && cy > py) script.push_back({Op::keep, static_cast<std::size_t>(--cx)}), --cy;
          if (down)
            script.push_back({Op::add, static_cast<std::size_t>(--cy)});
          else
            script.push_back({Op::remove, static_cast<std::size_t>(--cx)});
        }
        while (cx > 0 && cy > 0) script.push_back({Op::keep, static_cast<std::size_t>(--cx)}), --cy;
        std::reverse(script.begin(), script.end());
        return script;
      }
    }
  }
  return {};
}

/// A diff header's name as git writes it (quote_c_style): quoted, with C
/// escapes and octal bytes, when it holds a control character, a quote, a
/// backslash or a byte above 0x7F. git apply and GNU patch both read it, and
/// no name can then forge a header line.
std::string diff_name(const std::string& name) {
  const bool plain = std::all_of(name.begin(), name.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
  });
  if (plain) return name;
  std::string out = "\"";
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '\a':
        out += "\\a";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\v':
        out += "\\v";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        if (c < 0x20 || c >= 0x7F) {
          out += '\\';
          out += static_cast<char>('0' + (c >> 6));
          out += static_cast<char>('0' + ((c >> 3) & 7));
          out += static_cast<char>('0' + (c & 7));
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

void put_line(std::string& out, char op, std::string_view line) {
  out += op;
  out.append(line);
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string unified_diff(const FilePatch& patch) {
  const auto a = split_lines(patch.before), b = split_lines(patch.after);
  const auto script = edit_script(a, b);
  std::string rel = patch.path;
  while (rel.rfind("./", 0) == 0) rel.erase(0, 2);
  while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
  std::string out = patch.create ? "--- /dev/null\n" : "--- " + diff_name("a/" + rel) + "\n";
  out += "+++ " + diff_name("b/" + rel) + "\n";
  // Lines of `a` and `b` before each script entry.
  std::vector<std::size_t> ai(script.size() + 1), bi(script.size() + 1);
  for (std::size_t i = 0; i < script.size(); ++i) {
    ai[i + 1] = ai[i] + (script[i].first != Op::add);
    bi[i + 1] = bi[i] + (script[i].first != Op::remove);
  }
  constexpr std::size_t kContext = 3;
  std::size_t i = 0;
  while (i < script.size()) {
    if (script[i].first == Op::keep) {
      ++i;
      continue;
    }
    // A hunk: from kContext kept lines before this change to kContext after
    // the last change that is at most 2 * kContext kept lines from the next.
    std::size_t start = i >= kContext ? i - kContext : 0;
    while (start < i && script[start].first != Op::keep) ++start;
    std::size_t end = i;
    std::size_t kept = 0;
    for (std::size_t j = i; j < script.size(); ++j) {
      if (script[j].first == Op::keep) {
        if (++kept > 2 * kContext) break;
      } else {
        kept = 0;
        end = j + 1;
      }
    }
    const std::size_t stop = std::min(script.size(), end + kContext);
    const std::size_t a_count = ai[stop] - ai[start], b_count = bi[stop] - bi[start];
    const std::size_t a_line = a_count ? ai[start] + 1 : ai[start];
    const std::size_t b_line = b_count ? bi[start] + 1 : bi[start];
    out += "@@ -" + std::to_string(a_line) + (a_count == 1 ? "" : "," + std::to_string(a_count)) + " +" +
           std::to_string(b_line) + (b_count == 1 ? "" : "," + std::to_string(b_count)) + " @@\n";
    for (std::size_t j = start; j < stop; ++j) {
      const auto [op, idx] = script[j];
      put_line(out, static_cast<char>(op), op == Op::add ? b[idx] : a[idx]);
    }
    i = stop;
  }
  return out;
}

std::vector<std::string> write_patches(FileSystem& fs, const FixPlan& plan,
                                       const std::vector<std::string>& allowed_dirs) {
  std::vector<std::string> errors;
  const std::unordered_set<std::string> allowed(allowed_dirs.begin(), allowed_dirs.end());
  for (const FilePatch& p : plan.patches) {
    const std::string real = path::real_location(fs, p.path);
    if (!is_below_any(real, allowed)) {
      errors.push_back("'" + p.path + "' is '" + real + "', outside the paths named for linting; not written");
      continue;
    }
    const Result<void> written = fs.write_file(p.path, p.after, p.create ? nullptr : &p.before);
    if (!written) errors.push_back(written.error().message);
  }
  return errors;
}

}  // namespace staplint
