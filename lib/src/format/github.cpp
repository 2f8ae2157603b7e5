// GitHub Actions workflow commands, one per finding: the run's annotations
// show each on the pull request's changed lines.
//   ::warning file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=SL1001 stapling-disabled::MESSAGE
#include <fmt/format.h>

#include "staplint/format.hpp"
#include "staplint/text.hpp"

namespace staplint {
namespace {

/// Escapes as the runner's command parser expects (actions/toolkit
/// command.ts): `%`, CR and LF in the message; also `:` and `,` in properties.
/// Other controls (ESC, BEL, C1, bidi overrides) are written as `\xNN`, and
/// bytes that are not UTF-8 as U+FFFD, so that the annotation shows text only.
std::string escape(std::string_view s, bool property) {
  std::string out;
  for_each_code_point(s, [&](std::string_view bytes, char32_t cp) {
    switch (cp) {
      case kNotUtf8:
        out += "\xEF\xBF\xBD";
        break;
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += is_unsafe_to_show(cp) ? escape_for_display(bytes) : std::string(bytes);
    }
  });
  return out;
}

class GithubFormatter final : public Formatter {
 public:
  void write(const Report& report, std::ostream& out) override {
    for (const Finding& f : report.result.findings) {
      const SourceFile& src = report.sources.file(f.file);
      const LineCol b = src.line_col(f.range.begin);
      const LineCol e = src.line_col(f.range.end);
      const char* level = f.severity == Severity::error     ? "error"
                          : f.severity == Severity::warning ? "warning"
                                                            : "notice";
      out << fmt::format("::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n", level,
                         escape(src.path(), true), b.line, b.column, e.line, e.column,
                         escape(f.rule_id + " " + f.rule_name, true), escape(f.message, false));
    }
  }
};
}  // namespace

std::unique_ptr<Formatter> make_github_formatter() { return std::make_unique<GithubFormatter>(); }
}  // namespace staplint
