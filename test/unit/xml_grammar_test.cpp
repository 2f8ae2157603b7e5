// The XML grammar for Tomcat's files: well-formedness as a SAX parser sees it,
// attributes and entities, and the DOCTYPE that is skipped, never expanded.
#include <catch2/catch.hpp>

#include "lowered_file.hpp"
#include "staplint/xml_parse.hpp"
#include "xml_parser.hpp"

using namespace staplint;

namespace {
struct Lowered : test::LoweredFile {
  explicit Lowered(const std::string& text, unsigned max_nesting = 100)
      : LoweredFile("server.xml", text,
                    [=](FileId f, SourceManager& sm) { return parse_xml_text(f, sm, max_nesting); }) {}
};
std::string attr(const Node& element, std::string_view name) {
  for (const Node& c : element.children()) {
    if (c.kind == NodeKind::attribute && c.name() == name) return std::string(c.args()[0].value);
  }
  return "<none>";
}
std::vector<std::string> elements(const Node& element) {
  std::vector<std::string> out;
  for (const Node& c : element.children()) {
    if (c.kind == NodeKind::block) out.emplace_back(c.name());
  }
  return out;
}
}  // namespace

TEST_CASE("xml: elements, attributes, comments and the prolog", "[xml]") {
  Lowered l(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- licence -->\n"
      "<Server port='8005' shutdown=\"SHUTDOWN\">\n"
      "  <Service name=\"Catalina\">\n"
      "    <!-- <Connector port=\"8443\"/> -->\n"
      "    <Connector port=\"8443\" SSLEnabled = \"true\"\n"
      "               scheme=\"https\" secure=\"true\">\n"
      "      <SSLHostConfig><Certificate certificateKeystoreFile=\"conf/a.p12\" "
      "type=\"RSA\" /></SSLHostConfig>\n"
      "    </Connector>\n  </Service>\n</Server>\n");
  REQUIRE(l.ok);
  REQUIRE(l.nodes.size() == 2);
  CHECK(l.nodes[0].kind == NodeKind::comment);
  const Node& server = l.nodes[1];
  CHECK(server.name() == "Server");
  CHECK(attr(server, "port") == "8005");
  CHECK(attr(server, "shutdown") == "SHUTDOWN");
  const Node& service = server.children().back();
  CHECK(elements(service) == std::vector<std::string>{"Connector"});
  CHECK(service.children()[1].kind == NodeKind::comment);  // after the name attribute
  const Node& connector = service.children().back();
  CHECK(attr(connector, "SSLEnabled") == "true");
  CHECK(attr(connector, "scheme") == "https");
  const Node& cert = connector.children().back().children().back();
  CHECK(cert.name() == "Certificate");
  CHECK(attr(cert, "certificateKeystoreFile") == "conf/a.p12");
  // Ranges point at the text as written.
  const std::string& text = l.sm.file(l.file).text();
  CHECK(text.substr(connector.range.begin, 10) == "<Connector");
  CHECK(text.substr(connector.range.end - 12, 12) == "</Connector>");
}

TEST_CASE("xml: entities and character references in attribute values", "[xml]") {
  Lowered l("<a v=\"&lt;&amp;&gt;&quot;&apos;&#65;&#x42;&#xe9;\" w='&#x1F600;'/>");
  REQUIRE(l.ok);
  CHECK(attr(l.nodes[0], "v") == "<&>\"'AB\xc3\xa9");
  CHECK(attr(l.nodes[0], "w") == "\xf0\x9f\x98\x80");
}

TEST_CASE("xml: a DOCTYPE is skipped and its entities never expanded", "[xml]") {
  Lowered l(
      "<!DOCTYPE a [ <!ENTITY x \"<b>boom</b>\"> <!ENTITY y SYSTEM \"file:///etc/passwd\"> ]>\n"
      "<a v=\"&x;&y;\"/>");
  REQUIRE(l.ok);
  CHECK(attr(l.nodes[0], "v") == "&x;&y;");
  // Without a DOCTYPE, such an entity is undefined: an error, as for a SAX parser.
  Lowered bad("<a v=\"&x;\"/>");
  CHECK_FALSE(bad.ok);
  REQUIRE(bad.problem);
  CHECK(bad.problem->message.find("undefined entity") != std::string::npos);
}

TEST_CASE("xml: well-formedness errors at the exact offset", "[xml]") {
  struct Case {
    std::string text;
    std::uint32_t offset;
    std::string message;
  };
  const Case cases[] = {
      {"<a><b></a>", 6, "expected '</b>' but saw '</a>'"},
      {"<a>", 0, "'<a>' is not closed"},
      {"</a>", 0, "end tag '</a>' has no open element"},
      {"<a/><b/>", 4, "a second root element '<b>'; an XML document has exactly one"},
      {"<a x='1' x='2'/>", 9, "attribute 'x' appears twice"},
      {"<a x=\"<\"/>", 6, "unexpected '<'; expected '\"'"},
      {"<a x=1/>", 5, "unexpected '1'; expected attribute value"},
      {"text<a/>", 0, "text outside the root element"},
      {"<a><!-- x </a>", 14, "unexpected end of file; expected \"-->\""},
      {"", 0, "no root element"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    Lowered l(c.text);
    CHECK_FALSE(l.ok);
    REQUIRE(l.problem);
    CHECK(l.problem->range.begin == c.offset);
    CHECK(l.problem->message == c.message);
  }
}

TEST_CASE("xml: nesting is bounded without recursion", "[xml]") {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  Lowered l(deep, 100);
  CHECK_FALSE(l.ok);
  REQUIRE(l.problem);
  CHECK(l.problem->kind == InputProblemKind::limit);
}

TEST_CASE("xml: attributes without an entity are lean nodes that read as kept ones would", "[xml]") {
  const std::string text = "<Connector port = '8443' scheme=\"https\" a=\"x &amp; y\" empty=\"\"/>\n";
  Lowered l(text);
  REQUIRE(l.ok);
  REQUIRE(l.nodes.size() == 1);
  const Node& c = l.nodes[0];
  CHECK(c.unit()->details.size() == 2);  // the element, and the attribute with an entity
  REQUIRE(c.children().size() == 4);
  const Node& port = c.children()[0];
  CHECK(port.kind == NodeKind::attribute);
  CHECK(port.name() == "port");
  CHECK(port.name_range().begin == text.find("port"));
  CHECK(port.name_range().end == text.find("port") + 4);
  REQUIRE(port.args().size() == 1);
  CHECK(port.args()[0].value == "8443");
  CHECK(port.args()[0].quote == Quote::single);
  CHECK(port.args()[0].range.begin == text.find("8443"));
  CHECK(port.args()[0].range.end == text.find("8443") + 4);
  CHECK(port.range.end == text.find("8443") + 5);
  CHECK(port.body_range().begin == port.range.end);
  CHECK(attr(c, "scheme") == "https");
  CHECK(c.children()[1].args()[0].quote == Quote::double_);
  CHECK(attr(c, "a") == "x & y");
  CHECK(attr(c, "empty").empty());
  CHECK(c.children()[3].args()[0].range.begin == c.children()[3].args()[0].range.end);
}
