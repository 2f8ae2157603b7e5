// Checkstyle XML (version 4.3), which CI servers and review tools import:
// one <file> per file with findings, one <error> per finding.
#include <fmt/format.h>

#include <map>

#include "staplint/format.hpp"
#include "xml_text.hpp"

namespace staplint {
namespace {

class CheckstyleFormatter final : public Formatter {
 public:
  void write(const Report& report, std::ostream& out) override {
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
    // Files in the order their first finding comes.
    std::vector<FileId> order;
    std::map<FileId, std::vector<const Finding*>> by_file;
    for (const Finding& f : report.result.findings) {
      auto& list = by_file[f.file];
      if (list.empty()) order.push_back(f.file);
      list.push_back(&f);
    }
    for (FileId file : order) {
      const SourceFile& src = report.sources.file(file);
      out << "  <file name=\"" << xml_escape(src.path()) << "\">\n";
      for (const Finding* f : by_file[file]) {
        const LineCol lc = src.line_col(f->range.begin);
        out << fmt::format(
            "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"staplint.{}.{}\"/>\n",
            lc.line, lc.column, to_string(f->severity), xml_escape(f->message), f->rule_id, f->rule_name);
      }
      out << "  </file>\n";
    }
    out << "</checkstyle>\n";
  }
};
}  // namespace

std::unique_ptr<Formatter> make_checkstyle_formatter() { return std::make_unique<CheckstyleFormatter>(); }
}  // namespace staplint
