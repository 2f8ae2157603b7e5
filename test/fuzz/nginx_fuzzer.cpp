// libFuzzer target for both dialects: the grammar, include expansion, the
// model, every rule and every formatter. The input is split at lines
// "@@file@@" into an entry file and included files inc0.conf, inc1.conf, ...,
// so that include globs, cycles and nesting across files are fuzzed too; the
// same files are linted once as an nginx tree (/f/nginx.conf) and once as an
// Apache tree (/a/conf/httpd.conf, ServerRoot /a, so `Include conf/inc*.conf`);
// the entry file is also read as a setenv.sh, a setenv.bat, a systemd drop-in and a
// java.security file. The raw bytes are also a .staplint.yaml and a baseline,
// and the httpd, Tomcat and JDK versions vary with the nginx one.
//
// With STAPLINT_FUZZ_DIALECT set (nginx, apache, xml, shell, batch, systemd,
// properties, yaml, template, recording, hcl, cloudformation), the input is only that grammar's file in a
// tree that reads it (template: a Jinja2, Go, ERB and envsubst template of
// nginx, Apache and Tomcat files, after each engine's mask is checked for
// its invariants), so that the fuzzer learns one grammar at a time (each with its
// dictionary in test/fuzz/dict/); .ci/test.sh runs each for a bounded time.
// Every output format is written, and the machine-readable ones must parse
// as their format requires: JSON and SARIF well-formed UTF-8, XML without
// characters XML 1.0 forbids, and gcc one line per finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "nginx_parser.hpp"
#include "staplint/apache_parse.hpp"
#include "staplint/baseline.hpp"
#include "staplint/format.hpp"
#include "staplint/lint.hpp"
#include "staplint/live_rules.hpp"
#include "staplint/probe_recording.hpp"
#include "staplint/project_config.hpp"
#include "staplint/template_mask.hpp"
#include "staplint/text.hpp"

namespace {
using namespace staplint;

std::string g_dialect;  // STAPLINT_FUZZ_DIALECT

/// Every format, each checked where its syntax can be checked cheaply.
void write_all_formats(const SourceManager& sources, const LintResult& result) {
  for (const auto name : formatter_names()) {
    std::ostringstream out;
    make_formatter(name, false)->write({sources, result, RuleCatalog::builtin()}, out);
    const std::string text = out.str();
    // Well-formed UTF-8 in every machine-readable format.
    if (name == "json" || name == "sarif" || name == "checkstyle" || name == "junit") {
      for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        const std::size_t n = utf8_sequence(text, i, cp);
        if (n == 0) __builtin_trap();
        if ((name == "checkstyle" || name == "junit") && cp < 0x20 && cp != '\n' && cp != '\t' && cp != '\r') {
          __builtin_trap();
        }
        if ((name == "json" || name == "sarif") && cp < 0x20 && cp != '\n' && cp != ' ') __builtin_trap();
        i += n;
      }
    }
    // gcc: one line per finding, no terminal escapes.
    if (name == "gcc") {
      std::size_t lines = 0;
      for (const char c : text) {
        lines += c == '\n';
        if (c == '\x1b' || c == '\r') __builtin_trap();
      }
      if (lines != result.findings.size()) __builtin_trap();
    }
  }
}

/// A template's mask keeps every offset and every line end, and its holes,
/// masked spans and regions lie in order inside the text.
void check_mask(std::string_view input, TemplateEngine engine) {
  const TemplateMask m = mask_template(input, engine);
  if (m.text.size() != input.size()) __builtin_trap();
  for (std::size_t i = 0; i < input.size(); ++i) {
    if ((input[i] == '\n') != (m.text[i] == '\n')) __builtin_trap();
  }
  std::uint32_t at = 0;
  for (const Range& h : m.holes) {
    if (h.begin < at || h.end < h.begin || h.end > input.size()) __builtin_trap();
    at = h.end;
  }
  at = 0;
  for (const Range& r : m.masked) {
    if (r.begin < at || r.end <= r.begin || r.end > input.size()) __builtin_trap();
    at = r.end;
  }
  for (const TemplateRegion& g : m.regions) {
    if (g.range.end < g.range.begin || g.range.end > input.size()) __builtin_trap();
    if (g.parent >= 0 && static_cast<std::size_t>(g.parent) >= m.regions.size()) __builtin_trap();
    (void)m.region_of(g.range);
  }
}

/// The live samples' certificate and response files (samples/live/certs/),
/// read once: what the fuzzed recordings name.
std::vector<std::pair<std::string, std::string>> g_live_files;

/// A probe recording (samples/live/): read, replayed, judged by the live
/// rules, and written in every format and by the probe's own writers.
int fuzz_recording(std::string_view input) {
  MemoryFileSystem fs;
  fs.add("/r/rec.probe.yaml", std::string(input));
  for (const auto& [name, bytes] : g_live_files) fs.add("/r/certs/" + name, bytes);
  SourceManager sources;
  auto rec = read_probe_recording(fs, sources, "/r/rec.probe.yaml", 1 << 20);
  if (!rec) {
    if (rec.error().range.end > sources.file(rec.error().file).text().size()) __builtin_trap();
    return 0;
  }
  JudgeOptions judge;
  judge.now = 1796000000;  // 2026-11: the samples' stale response is stale, the others current
  const std::vector<ProbedEndpoint> endpoints{replay_probe_recording(*rec, judge)};
  LintResult result;
  result.files.push_back(endpoints.front().file);
  result.findings = run_live_rules(RuleCatalog::builtin(), endpoints, RulePolicy{});
  write_all_formats(sources, result);
  std::ostringstream out;
  write_probe_text(endpoints, out);
  write_probe_json(endpoints, result.findings, sources, out);
  // What --record would write of it reads back.
  MemoryFileSystem again;
  const std::vector<RecordedFile> files = record_probe(endpoints.front(), "x", "now");
  for (const RecordedFile& f : files) again.add("/a/" + f.name, f.bytes);
  SourceManager more;
  if (!files.empty() && !read_probe_recording(again, more, "/a/" + files.front().name, 1 << 22)) {
    // A recording of a replay may fail to read back only where a chain had no
    // certificate staplint could write as PEM.
    bool unwritable = false;
    for (const LiveResult& r : endpoints.front().results) {
      for (const Handshake& h : r.made) {
        if (h.outcome == Handshake::Outcome::ok && h.chain_der.empty()) unwritable = true;
      }
    }
    if (!unwritable) __builtin_trap();
  }
  return 0;
}

/// One grammar, in a tree that reads its file.
int fuzz_dialect(std::string_view input) {
  static constexpr std::string_view kServerXml =
      "<Server port=\"8005\"><Service name=\"x\"><Connector port=\"8443\" SSLEnabled=\"true\"/></Service></Server>\n";
  if (g_dialect == "recording") return fuzz_recording(input);
  if (g_dialect == "yaml") {
    (void)parse_project_config(input, "/p/.staplint.yaml", RuleCatalog::builtin(), "/p");
    (void)read_baseline(input);
    return 0;
  }
  MemoryFileSystem fs;
  std::string where;
  const std::string text(input);
  std::vector<std::string> more;  // further paths to lint
  if (g_dialect == "template") {
    for (const TemplateEngine e :
         {TemplateEngine::jinja, TemplateEngine::go, TemplateEngine::erb, TemplateEngine::envsubst}) {
      check_mask(input, e);
    }
    fs.add("/t/nginx.conf.j2", text);
    fs.add("/t/sites/vhost.conf.erb", text);
    fs.add("/t/tomcat/conf/server.xml.j2", text);
    fs.add("/t/docker/nginx.tmpl", text);
    fs.add("/t/docker/default.conf.template", text);
    where = "/t/nginx.conf.j2";
    more = {"/t/sites/vhost.conf.erb", "/t/tomcat/conf/server.xml.j2", "/t/docker/nginx.tmpl",
            "/t/docker/default.conf.template"};
  } else if (g_dialect == "nginx") {
    fs.add("/t/nginx.conf", "events {}\nhttp {\n include site.conf;\n}\n");
    fs.add("/t/site.conf", text);
    where = "/t";
  } else if (g_dialect == "apache") {
    fs.add("/t/conf/httpd.conf", "LoadModule ssl_module m.so\nInclude conf/site.conf\n");
    fs.add("/t/conf/site.conf", text);
    where = "/t/conf/httpd.conf";
  } else if (g_dialect == "xml") {
    fs.add("/t/conf/server.xml", text);
    where = "/t";
  } else if (g_dialect == "shell" || g_dialect == "batch") {
    fs.add("/t/conf/server.xml", std::string(kServerXml));
    fs.add(g_dialect == "shell" ? "/t/bin/setenv.sh" : "/t/bin/setenv.bat", text);
    where = "/t";
  } else if (g_dialect == "systemd") {
    fs.add("/r/etc/tomcat10/server.xml", std::string(kServerXml));
    fs.add("/r/etc/systemd/system/tomcat10.service", text);
    where = "/r/etc/tomcat10/server.xml";
  } else if (g_dialect == "properties") {
    fs.add("/t/conf/server.xml", std::string(kServerXml));
    fs.add("/t/conf/catalina.properties", text);
    fs.add("/j/java.security", text);
    where = "/t";
  } else if (g_dialect == "hcl") {
    // A Terraform module: the input beside a file its references can reach,
    // and the input named on its own (pre-commit's way).
    fs.add("/m/main.tf", text);
    fs.add("/m/stores.tf",
           "resource \"aws_lb_trust_store\" \"t\" {}\nresource \"aws_lb_trust_store_revocation\" \"r\" {\n"
           "  trust_store_arn = aws_lb_trust_store.t.arn\n  revocations_s3_key = \"c.crl\"\n}\n");
    where = "/m";
    more = {"/m/main.tf"};
  } else if (g_dialect == "cloudformation") {
    // The YAML and JSON reader: a template (its text says so), and the same
    // bytes as Terraform JSON (its name says so).
    fs.add("/c/template.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\n" + text);
    fs.add("/c/raw.json", text);
    fs.add("/j/main.tf.json", text);
    where = "/c";
    more = {"/j/main.tf.json"};
  } else {
    __builtin_trap();  // an unknown STAPLINT_FUZZ_DIALECT
  }
  SourceManager sources;
  LintRequest req;
  req.paths = {where};
  if (g_dialect == "properties") req.paths.push_back("/j/java.security");
  req.paths.insert(req.paths.end(), more.begin(), more.end());
  req.load.limits.max_files = 64;
  const LintResult result = lint(fs, sources, RuleCatalog::builtin(), req);
  write_all_formats(sources, result);
  return 0;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* d = std::getenv("STAPLINT_FUZZ_DIALECT")) g_dialect = d;
  if (g_dialect == "recording") {
    for (const char* name :
         {"leaf.pem", "leaf-chain.pem", "no-ocsp-chain.pem", "must-staple-chain.pem", "ocsp-leaf-good.der",
          "ocsp-leaf-revoked.der", "ocsp-leaf-stale.der", "ocsp-other-certificate.der"}) {
      std::ifstream in(std::string(STAPLINT_SOURCE_DIR) + "/samples/live/certs/" + name, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      g_live_files.emplace_back(name, bytes.str());
    }
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!g_dialect.empty()) return fuzz_dialect(input);

  // The grammars alone, on the raw bytes; Apache's lowering with its nesting.
  (void)grammar::nginx::parse(input);
  {
    SourceManager apache_sources;
    const FileId f = apache_sources.add("a.conf", "a.conf", std::string(input));
    (void)parse_apache_text(f, apache_sources, 100);
  }

  // The project configuration and the baseline readers, on the raw bytes.
  (void)parse_project_config(input, "/p/.staplint.yaml", RuleCatalog::builtin());
  auto baseline = read_baseline(input);

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
  static const std::optional<Version> versions[] = {std::nullopt, Version{1, 18, 0}, Version{1, 22, 1},
                                                    Version{1, 29, 3}};
  req.lint.nginx_version = versions[size % 4];
  static const std::optional<Version> httpd[] = {std::nullopt, Version{2, 4, 25}, Version{2, 4, 41}, Version{2, 4, 62}};
  static const std::optional<Version> tomcat[] = {std::nullopt, Version{9, 0, 100}, Version{10, 1, 34},
                                                  Version{11, 0, 18}};
  static const std::optional<Version> jdk[] = {std::nullopt, Version{8, 0, 251}, Version{17, 0, 0}, Version{8, 0, 261}};
  req.lint.httpd_version = httpd[size / 4 % 4];
  req.lint.tomcat_version = tomcat[size / 4 % 4];
  req.lint.jdk_version = jdk[size / 16 % 4];
  req.load.limits.max_files = 64;
  req.load.limits.max_include_depth = 16;
  LintResult result = lint(fs, sources, RuleCatalog::builtin(), req);
  // A baseline of this result applied to it accepts every finding; the
  // baseline the input spelled, if any, may accept any of them.
  const BaselinePath same = [](const std::string& p) { return p; };
  std::vector<BaselineEntry> own = baseline_entries(result.findings, sources, same);
  std::vector<Finding> copy = result.findings;
  if (apply_baseline(copy, sources, own, same) != result.findings.size() || !copy.empty()) __builtin_trap();
  if (baseline) {
    (void)apply_baseline(result.findings, sources, *baseline, same);
  }
  write_all_formats(sources, result);
  return 0;
}
