// The Apache grammar and its lowering, against what apache2 -t does (Debian's
// httpd 2.4: checked by hand for each case below).
#include <catch2/catch.hpp>

#include "apache_parser.hpp"
#include "lowered_file.hpp"
#include "staplint/apache_parse.hpp"

using namespace staplint;

namespace {
struct Parsed : test::LoweredFile {
  explicit Parsed(const std::string& text, unsigned max_nesting = 100)
      : LoweredFile("a.conf", text,
                    [=](FileId f, SourceManager& sm) { return parse_apache_text(f, sm, max_nesting); }) {}
  std::uint32_t line_of_problem() const { return sm.file(file).line_col(problem->range.begin).line; }
};
std::vector<std::string> values(const Node& n) {
  std::vector<std::string> out;
  for (const Arg& a : n.args()) out.emplace_back(a.value);
  return out;
}
}  // namespace

TEST_CASE("apache: directives, sections and comments", "[apache]") {
  Parsed p(
      "ServerRoot \"/etc/apache2\"\n# a comment\n<VirtualHost *:443>\n"
      "  SSLEngine on\n  <Directory \"/var/www\">\n    Require all granted\n"
      "  </Directory>\n</VirtualHost>\n");
  REQUIRE(p.ok);
  REQUIRE(p.nodes.size() == 3);
  CHECK(p.nodes[0].name() == "ServerRoot");
  CHECK(values(p.nodes[0]) == std::vector<std::string>{"/etc/apache2"});
  CHECK(p.nodes[1].kind == NodeKind::comment);
  const Node& vh = p.nodes[2];
  CHECK(vh.kind == NodeKind::block);
  CHECK(vh.name() == "VirtualHost");
  CHECK(values(vh) == std::vector<std::string>{"*:443"});
  REQUIRE(vh.children().size() == 2);
  CHECK(vh.children()[1].name() == "Directory");
  CHECK(values(vh.children()[1]) == std::vector<std::string>{"/var/www"});
  CHECK(p.sm.file(p.file).line_col(vh.range.end).line == 8);
}

TEST_CASE("apache: words as ap_getword_conf reads them", "[apache]") {
  Parsed p("A \"b c\" 'd\\'e' \"f\"g \"unterminated\nB x\\\ny\nC x # y\n");
  REQUIRE(p.ok);
  CHECK(values(p.nodes[0]) == std::vector<std::string>{"b c", "d'e", "f", "g", "unterminated"});
  CHECK(values(p.nodes[1]) == std::vector<std::string>{"xy"});           // continuation joins
  CHECK(values(p.nodes[2]) == std::vector<std::string>{"x", "#", "y"});  // not a comment
}

TEST_CASE("apache: a comment ending in a backslash swallows the next line", "[apache]") {
  Parsed p("# comment \\\nServerAdmin x y\nServerName a\n");
  REQUIRE(p.ok);
  REQUIRE(p.nodes.size() == 2);
  CHECK(p.nodes[0].kind == NodeKind::comment);
  CHECK(p.nodes[1].name() == "ServerName");
}

TEST_CASE("apache: section names match case-insensitively", "[apache]") {
  Parsed p("<directory /tmp>\n</DIRECTORY>\n");
  CHECK(p.ok);
}

TEST_CASE("apache: structural errors as httpd reports them", "[apache]") {
  {
    Parsed p("<Directory /tmp>\n</Location>\n");
    REQUIRE_FALSE(p.ok);
    CHECK(p.problem->message == "expected '</Directory>' but saw '</Location>'");
    CHECK(p.line_of_problem() == 2);
    REQUIRE(p.problem->notes.size() == 1);
    CHECK(p.problem->notes[0].message == "'<Directory>' opened here");
  }
  {
    Parsed p("ServerName a\n</Directory>\n");
    REQUIRE_FALSE(p.ok);
    CHECK(p.problem->message == "'</Directory>' without matching '<Directory>' section");
  }
  {
    Parsed p("<VirtualHost *:443>\n<Directory /tmp>\n</Directory>\n");
    REQUIRE_FALSE(p.ok);
    CHECK(p.problem->message == "'<VirtualHost>' was not closed");
    CHECK(p.line_of_problem() == 1);
    REQUIRE(p.problem->fix);
    CHECK(p.problem->fix->edits.at(0).text == "</VirtualHost>\n");
  }
  {
    Parsed p("<Directory /tmp\n</Directory>\n");
    REQUIRE_FALSE(p.ok);
    CHECK(p.problem->message == "'<Directory>' directive missing closing '>'");
    REQUIRE(p.problem->fix);
    CHECK(p.problem->fix->edits.at(0).offset == 15);
  }
}

TEST_CASE("apache: a close tag is exactly one word", "[apache]") {
  Parsed p("<VirtualHost *:8443>\n</Virtualhost >\n</VirtualHost>\n");
  REQUIRE_FALSE(p.ok);
  CHECK(p.problem->message == "'</Virtualhost>' directive missing closing '>'");
  CHECK(p.line_of_problem() == 2);
}

TEST_CASE("apache: the closing '>' may end a quoted or bare last word", "[apache]") {
  Parsed p("<FilesMatch \"\\.(cgi|php)$\">\n</FilesMatch>\n<IfModule>\n</IfModule>\n");
  REQUIRE(p.ok);
  CHECK(p.nodes[0].name() == "FilesMatch");
  CHECK(values(p.nodes[0]) == std::vector<std::string>{"\\.(cgi|php)$"});
  CHECK(p.nodes[1].name() == "IfModule");
  CHECK(p.nodes[1].args().empty());
}

TEST_CASE("apache: nesting is bounded", "[apache]") {
  std::string deep;
  for (int i = 0; i < 500; ++i) deep += "<IfModule m>\n";
  Parsed p(deep, 100);
  REQUIRE_FALSE(p.ok);
  CHECK(p.problem->kind == InputProblemKind::limit);
}

TEST_CASE("apache: CRLF, blank lines and no final newline", "[apache]") {
  Parsed p("\r\n  \r\nSSLEngine on\r\n<IfModule ssl>\r\n  SSLUseStapling On\r\n</IfModule>");
  REQUIRE(p.ok);
  REQUIRE(p.nodes.size() == 2);
  CHECK(values(p.nodes[0]) == std::vector<std::string>{"on"});
  REQUIRE(p.nodes[1].children().size() == 1);
  CHECK(p.nodes[1].children()[0].name() == "SSLUseStapling");
}

TEST_CASE("apache: plain lines are lean nodes that read as kept ones would", "[apache]") {
  // Lines 1, 3 and 5 are plain: no quote, no escape, no continuation. The
  // others keep their words (a detail each), as does the section.
  const std::string text =
      "SSLUseStapling  on\t\r\n"
      "Header set X \"a b\"\n"
      "  SSLStaplingCache shmcb:/run/ocsp(128000)\n"
      "B x\\\ny\n"
      "LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\n"
      "<IfModule ssl_module>\n</IfModule>\n";
  Parsed p(text);
  REQUIRE(p.ok);
  REQUIRE(p.nodes.size() == 6);
  CHECK(p.nodes[0].unit()->details.size() == 3);
  auto words = [&](const Node& n) {
    std::vector<std::string> out;
    for (const Arg& a : n.args()) {
      CHECK(a.value == std::string_view(text).substr(a.range.begin, a.range.end - a.range.begin));
      CHECK(a.quote == Quote::none);
      out.emplace_back(a.value);
    }
    return out;
  };
  const Node& stapling = p.nodes[0];
  CHECK(stapling.name() == "SSLUseStapling");
  CHECK(words(stapling) == std::vector<std::string>{"on"});
  CHECK(stapling.name_range().begin == 0);
  CHECK(stapling.name_range().end == 14);
  CHECK(stapling.body_range().begin == stapling.range.end);
  CHECK(values(p.nodes[1]) == std::vector<std::string>{"set", "X", "a b"});
  CHECK(p.nodes[2].name() == "SSLStaplingCache");
  CHECK(p.nodes[2].name_range().begin == text.find("SSLStaplingCache"));
  CHECK(words(p.nodes[2]) == std::vector<std::string>{"shmcb:/run/ocsp(128000)"});
  CHECK(values(p.nodes[3]) == std::vector<std::string>{"xy"});
  CHECK(words(p.nodes[4]) == std::vector<std::string>{"ssl_module", "/usr/lib/apache2/modules/mod_ssl.so"});
  CHECK(p.nodes[5].name() == "IfModule");
  CHECK(values(p.nodes[5]) == std::vector<std::string>{"ssl_module"});
}
