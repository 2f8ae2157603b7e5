// The Java properties and shell grammars, against java.util.Properties.load
// and the POSIX shell's tokenizer (checked by hand with OpenJDK 17 and dash).
#include <catch2/catch.hpp>

#include "lowered_file.hpp"
#include "properties_parser.hpp"
#include "shell_parser.hpp"
#include "staplint/jvm_model.hpp"
#include "staplint/jvm_parse.hpp"

using namespace staplint;

namespace {
struct Lowered : test::LoweredFile {
  Lowered(const std::string& path, const std::string& text) : LoweredFile(path, text, parse_jvm_text) {}
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
  CHECK(l.properties() == Props{{"a", "1"},
                                {"b", "2"},
                                {"c", "3"},
                                {"d", "e=4"},
                                {"f", "=5"},
                                {"g", ""},
                                {"h", "value with trailing space "},
                                {"", "empty-key"}});
  CHECK(l.nodes[0].kind == NodeKind::comment);
  CHECK(l.nodes[1].kind == NodeKind::comment);
}

TEST_CASE("properties: continuations, escapes and line ends", "[jvm-grammar]") {
  Lowered l("x.properties",
            "key\\ with\\:colon = one \\\n    two\\\r\n\tthree\r\nuni=\\u0041\\u00e9\\t!\r"
            "# a comment does not continue \\\nlast=\\=x\\y");
  REQUIRE(l.ok);
  CHECK(l.properties() == Props{{"key with:colon", "one twothree"}, {"uni", "A\xc3\xa9\t!"}, {"last", "=xy"}});
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
  CHECK(jvm_format("bin/setenv.bat") == JvmFormat::batch);
  CHECK(jvm_format("/lib/systemd/system/tomcat10.service") == JvmFormat::systemd);
  CHECK(jvm_format("/etc/systemd/system/tomcat10.service.d/override.conf") == JvmFormat::systemd);
  CHECK(jvm_format("/etc/tomcat/tomcat.conf") == JvmFormat::shell);
}

namespace {
/// The JVM options a lone file gives, as name=value, in order.
std::vector<std::string> options_of(const std::string& path, const std::string& text) {
  SourceManager sm;
  ConfigTree tree;
  tree.dialect = Dialect::jvm;
  tree.entry = sm.add(path, path, text);
  const ParseResult parsed = parse_jvm_text(tree.entry, sm);
  REQUIRE(parsed.ok());
  tree.nodes = *parsed;
  std::vector<std::string> out;
  for (const JvmOption& o : build_jvm_model(tree, sm).options) {
    out.push_back(o.variable + ":" + o.name + "=" + o.value + (o.certain ? "" : " (maybe)"));
  }
  return out;
}
using Strings = std::vector<std::string>;
}  // namespace

TEST_CASE("batch: set in both quoting styles, comments, blocks and conditions", "[jvm-grammar]") {
  Lowered l("setenv.bat",
            "@echo off\r\nrem a comment\r\n:: another\r\n:label\r\n"
            "set \"A=one two\" trailing words\r\nset B=x y  \r\nset /a C=1+1\r\n"
            "if defined A set \"D=d\"\r\nif exist x (\r\n  set E=e\r\n) else (\r\n  set F=f\r\n)\r\n");
  REQUIRE(l.ok);
  // Top level: echo, the two sets, set /a (a command), the if line, the two blocks.
  Cmds top;
  for (const Node& n : l.nodes) {
    if (n.kind == NodeKind::comment) continue;
    std::vector<std::string> words{std::string(n.name())};
    for (const Arg& a : n.args()) words.emplace_back(a.value);
    top.push_back(words);
  }
  CHECK(top == Cmds{{"echo"}, {"set", "A", "one two"}, {"set", "B", "x y  "}, {"set"}, {"if"}, {"if"}, {"else"}});
  CHECK(l.nodes[0].kind == NodeKind::directive);
  CHECK(l.nodes[1].kind == NodeKind::comment);
  CHECK(l.nodes[3].kind == NodeKind::comment);  // a label
}

TEST_CASE("batch: %VAR% expands, case-blind; blocks and conditions are maybe", "[jvm-grammar]") {
  CHECK(options_of("setenv.bat",
                   "set \"catalina_opts=-Da=1\"\r\n"
                   "set \"CATALINA_OPTS=%Catalina_Opts% -Db=%%x%% -Dc=%~dp0\"\r\n"
                   "if defined X (\r\n  set \"JAVA_OPTS=-Dd=2\"\r\n)\r\n") ==
        Strings{"CATALINA_OPTS:a=1", "CATALINA_OPTS:b=%x%", "JAVA_OPTS:d=2 (maybe)"});
}

TEST_CASE("systemd: sections, continuations, comments; unreadable lines dropped", "[jvm-grammar]") {
  Lowered l("tomcat10.service",
            "# c\n[Unit]\nDescription=Tomcat\n; also a comment\n[Service]\n"
            "Environment=\"A=1\" \\\n  B=2\nnot an assignment\nUser = tomcat\n");
  REQUIRE(l.ok);
  REQUIRE(l.nodes.size() == 3);
  CHECK(l.nodes[1].name() == "Unit");
  const Node& service = l.nodes[2];
  CHECK(service.name() == "Service");
  Cmds entries;
  for (const Node& n : service.children()) {
    if (n.kind == NodeKind::directive) entries.push_back({std::string(n.name()), std::string(n.args()[0].value)});
  }
  CHECK(entries == Cmds{{"Environment", "\"A=1\"    B=2"}, {"User", "tomcat"}});
}

TEST_CASE("systemd: Environment= quoting, specifiers and resets", "[jvm-grammar]") {
  CHECK(options_of("/etc/systemd/system/tomcat10.service.d/x.conf",
                   "[Service]\nEnvironment=\"JAVA_OPTS=-Da=1 -Db=two\" 'CATALINA_OPTS=-Dc=%%3'\n"
                   "Environment=JDK_JAVA_OPTIONS=-Dd=%i\n"
                   "Environment=bad.name=-De=5\n") ==
        Strings{"CATALINA_OPTS:c=%3", "JAVA_OPTS:a=1", "JAVA_OPTS:b=two"});
  // An empty Environment= clears what earlier lines set.
  CHECK(options_of("/etc/systemd/system/tomcat10.service.d/x.conf",
                   "[Service]\nEnvironment=JAVA_OPTS=-Da=1\nEnvironment=\n"
                   "Environment=CATALINA_OPTS=-Db=2\n") == Strings{"CATALINA_OPTS:b=2"});
}
