// Linting the named paths: the findings in the chosen format, less what a
// --baseline accepts; or, with --write-baseline, the findings recorded.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "leave_to_exit.hpp"
#include "runs.hpp"
#include "staplint/format.hpp"
#include "staplint/text.hpp"

namespace staplint::cli {

namespace {
int write_baseline_file(const Options& o, FileSystem& fs, const Session& s, const SourceManager& sources,
                        const LintResult& result) {
  const auto entries = baseline_entries(result.findings, sources, baseline_path(fs, o.write_baseline, s.cwd));
  const Result<void> written = fs.write_file(o.write_baseline, write_baseline(entries));
  if (!written) {
    std::cerr << "staplint: error: " << escape_for_display(written.error().message) << "\n";
    return 2;
  }
  std::cerr << "staplint: wrote " << entries.size() << " findings to '" << escape_for_display(o.write_baseline)
            << "'\n";
  return result.unusable.empty() ? 0 : 2;
}
}  // namespace

int lint_command(const Invocation& in) {
  const Options& o = in.options;
  DiskFileSystem fs;
  auto session = open_session(o, fs, in.catalog);
  if (!session) return session.error().status;
  // Endpoints only for a format that prints them: at 20,000 servers their
  // verdicts and addresses are a tenth of a run.
  if (const auto f = make_formatter(session->runs.front().format, false); f && !f->reports_endpoints()) {
    for (Run& run : session->runs) run.request.lint.endpoints = false;
  }
  auto sources = std::make_unique<SourceManager>();
  bool failed = false;
  auto result =
      std::make_unique<const LintResult>(lint_all(fs, *sources, in.catalog, session->runs, session->baseline, failed));
  const int status = [&] {
    if (!o.write_baseline.empty()) return write_baseline_file(o, fs, *session, *sources, *result);
    report_unusable(*result, fs);
    print_report(o, *session, *sources, *result, in.catalog, o.show_suppressed);
    if (!result->unusable.empty()) return 2;
    return failed ? 1 : 0;
  }();
  if (in.process_ends) {
    leave_to_exit(std::move(result));
    leave_to_exit(std::move(sources));
  }
  return status;
}

}  // namespace staplint::cli
