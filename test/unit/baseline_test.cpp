// Baselines: fingerprints of the directive text, matching without line
// numbers, one finding per entry, and the file format.
#include <catch2/catch.hpp>

#include "staplint/baseline.hpp"

using namespace staplint;

namespace {
/// Lints `text` as /b/nginx.conf.
LintResult lint_text(SourceManager& sm, const std::string& text, MemoryFileSystem& fs) {
  fs.add("/b/nginx.conf", text);
  LintRequest req;
  req.paths = {"/b/nginx.conf"};
  return lint(fs, sm, RuleCatalog::builtin(), req);
}
const BaselinePath same = [](const std::string& p) { return p; };
const char* kTwoServers =
    "events {}\nhttp {\n  server { listen 443 ssl; server_name a; ssl_certificate a.pem; ssl_certificate_key a.key; }\n"
    "  server { listen 443 ssl; server_name b; ssl_certificate b.pem; ssl_certificate_key b.key; }\n}\n";
}  // namespace

TEST_CASE("the fingerprint is the directive's line, blanks collapsed, not its place", "[baseline]") {
  SourceManager sm;
  const FileId a = sm.add("/a", "/a", "x;\n    ssl_stapling   on;\n");
  const FileId b = sm.add("/b", "/b", "# moved\n\n\tssl_stapling on; \r\n");
  const FileId c = sm.add("/c", "/c", "ssl_stapling off;\n");
  const std::string fa = baseline_fingerprint(sm.file(a), {7, 19});
  CHECK(fa == baseline_fingerprint(sm.file(b), {11, 23}));
  CHECK(fa != baseline_fingerprint(sm.file(c), {0, 12}));
  CHECK(fa.size() == 16);
}

TEST_CASE("a baseline accepts each recorded finding once, by message first", "[baseline]") {
  MemoryFileSystem fs;
  SourceManager sm;
  LintResult r = lint_text(sm, kTwoServers, fs);
  REQUIRE(r.findings.size() == 2);  // SL1001 twice, on lines 3 and 4
  std::vector<BaselineEntry> base = baseline_entries(r.findings, sm, same);
  CHECK(base[0].fingerprint != base[1].fingerprint);

  // Edits elsewhere move the lines: still accepted.
  MemoryFileSystem fs2;
  SourceManager sm2;
  LintResult moved = lint_text(sm2, std::string("# new first line\n\n") + kTwoServers, fs2);
  std::vector<BaselineEntry> copy = base;
  CHECK(apply_baseline(moved.findings, sm2, copy, same) == 2);
  CHECK(moved.findings.empty());
  CHECK(copy.empty());

  // A third server: only it is new.
  MemoryFileSystem fs3;
  SourceManager sm3;
  std::string three = kTwoServers;
  three.insert(three.rfind('}'),
               "  server { listen 443 ssl; server_name c; ssl_certificate c.pem; ssl_certificate_key c.key; }\n");
  LintResult more = lint_text(sm3, three, fs3);
  REQUIRE(more.findings.size() == 3);
  copy = base;
  CHECK(apply_baseline(more.findings, sm3, copy, same) == 2);
  REQUIRE(more.findings.size() == 1);
  CHECK(more.findings[0].message.find("'c:443'") != std::string::npos);

  // Identical lines: one entry accepts one finding; a changed message still
  // matches by rule, file and fingerprint.
  std::vector<BaselineEntry> one = {base[0]};
  one[0].message = "worded differently by an older staplint";
  LintResult again = lint_text(sm3, three, fs3);
  CHECK(apply_baseline(again.findings, sm3, one, same) == 1);
  CHECK(again.findings.size() == 2);
}

TEST_CASE("the baseline file round-trips and bad ones are refused", "[baseline]") {
  std::vector<BaselineEntry> e = {{"SL1002", "sites/b.conf", "00000000000000ff", "say \"no\"\\ \t"},
                                  {"SL1001", "a.conf", "0123456789abcdef", "m"}};
  const std::string text = write_baseline(e);
  CHECK(text.rfind("{\"staplint-baseline\": 1,\n", 0) == 0);
  CHECK(text.find("a.conf") < text.find("sites/b.conf"));  // sorted
  auto back = read_baseline(text);
  REQUIRE(back.ok());
  const auto& got = *back;
  REQUIRE(got.size() == 2);
  CHECK(got[1].message == e[0].message);
  CHECK(got[0].fingerprint == "0123456789abcdef");
  CHECK(read_baseline(write_baseline({}))->empty());

  CHECK(read_baseline("{\"findings\": []}").error().message ==
        "not a staplint baseline (write one with '--write-baseline FILE')");
  CHECK(read_baseline("{\"staplint-baseline\": 2, \"findings\": []}").error().message ==
        "baseline version 2 is newer than this staplint reads");
  CHECK(read_baseline("{\"staplint-baseline\": 1, \"findings\": [{\"rule\": \"SL1001\"}]}")
            .error()
            .message.rfind("finding 1 has no 'file'", 0) == 0);
  CHECK(!read_baseline("{\"staplint-baseline\": [").ok());
}

TEST_CASE("the baseline file's \\u escapes read as UTF-8, surrogate pairs joined", "[baseline]") {
  auto back = read_baseline(
      "{\"staplint-baseline\": 1, \"findings\": [{\"rule\": \"SL1001\", \"file\": \"caf\\u00e9/\\u20ac\\ud83d\\ude00\","
      " \"fingerprint\": \"0123456789abcdef\", \"message\": \"A\\u0042\"}]}");
  REQUIRE(back.ok());
  REQUIRE(back->size() == 1);
  CHECK((*back)[0].file == "caf\xC3\xA9/\xE2\x82\xAC\xF0\x9F\x98\x80");
  CHECK((*back)[0].message == "AB");
  CHECK(!read_baseline("{\"staplint-baseline\": 1, \"findings\": [{\"rule\": \"\\ude00\"}]}").ok());
}
