// The Java properties and shell grammars, against java.util.Properties.load
// and the POSIX shell's tokenizer (checked by hand with OpenJDK 17 and dash).
#include <catch2/catch.hpp>

#include "properties_parser.hpp"
#include "shell_parser.hpp"
#include "staplint/jvm_parse.hpp"

using namespace staplint;

namespace {
struct Lowered {
  SourceManager sm;
  FileId file;
  std::span<Node> nodes;
  std::optional<InputProblem> problem;
  bool ok;
  Lowered(const std::string& path, const std::string& text) {
    file = sm.add(path, path, text);
    ok = parse_jvm_text(file, sm, nodes, problem);
  }
  std::vector<std::pair<std::string, std::string>> properties() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Node& n : nodes) {
      if (n.kind == NodeKind::directive) out.emplace_back(n.name(), n.args()[0].value);
    }
    return out;
  }
  std::vector<std::vector<std::string>> commands() const {
    std::vector<std::vector<std::string>> out;
    for (const Node& n : nodes) {
      if (n.kind != NodeKind::directive) continue;
      std::vector<std::string> words{std::string(n.name())};
      for (const Arg& a : n.args()) words.emplace_back(a.value);
      out.push_back(words);
    }
    return out;
  }
};
using Props = std::vector<std::pair<std::string, std::string>>;
using Cmds = std::vector<std::vector<std::string>>;
}  // namespace

TEST_CASE("properties: separators, comments and blank lines as Properties.load", "[jvm-grammar]") {
  Lowered l("java.security",
            "# comment\n! bang comment\n\na=1\nb : 2\nc 3\nd\te=4\n  f==5\ng\n"
            "h = value with trailing space \n:empty-key\n");
  REQUIRE(l.ok);
  CHECK(l.properties() == Props{{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "e=4"}, {"f", "=5"},
                                {"g", ""}, {"h", "value with trailing space "}, {"", "empty-key"}});
  CHECK(l.nodes[0].kind == NodeKind::comment);
  CHECK(l.nodes[1].kind == NodeKind::comment);
}

TEST_CASE("properties: continuations, escapes and line ends", "[jvm-grammar]") {
  Lowered l("x.properties",
            "key\\ with\\:colon = one \\\n    two\\\r\n\tthree\r\nuni=\\u0041\\u00e9\\t!\r"
            "# a comment does not continue \\\nlast=\\=x\\y");
  REQUIRE(l.ok);
  CHECK(l.properties() == Props{{"key with:colon", "one twothree"},
                                {"uni", "A\xc3\xa9\t!"},
                                {"last", "=xy"}});
  // Ranges point at the text as written.
  const Node& first = l.nodes[0];
  CHECK(l.sm.file(l.file).text().substr(first.name_range().begin, 16) == "key\\ with\\:colon");
}

TEST_CASE("properties: a malformed \\u escape is refused, as by the JDK", "[jvm-grammar]") {
  Lowered l("java.security", "ok=1\nbad=\\u12g4\n");
  CHECK_FALSE(l.ok);
  REQUIRE(l.problem);
  CHECK(l.problem->message.find("malformed") != std::string::npos);
  CHECK(l.problem->range.begin == 9);
}

TEST_CASE("shell: commands, words and separators", "[jvm-grammar]") {
  Lowered l("setenv.sh",
            "#!/bin/sh\nexport CATALINA_OPTS=\"$CATALINA_OPTS -Dx=y\" # comment\n"
            "A='1 2'; B=\"a\\\"b\" && echo $A | cat\n"
            "C=$(printf '%s)' x)x D=${E:-\"}\"} F=`echo \\`x\\``\n"
            "if [ -r x ]; then\n  . x\nfi\n"
            "long \\\n  line\n"
            "jdk.tls.ocsp.enable=true\n"
            "cmd >/dev/null 2>&1 &\n");
  REQUIRE(l.ok);
  CHECK(l.commands() == Cmds{{"export", "CATALINA_OPTS=\"$CATALINA_OPTS -Dx=y\""},
                             {"A='1 2'"},
                             {"B=\"a\\\"b\""},
                             {"echo", "$A"},
                             {"cat"},
                             {"C=$(printf '%s)' x)x", "D=${E:-\"}\"}", "F=`echo \\`x\\``"},
                             {"if", "[", "-r", "x", "]"},
                             {"then"},
                             {".", "x"},
                             {"fi"},
                             {"long", "line"},
                             {"jdk.tls.ocsp.enable=true"},
                             {"cmd", ">/dev/null", "2>&1"}});
  std::size_t comments = 0;
  for (const Node& n : l.nodes) comments += n.kind == NodeKind::comment;
  CHECK(comments == 2);
}

TEST_CASE("shell: a here-document is skipped, not read as commands", "[jvm-grammar]") {
  Lowered l("catalina.sh",
            "cat <<EOF > x\njdk.tls.ocsp.enable=true\n'unbalanced\nEOF\nA=1\n"
            "cat <<-'END'\n\tb.c=d\n\tEND\nB=2\n");
  REQUIRE(l.ok);
  CHECK(l.commands() == Cmds{{"cat", "<<EOF", ">", "x"}, {"A=1"}, {"cat", "<<-'END'"}, {"B=2"}});
}

TEST_CASE("shell: an unterminated quote is a syntax error at the quote", "[jvm-grammar]") {
  for (const auto& [text, at] : std::vector<std::pair<std::string, std::uint32_t>>{
           {"A='x\n", 2}, {"A=\"x\n", 2}, {"A=$(x\n", 2}, {"A=${x\n", 2}, {"A=`x", 2}}) {
    INFO(text);
    Lowered l("setenv.sh", text);
    CHECK_FALSE(l.ok);
    REQUIRE(l.problem);
    CHECK(l.problem->range.begin == at);
  }
}

TEST_CASE("jvm files: the format follows the name", "[jvm-grammar]") {
  CHECK(jvm_format("/etc/tomcat10/catalina.properties") == JvmFormat::properties);
  CHECK(jvm_format("conf/java.security") == JvmFormat::properties);
  CHECK(jvm_format("custom.security") == JvmFormat::properties);
  CHECK(jvm_format("bin/setenv.sh") == JvmFormat::shell);
  CHECK(jvm_format("/etc/default/tomcat10") == JvmFormat::shell);
}
