// The compact node representation: lean nginx nodes read their arguments again
// from the text and must give back exactly what the grammar saw.
#include <catch2/catch.hpp>

#include "staplint/loader.hpp"

using namespace staplint;

namespace {
std::span<const Node> parse(SourceManager& sm, const std::string& text) {
  const FileId f = sm.add("/t/nginx.conf", "/t/nginx.conf", text);
  const ParseResult parsed = parse_nginx_text(f, sm, 100);
  REQUIRE(parsed.ok());
  return *parsed;
}
std::vector<std::string> values(const Node& n) {
  std::vector<std::string> out;
  for (const Arg& a : n.args()) out.emplace_back(a.value);
  return out;
}
}  // namespace

TEST_CASE("nodes stay 32 bytes", "[ast]") { STATIC_REQUIRE(sizeof(Node) == 32); }

TEST_CASE("lean nginx nodes read their arguments again, quotes, escapes and comments included", "[ast]") {
  SourceManager sm;
  const std::string text =
      "ssl_stapling  on ;\n"
      "add_header X-A \"a \\\"b\\\" c\" # a comment between words\n"
      "   'single' always;\n"
      "return 200 'it\\'s';\n"
      "server { listen 443 ssl; }\n";
  const auto nodes = parse(sm, text);
  REQUIRE(nodes.size() == 4);
  CHECK(nodes[0].name() == "ssl_stapling");
  CHECK(values(nodes[0]) == std::vector<std::string>{"on"});
  CHECK(nodes[0].body_range().begin == text.find(';'));

  CHECK(values(nodes[1]) == std::vector<std::string>{"X-A", "a \"b\" c", "single", "always"});
  const ArgList args = nodes[1].args();
  CHECK(args[1].quote == Quote::double_);
  CHECK(args[2].quote == Quote::single);
  CHECK(text.substr(args[1].range.begin, args[1].range.end - args[1].range.begin) == "\"a \\\"b\\\" c\"");
  // An escaped word is unescaped once and kept: both reads give the same view.
  CHECK(nodes[1].args()[1].value.data() == nodes[1].args()[1].value.data());

  CHECK(values(nodes[2]) == std::vector<std::string>{"200", "it's"});

  const Node& server = nodes[3];
  CHECK(server.kind == NodeKind::block);
  CHECK(server.args().empty());
  CHECK(server.body_range().begin == text.find('{'));
  CHECK(server.body_range().end == server.range.end);
  REQUIRE(server.children().size() == 1);
  CHECK(values(server.children()[0]) == std::vector<std::string>{"443", "ssl"});
  CHECK(server.children()[0].name_range().begin == text.find("listen"));
}

TEST_CASE("a quoted or escaped directive name makes a detailed node", "[ast]") {
  SourceManager sm;
  const auto nodes = parse(sm, "\"ssl_stapling\" on;\nssl\\_x 'y';\n# note\n");
  REQUIRE(nodes.size() == 3);
  CHECK(nodes[0].name() == "ssl_stapling");
  CHECK(nodes[0].name_range().begin == 0);
  CHECK(nodes[0].name_range().end == 14);
  CHECK(values(nodes[0]) == std::vector<std::string>{"on"});
  CHECK(nodes[1].name() == "ssl\\_x");  // nginx keeps unknown escapes as written
  CHECK(values(nodes[1]) == std::vector<std::string>{"y"});
  CHECK(nodes[2].kind == NodeKind::comment);
  CHECK(nodes[2].name() == " note");
  CHECK(nodes[2].args().empty());
}

TEST_CASE("a file included twice gets its own unit and inclusion each time", "[ast]") {
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf", "http { include a.conf; include a.conf; }");
  fs.add("/n/a.conf", "ssl_stapling on;");
  SourceManager sm;
  ConfigLoader loader(fs, sm, {});
  const ConfigTree t = loader.load("/n/nginx.conf", false);
  REQUIRE(t.problems.empty());
  const Node& http = t.nodes[0];
  REQUIRE(http.children().size() == 2);
  const Node& first = http.children()[0].children()[0];
  const Node& second = http.children()[1].children()[0];
  CHECK(first.file() == second.file());
  CHECK(first.inclusion() != second.inclusion());
  CHECK(t.inclusions[first.inclusion()].site.begin < t.inclusions[second.inclusion()].site.begin);
  CHECK(values(second) == std::vector<std::string>{"on"});
}
