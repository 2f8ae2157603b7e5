// JUnit XML, which CI servers show as a test report: one test case per
// finding, failed; a clean run is one passing case.
#include <fmt/format.h>

#include "staplint/format.hpp"
#include "xml_text.hpp"

namespace staplint {
namespace {
class JunitFormatter final : public Formatter {
 public:
  void write(const Report& report, std::ostream& out) override {
    const auto& findings = report.result.findings;
    const std::size_t tests = findings.empty() ? 1 : findings.size();
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << fmt::format("<testsuites name=\"staplint\" tests=\"{}\" failures=\"{}\">\n", tests, findings.size())
        << fmt::format("  <testsuite name=\"staplint\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
                       tests, findings.size());
    if (findings.empty()) out << "    <testcase name=\"no findings\" classname=\"staplint\"/>\n";
    for (const Finding& f : findings) {
      const SourceFile& src = report.sources.file(f.file);
      const LineCol lc = src.line_col(f.range.begin);
      const std::string where = fmt::format("{}:{}:{}", src.path(), lc.line, lc.column);
      out << fmt::format("    <testcase name=\"{}\" classname=\"staplint.{}\" file=\"{}\" line=\"{}\">\n",
                         xml_escape(f.rule_id + " " + where), f.rule_id, xml_escape(src.path()), lc.line)
          << fmt::format("      <failure type=\"{}\" message=\"{}\">{}: {} [{} {}]</failure>\n", to_string(f.severity),
                         xml_escape(f.message), xml_escape(where), xml_escape(f.message), f.rule_id, f.rule_name)
          << "    </testcase>\n";
    }
    out << "  </testsuite>\n</testsuites>\n";
  }
};
}  // namespace

std::unique_ptr<Formatter> make_junit_formatter() { return std::make_unique<JunitFormatter>(); }
}  // namespace staplint
