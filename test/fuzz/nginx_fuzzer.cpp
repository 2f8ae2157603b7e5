// libFuzzer target for both dialects: the grammar, include expansion, the
// model, every rule and every formatter. The input is split at lines
// "@@file@@" into an entry file and included files inc0.conf, inc1.conf, ...,
// so that include globs, cycles and nesting across files are fuzzed too; the
// same files are linted once as an nginx tree (/f/nginx.conf) and once as an
// Apache tree (/a/conf/httpd.conf, ServerRoot /a, so `Include conf/inc*.conf`);
// the entry file is also read as a setenv.sh, a setenv.bat, a systemd drop-in and a
// java.security file.
#include <cstddef>
#include <optional>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "nginx_parser.hpp"
#include "staplint/apache_parse.hpp"
#include "staplint/format.hpp"
#include "staplint/lint.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace staplint;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  // The grammars alone, on the raw bytes; Apache's lowering with its nesting.
  (void)grammar::nginx::parse(input);
  {
    SourceManager apache_sources;
    const FileId f = apache_sources.add("a.conf", "a.conf", std::string(input));
    std::span<Node> nodes;
    std::optional<InputProblem> problem;
    (void)parse_apache_text(f, apache_sources, 100, nodes, problem);
  }

  MemoryFileSystem fs;
  constexpr std::string_view sep = "@@file@@\n";
  std::size_t start = 0;
  for (int i = 0; i < 8; ++i) {
    const std::size_t next = input.find(sep, start);
    const std::string_view part = input.substr(start, next == std::string_view::npos ? next : next - start);
    const std::string name = i == 0 ? "" : "inc" + std::to_string(i - 1) + ".conf";
    fs.add(i == 0 ? "/f/nginx.conf" : "/f/" + name, std::string(part));
    fs.add(i == 0 ? "/a/conf/httpd.conf" : "/a/conf/" + name, std::string(part));
    if (i == 0) {  // and as the JVM's files: a shell script and a security file
      fs.add("/j/bin/setenv.sh", std::string(part));
      fs.add("/j/conf/java.security", std::string(part));
      fs.add("/j/bin/setenv.bat", std::string(part));
      fs.add("/j/tomcat10.service.d/override.conf", std::string(part));
    }
    if (next == std::string_view::npos) break;
    start = next + sep.size();
  }
  SourceManager sources;
  LintRequest req;
  req.paths = {"/f", "/a", "/j"};
  // The input's length picks the nginx version, so version-dependent rules
  // (SL1010, SL1015, fatal verdicts) are fuzzed on both sides of their limits.
  static const std::optional<Version> versions[] = {std::nullopt, Version{1, 18, 0},
                                                    Version{1, 22, 1}, Version{1, 29, 3}};
  req.lint.nginx_version = versions[size % 4];
  req.load.limits.max_files = 64;
  req.load.limits.max_include_depth = 16;
  const LintResult result = lint(fs, sources, RuleCatalog::builtin(), req);
  for (const char* name : {"text", "gcc", "json"}) {
    std::ostringstream out;
    make_formatter(name, false)->write({sources, result}, out);
  }
  return 0;
}
