// One line per finding: `path:line:col: severity: message [SLnnnn]`, info as
// `note`. Editors' problem matchers read this. Names and messages are escaped
// (escape_for_display): a newline or an escape sequence from a file can never
// start a second line, which a CI runner would read as its own command.
#include <fmt/format.h>

#include "staplint/format.hpp"
#include "staplint/text.hpp"

namespace staplint {
namespace {
class GccFormatter final : public Formatter {
 public:
  void write(const Report& report, std::ostream& out) override {
    for (const Finding& f : report.result.findings) {
      const SourceFile& src = report.sources.file(f.file);
      const LineCol lc = src.line_col(f.range.begin);
      out << fmt::format("{}:{}:{}: {}: {} [{}]\n", escape_for_display(src.path()), lc.line, lc.column,
                         gcc_severity(f.severity), escape_for_display(f.message), f.rule_id);
    }
  }
};
}  // namespace

std::unique_ptr<Formatter> make_gcc_formatter() { return std::make_unique<GccFormatter>(); }
}  // namespace staplint
