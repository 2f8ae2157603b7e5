// Output formatters, one per file under lib/src/format/, behind one interface.
#pragma once

#include <memory>
#include <ostream>
#include <string_view>
#include <vector>

#include "staplint/result.hpp"
#include "staplint/source.hpp"

namespace staplint {

class RuleCatalog;

struct Report {
  const SourceManager& sources;
  const LintResult& result;
  /// The rules' metadata (SARIF lists each rule that fired). Given, not
  /// looked up: the formatters know no catalog of their own.
  const RuleCatalog& catalog;
  /// text: list the findings inline suppressions turned off, with reasons
  /// (they are always counted; JSON always lists them).
  bool show_suppressed = false;
};

class Formatter {
 public:
  virtual ~Formatter() = default;
  virtual void write(const Report& report, std::ostream& out) = 0;
  /// It prints the endpoints' verdicts (LintResult::endpoints): a run for a
  /// format that prints none need not build them (LintOptions::endpoints).
  virtual bool reports_endpoints() const { return false; }
};

/// `text`, `gcc`, `json`, `github`, `checkstyle`, `junit` or `sarif`; nullptr
/// for an unknown name.
std::unique_ptr<Formatter> make_formatter(std::string_view name, bool color);
const std::vector<std::string_view>& formatter_names();

std::unique_ptr<Formatter> make_text_formatter(bool color);
std::unique_ptr<Formatter> make_gcc_formatter();
std::unique_ptr<Formatter> make_json_formatter();
std::unique_ptr<Formatter> make_github_formatter();
std::unique_ptr<Formatter> make_checkstyle_formatter();
std::unique_ptr<Formatter> make_junit_formatter();
std::unique_ptr<Formatter> make_sarif_formatter();

/// `SL1001 stapling-disabled` style severity word for gcc-like output.
std::string_view gcc_severity(Severity s);

}  // namespace staplint
