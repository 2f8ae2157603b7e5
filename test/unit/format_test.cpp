#include <catch2/catch.hpp>

#include <sstream>

#include "staplint/format.hpp"

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
    make_formatter(name, false)->write({sm, result}, out);
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
  CHECK(out.rfind("{\"version\": 1,", 0) == 0);
  CHECK(out.find("\"rule\": \"SL1001\", \"name\": \"stapling-disabled\", \"severity\": "
                 "\"warning\", \"path\": \"/n/nginx.conf\", \"line\": 2, \"column\": 2, "
                 "\"end_line\": 2, \"end_column\": 8") != std::string::npos);
  CHECK(out.find("\"edits\": [{\"path\": \"/n/nginx.conf\", \"offset\": 32, \"length\": 0, "
                 "\"text\": \" ssl_stapling on; ssl_stapling_verify on;\", \"create\": false}]") != std::string::npos);
  CHECK(out.find("{\"dialect\": \"nginx\", \"path\": \"/n/nginx.conf\", \"line\": 2, \"name\": "
                 "\"_:443\", \"stapling\": \"off\"}") != std::string::npos);
  CHECK(out.find("\"files\": [\n  {\"path\": \"/n/nginx.conf\", \"dialect\": \"nginx\"}") !=
        std::string::npos);
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
  make_formatter("json", false)->write({sm, r}, out);
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
