// clang-style output: the finding, the source line with a caret under the
// range, notes, and each fix with the text it would insert. Everything that
// comes from input (names, messages, source lines, fix text) goes through
// escape_for_display: the only escape sequences printed are this
// formatter's own colours, and only with --color.
#include <fmt/format.h>

#include "staplint/format.hpp"
#include "staplint/text.hpp"

namespace staplint {
namespace {

class TextFormatter final : public Formatter {
 public:
  explicit TextFormatter(bool color) : color_(color) {}

  void write(const Report& report, std::ostream& out) override {
    std::size_t counts[3] = {0, 0, 0};
    for (const Finding& f : report.result.findings) {
      ++counts[static_cast<int>(f.severity)];
      const SourceFile& src = report.sources.file(f.file);
      for (std::size_t i = 0; i < f.included_from.size(); ++i) {
        const Note& inc = f.included_from[i];
        const SourceFile& is = report.sources.file(inc.file);
        const LineCol lc = is.line_col(inc.range.begin);
        out << (i == 0 ? "In file included from " : "                      from ") << esc(is.path()) << ":" << lc.line
            << ":\n";
      }
      header(out, src, f.range.begin, severity_word(f.severity), severity_color(f.severity));
      out << style(esc(f.message), "1") << " " << style("[" + f.rule_id + " " + f.rule_name + "]", "2") << "\n";
      excerpt(out, src, f.range);
      for (const Note& n : f.notes) {
        const SourceFile& ns = report.sources.file(n.file);
        header(out, ns, n.range.begin, "note", "36");
        out << esc(n.message) << "\n";
        excerpt(out, ns, n.range);
      }
      for (const Fix& fix : f.fixes) {
        out << style("fix: ", "32") << esc(fix.description) << "\n";
        for (const TextEdit& e : fix.edits) {
          if (!e.create.empty()) {
            out << "  " << esc(e.create) << ": create:\n";
            std::size_t at = 0;
            while (at < e.text.size()) {
              const std::size_t nl = e.text.find('\n', at);
              const std::size_t end = nl == std::string::npos ? e.text.size() : nl;
              out << "  + " << esc(std::string_view(e.text).substr(at, end - at)) << "\n";
              at = end + 1;
            }
            continue;
          }
          const SourceFile& es = report.sources.file(e.file);
          const LineCol lc = es.line_col(e.offset);
          std::string text = e.text;
          while (!text.empty() && (text.front() == '\n' || text.front() == '\r')) text.erase(0, 1);
          std::string old(std::string_view(es.original()).substr(e.offset, e.length));
          const auto lead = old.find_first_not_of(" \t\r\n");
          old = lead == std::string::npos ? "" : old.substr(lead, old.find_last_not_of(" \t\r\n") - lead + 1);
          out << "  " << esc(es.path()) << ":" << lc.line << ":" << lc.column << ": ";
          if (e.length == 0) {
            out << "insert:\n";
          } else if (e.text.empty()) {
            out << "delete '" << esc(old) << "'\n";
            continue;
          } else {
            out << "replace '" << esc(old) << "' with '" << style(esc(text), "32") << "'\n";
            continue;
          }
          // One `+` line per inserted line, with the indentation it will have.
          std::size_t start = 0;
          while (start <= text.size()) {
            std::size_t nl = std::min(text.find('\n', start), text.size());
            std::string line = text.substr(start, nl - start);
            if (!line.empty() && line.back() == '\r') line.pop_back();
            out << "  + " << style(esc(line), "32") << (nl < text.size() ? "\n" : "");
            start = nl + 1;
          }
          out << "\n";
        }
      }
    }
    if (report.show_suppressed) {
      for (const SuppressedFinding& sf : report.result.suppressed) {
        const Finding& f = sf.finding;
        const SourceFile& src = report.sources.file(f.file);
        header(out, src, f.range.begin, "suppressed", "2");
        out << esc(f.message) << " " << style("[" + f.rule_id + " " + f.rule_name + "]", "2")
            << (sf.reason.empty() ? "" : " -- " + esc(sf.reason)) << "\n";
      }
    }
    const std::size_t suppressed = report.result.suppressed.size();
    const std::size_t baselined = report.result.baselined;
    if (!report.result.findings.empty() || suppressed || baselined) {
      out << fmt::format("{} error{}, {} warning{}, {} note{}", counts[2], counts[2] == 1 ? "" : "s", counts[1],
                         counts[1] == 1 ? "" : "s", counts[0], counts[0] == 1 ? "" : "s");
      if (suppressed) out << fmt::format(" ({} suppressed)", suppressed);
      if (baselined) out << fmt::format(" ({} in the baseline)", baselined);
      out << "\n";
    }
  }

 private:
  static std::string esc(std::string_view s) { return escape_for_display(s); }
  static std::string_view severity_word(Severity s) { return gcc_severity(s); }
  static const char* severity_color(Severity s) {
    return s == Severity::error ? "31" : s == Severity::warning ? "35" : "36";
  }
  std::string style(const std::string& s, const char* code) const {
    return color_ ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : s;
  }
  void header(std::ostream& out, const SourceFile& src, std::uint32_t at, std::string_view word,
              const char* code) const {
    const LineCol lc = src.line_col(at);
    out << style(fmt::format("{}:{}:{}:", esc(src.path()), lc.line, lc.column), "1") << " "
        << style(std::string(word) + ":", code) << " ";
  }
  void excerpt(std::ostream& out, const SourceFile& src, Range r) const {
    if (src.text().empty() || !src.quotable()) return;
    const LineCol lc = src.line_col(r.begin);
    const std::string_view line = src.line_text(lc.line);
    const std::string_view shown = line.substr(0, 200);
    const std::size_t col = std::min<std::size_t>(lc.column - 1, shown.size());
    const std::string before = esc(shown.substr(0, col));
    out << "  " << esc(shown) << "\n  ";
    // Pad to the caret by the escaped text's columns, keeping tabs.
    for (std::size_t i = 0; i < before.size(); ++i) {
      if ((static_cast<unsigned char>(before[i]) & 0xC0) != 0x80) out << (before[i] == '\t' ? '\t' : ' ');
    }
    // The caret covers the range on this line, and at least one column (an
    // error at the end of a line points just past its last byte).
    const LineCol end = src.line_col(r.end);
    const std::size_t bytes = end.line == lc.line && end.column > lc.column ? end.column - lc.column : 1;
    std::size_t width = std::max<std::size_t>(1, display_width(esc(shown.substr(col, bytes))));
    const std::size_t room = col < shown.size() ? display_width(esc(shown.substr(col))) : 1;
    width = std::min(width, room);
    out << style("^" + std::string(width - 1, '~'), "32") << "\n";
  }

  bool color_;
};

}  // namespace

std::unique_ptr<Formatter> make_text_formatter(bool color) { return std::make_unique<TextFormatter>(color); }
}  // namespace staplint
