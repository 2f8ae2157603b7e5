#include <catch2/catch.hpp>

#include <sstream>

#include <yaml-cpp/yaml.h>

#include "staplint/format.hpp"
#include "staplint/lint.hpp"

using namespace staplint;

namespace {
struct Fixture {
  MemoryFileSystem fs;
  SourceManager sm;
  LintResult result;
  Fixture() {
    fs.add("/n/nginx.conf", "http {\n\tserver { listen 443 ssl; }\n}\n");
    LintRequest req;
    req.paths = {"/n/nginx.conf"};
    result = lint(fs, sm, RuleCatalog::builtin(), req);
    REQUIRE(result.findings.size() == 1);
  }
  std::string render(const char* name) {
    std::ostringstream out;
    make_formatter(name, false)->write({sm, result, RuleCatalog::builtin()}, out);
    return out.str();
  }
};
}  // namespace

TEST_CASE("gcc format is one exact line per finding", "[format]") {
  Fixture f;
  CHECK(f.render("gcc") ==
        "/n/nginx.conf:2:2: warning: OCSP stapling is not enabled for TLS server '_:443' "
        "[SL1001]\n");
}

TEST_CASE("text format shows the line, a caret and the fix", "[format]") {
  Fixture f;
  const std::string out = f.render("text");
  CHECK(out.rfind("/n/nginx.conf:2:2: warning: OCSP stapling is not enabled for TLS server "
                  "'_:443' [SL1001 stapling-disabled]\n  \tserver { listen 443 ssl; }\n  \t^~~~~~\n",
                  0) == 0);
  CHECK(out.find("fix: enable OCSP stapling in this server") != std::string::npos);
  CHECK(out.find("0 errors, 1 warning, 0 notes") != std::string::npos);
}

TEST_CASE("json format is versioned and carries fixes and endpoints", "[format]") {
  Fixture f;
  const std::string out = f.render("json");
  CHECK(out.rfind("{\"version\": 2,", 0) == 0);
  CHECK(out.find("\"rule\": \"SL1001\", \"name\": \"stapling-disabled\", \"severity\": "
                 "\"warning\", \"path\": \"/n/nginx.conf\", \"line\": 2, \"column\": 2, "
                 "\"end_line\": 2, \"end_column\": 8") != std::string::npos);
  CHECK(out.find("\"edits\": [{\"path\": \"/n/nginx.conf\", \"offset\": 32, \"length\": 0, "
                 "\"text\": \" ssl_stapling on; ssl_stapling_verify on;\", \"create\": false}]") != std::string::npos);
  CHECK(out.find("{\"dialect\": \"nginx\", \"path\": \"/n/nginx.conf\", \"line\": 2, \"name\": "
                 "\"_:443\", \"stapling\": \"off\", \"certificates\": []}") != std::string::npos);
  CHECK(out.find("\"files\": [\n  {\"path\": \"/n/nginx.conf\", \"dialect\": \"nginx\"}") != std::string::npos);
}

TEST_CASE("an http-level fix comes first, the per-server one as an alternative", "[format]") {
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf",
         "http {\n    server {\n        listen 443 ssl;\n    }\n    server {\n        listen 8443 ssl;\n    }\n}\n");
  SourceManager sm;
  LintRequest req;
  req.paths = {"/n/nginx.conf"};
  const LintResult r = lint(fs, sm, RuleCatalog::builtin(), req);
  REQUIRE(r.findings.size() == 2);
  for (const Finding& f : r.findings) {
    REQUIRE(f.fixes.size() == 2);
    CHECK(f.fixes[0].description == "enable OCSP stapling for every server in 'http'");
    CHECK(f.fixes[0].edits.at(0).offset == 6);
    CHECK(f.fixes[1].description == "enable OCSP stapling in this server");
  }
  CHECK(r.findings[0].fixes[0].edits[0].text == r.findings[1].fixes[0].edits[0].text);
}

TEST_CASE("json strings are escaped", "[format]") {
  MemoryFileSystem fs;
  fs.add("/n/we\"ird.conf", "a \"b");
  SourceManager sm;
  LintRequest req;
  req.paths = {"/n/we\"ird.conf"};
  const LintResult r = lint(fs, sm, RuleCatalog::builtin(), req);
  std::ostringstream out;
  make_formatter("json", false)->write({sm, r, RuleCatalog::builtin()}, out);
  CHECK(out.str().find("\"path\": \"/n/we\\\"ird.conf\"") != std::string::npos);
  CHECK(out.str().find("missing terminating '\\\"' character") != std::string::npos);
}

TEST_CASE("github format is one workflow command per finding, escaped", "[format]") {
  Fixture f;
  CHECK(f.render("github") ==
        "::warning file=/n/nginx.conf,line=2,col=2,endLine=2,endColumn=8,"
        "title=SL1001 stapling-disabled::OCSP stapling is not enabled for TLS server '_:443'\n");
}

TEST_CASE("checkstyle format groups findings by file and escapes XML", "[format]") {
  Fixture f;
  CHECK(f.render("checkstyle") ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        "  <file name=\"/n/nginx.conf\">\n"
        "    <error line=\"2\" column=\"2\" severity=\"warning\" message=\"OCSP stapling is not "
        "enabled for TLS server &apos;_:443&apos;\" source=\"staplint.SL1001.stapling-disabled\"/>\n"
        "  </file>\n</checkstyle>\n");
}

TEST_CASE("sarif 2.1.0 carries the schema's required fields, rules, regions and fixes", "[format]") {
  Fixture f;
  // JSON is YAML: yaml-cpp reads the document back.
  const YAML::Node doc = YAML::Load(f.render("sarif"));
  CHECK(doc["version"].as<std::string>() == "2.1.0");  // required: version, runs
  REQUIRE(doc["runs"].IsSequence());
  REQUIRE(doc["runs"].size() == 1);
  const YAML::Node run = doc["runs"][0];
  CHECK(run["tool"]["driver"]["name"].as<std::string>() == "staplint");  // required: tool.driver.name
  const YAML::Node rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == 1);
  CHECK(rules[0]["id"].as<std::string>() == "SL1001");  // required: reportingDescriptor.id
  CHECK(rules[0]["name"].as<std::string>() == "stapling-disabled");
  CHECK(rules[0]["help"]["text"].as<std::string>().find("Fix: ") != std::string::npos);
  CHECK(rules[0]["helpUri"].as<std::string>().rfind("https://", 0) == 0);
  const YAML::Node result = run["results"][0];
  CHECK(result["message"]["text"].as<std::string>() ==
        "OCSP stapling is not enabled for TLS server '_:443'");  // required: result.message
  CHECK(result["ruleId"].as<std::string>() == "SL1001");
  CHECK(result["ruleIndex"].as<int>() == 0);
  CHECK(result["level"].as<std::string>() == "warning");
  const YAML::Node loc = result["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"].as<std::string>() == "file:///n/nginx.conf");
  CHECK(loc["region"]["startLine"].as<int>() == 2);
  CHECK(loc["region"]["startColumn"].as<int>() == 2);
  const YAML::Node fix = result["fixes"][0];
  CHECK(fix["description"]["text"].as<std::string>() == "enable OCSP stapling in this server");
  const YAML::Node change = fix["artifactChanges"][0];  // required: artifactLocation, replacements
  CHECK(change["artifactLocation"]["uri"].as<std::string>() == "file:///n/nginx.conf");
  CHECK(change["replacements"][0]["deletedRegion"]["charOffset"].as<int>() == 32);
  CHECK(change["replacements"][0]["deletedRegion"]["charLength"].as<int>() == 0);
  CHECK(change["replacements"][0]["insertedContent"]["text"].as<std::string>() ==
        " ssl_stapling on; ssl_stapling_verify on;");
}

TEST_CASE("junit format: one failed test case per finding", "[format]") {
  Fixture f;
  CHECK(f.render("junit") ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"staplint\" tests=\"1\" failures=\"1\">\n"
        "  <testsuite name=\"staplint\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
        "    <testcase name=\"SL1001 /n/nginx.conf:2:2\" classname=\"staplint.SL1001\" "
        "file=\"/n/nginx.conf\" line=\"2\">\n"
        "      <failure type=\"warning\" message=\"OCSP stapling is not enabled for TLS server "
        "&apos;_:443&apos;\">/n/nginx.conf:2:2: OCSP stapling is not enabled for TLS server "
        "&apos;_:443&apos; [SL1001 stapling-disabled]</failure>\n"
        "    </testcase>\n  </testsuite>\n</testsuites>\n");
}

#include "format/json_text.hpp"

namespace {
// The escaping rules, one code point at a time: what append_quoted's fast
// path for printable ASCII must agree with.
std::string quote_by_code_point(std::string_view s) {
  std::string out = "\"";
  for_each_code_point(s, [&](std::string_view bytes, char32_t cp) {
    if (cp == kNotUtf8) {
      out += "\\ufffd";
    } else if (cp == '"' || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
    } else {
      out.append(bytes);
    }
  });
  return out + "\"";
}
}  // namespace

TEST_CASE("json quoting escapes controls, separators and bytes that are not UTF-8", "[format]") {
  CHECK(quote("") == "\"\"");
  CHECK(quote("/etc/nginx/sites-enabled/a.conf") == "\"/etc/nginx/sites-enabled/a.conf\"");
  CHECK(quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(quote("1\n2\r3\t4") == "\"1\\n2\\r3\\t4\"");
  CHECK(quote("\x01x\x1b[2J\x7f") == "\"\\u0001x\\u001b[2J\\u007f\"");
  CHECK(quote("c1:\xc2\x85 ls:\xe2\x80\xa8 ps:\xe2\x80\xa9") == "\"c1:\\u0085 ls:\\u2028 ps:\\u2029\"");
  CHECK(quote("CN=\xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80") == "\"CN=\xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80\"");
  CHECK(quote("bad:\xff\xc3") == "\"bad:\\ufffd\\ufffd\"");
  CHECK(quote("cut:\xe2\x80") == "\"cut:\\ufffd\\ufffd\"");
  CHECK(quote("overlong:\xc0\xaf surrogate:\xed\xa0\x80") ==
        "\"overlong:\\ufffd\\ufffd surrogate:\\ufffd\\ufffd\\ufffd\"");
}

TEST_CASE("json quoting agrees with the code-point rules on arbitrary bytes", "[format]") {
  // A fixed linear congruential sequence: the same strings on every run, of
  // every byte value, printable runs broken at random places.
  std::uint32_t x = 12345;
  auto next = [&] { return x = x * 1103515245u + 12345u, (x >> 16) & 0x7FFF; };
  for (int n = 0; n < 2000; ++n) {
    std::string s;
    const std::size_t len = next() % 40;
    for (std::size_t i = 0; i < len; ++i) {
      const unsigned r = next();
      s += static_cast<char>(r % 3 == 0 ? r % 256 : 0x20 + r % 0x5F);
    }
    INFO("case " << n);
    REQUIRE(quote(s) == quote_by_code_point(s));
  }
}
