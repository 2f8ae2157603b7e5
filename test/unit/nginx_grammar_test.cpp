// The nginx grammar against nginx's own tokenizer rules (ngx_conf_read_token).
#include <catch2/catch.hpp>

#include "nginx_parser.hpp"

using namespace staplint::grammar::nginx;

namespace {
/// The flat pre-order tree as nested statements, to state expectations plainly.
struct nested : ast::span {
  std::vector<ast::token> words;
  struct {
    ast::body_kind kind;
    std::uint32_t begin, end;
    std::vector<nested> children;
  } tail;
};

std::vector<nested> unflatten(const ast::tree& t, std::uint32_t first, std::uint32_t stop) {
  std::vector<nested> out;
  for (std::uint32_t i = first; i < stop; i = t.statements[i].next) {
    const ast::statement& s = t.statements[i];
    REQUIRE(s.next > i);
    REQUIRE(s.next <= stop);
    nested n;
    n.begin = s.begin;
    n.end = s.end;
    n.words.assign(t.words.begin() + s.first_word, t.words.begin() + s.first_word + s.word_count);
    n.tail.kind = s.kind;
    n.tail.begin = s.body.begin;
    n.tail.end = s.body.end;
    n.tail.children = unflatten(t, i + 1, s.next);
    if (s.kind != ast::body_kind::block) REQUIRE(s.next == i + 1);
    out.push_back(std::move(n));
  }
  return out;
}

struct parsed {
  std::vector<nested> statements;
  std::optional<syntax_error> error;
};

parsed parse_nested(const std::string& text, const parse_options& options = {}) {
  parse_output o = staplint::grammar::nginx::parse(text, options);
  parsed p{unflatten(o.tree, 0, static_cast<std::uint32_t>(o.tree.statements.size())), o.error};
  if (o.error) CHECK(o.tree.statements.empty());
  return p;
}

std::vector<std::string> words(const std::string& text, const nested& s) {
  std::vector<std::string> out;
  for (const auto& w : s.words) out.push_back(text.substr(w.begin, w.end - w.begin));
  return out;
}
}  // namespace

TEST_CASE("directives, blocks and comments keep their byte ranges", "[grammar]") {
  const std::string t = "user www;\nhttp { # c\n  server { listen 443 ssl; }\n}\n";
  const auto r = parse_nested(t);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.statements.size() == 2);
  CHECK(words(t, r.statements[0]) == std::vector<std::string>{"user", "www"});
  CHECK(r.statements[0].tail.kind == ast::body_kind::semicolon);
  const auto& http = r.statements[1];
  CHECK(http.tail.kind == ast::body_kind::block);
  CHECK(http.tail.begin == t.find('{'));
  CHECK(http.tail.end == t.rfind('}') + 1);
  REQUIRE(http.tail.children.size() == 2);
  CHECK(http.tail.children[0].words.empty());  // the comment is kept
  CHECK(t.substr(http.tail.children[0].begin, 3) == "# c");
  const auto& listen = http.tail.children[1].tail.children.at(0);
  CHECK(words(t, listen) == std::vector<std::string>{"listen", "443", "ssl"});
  CHECK(listen.begin == t.find("listen"));
  CHECK(listen.end == t.find("ssl;") + 4);
}

TEST_CASE("quotes, escapes and variables follow nginx", "[grammar]") {
  const std::string t = R"(a "b c" 'd\'e' ${x}y "q\"q" f#g {} )";
  const auto r = parse_nested(t);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.statements.size() == 1);
  CHECK(words(t, r.statements[0]) ==
        std::vector<std::string>{"a", "\"b c\"", R"('d\'e')", "${x}y", R"("q\"q")", "f#g"});
}

TEST_CASE("a quoted word may be followed by ')' as in if conditions", "[grammar]") {
  const std::string t = R"(if ($a ~ "^(x){2}") { return 404; })";
  const auto r = parse_nested(t);
  REQUIRE_FALSE(r.error);
  CHECK(words(t, r.statements[0]) == std::vector<std::string>{"if", "($a", "~", "\"^(x){2}\"", ")"});
}

TEST_CASE("an unquoted '{' in a regex starts a block, as in nginx", "[grammar]") {
  const auto r = parse_nested("location ~ ^/a{3} { }");
  REQUIRE(r.error);  // nginx: unexpected end of file, expecting "}"
  CHECK(r.error->message == "expected '}' at end of file");
}

TEST_CASE("syntax errors are reported at the exact offset", "[grammar]") {
  struct Case {
    std::string text;
    std::uint32_t offset;
    std::string message;
  };
  const Case cases[] = {
      {"server { listen 80 }", 18, "expected ';' after directive 'listen'"},
      {"a \"b", 2, "missing terminating '\"' character"},
      {"a 'b", 2, "missing terminating ''' character"},
      {"a { b;", 6, "expected '}' at end of file"},
      {"}", 0, "extraneous closing brace ('}')"},
      {"a \"x\"y;", 5, "unexpected 'y' after quoted argument; expected whitespace, ';' or '{'"},
      {";", 0, "unexpected ';'; expected a directive"},
      {"a {;}", 3, "unexpected ';'; expected a directive or '}'"},
      {"a b", 3, "expected ';' after directive 'a' at end of file"},
      {"content_by_lua_block { x", 21, "unterminated Lua block of 'content_by_lua_block'"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const auto r = parse_nested(c.text);
    REQUIRE(r.error);
    CHECK(r.error->offset == c.offset);
    CHECK(r.error->message == c.message);
  }
}

TEST_CASE("a missing ';' comes with an insertion fix after the last word", "[grammar]") {
  const auto r = parse_nested("server {\n  listen 80\n}\n");
  REQUIRE(r.error);
  REQUIRE(r.error->fix_offset);
  CHECK(*r.error->fix_offset == 20);
  CHECK(r.error->fix_text == ";");
}

TEST_CASE("an unclosed block notes where it opened", "[grammar]") {
  const auto r = parse_nested("http {\n server {\n");
  REQUIRE(r.error);
  REQUIRE(r.error->note_offset);
  CHECK(*r.error->note_offset == 15);
  CHECK(r.error->note == "to match this '{'");
}

TEST_CASE("Lua blocks are raw text; braces in strings and comments do not count", "[grammar]") {
  const std::string t = "content_by_lua_block { local s = \"}\" -- }\n local l = [==[ } ]==] --[[ } ]]\n }\nx y;";
  const auto r = parse_nested(t);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.statements.size() == 2);
  CHECK(r.statements[0].tail.kind == ast::body_kind::raw);
  CHECK(words(t, r.statements[1]) == std::vector<std::string>{"x", "y"});
}

TEST_CASE("nesting depth is bounded without recursion blowing the stack", "[grammar]") {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "a{";
  parse_options opts;
  opts.max_depth = 100;
  const auto r = parse_nested(deep, opts);
  REQUIRE(r.error);
  CHECK(r.error->kind == error_kind::depth_exceeded);
  CHECK(r.error->offset == 201);  // the 101st '{'
}

TEST_CASE("bare braces nested 100,000 deep are a limit, not a crash", "[grammar]") {
  const auto r = parse_nested(std::string(100000, '{'));
  REQUIRE(r.error);
  CHECK(r.error->kind == error_kind::depth_exceeded);
  CHECK(r.error->offset == 100);
}

TEST_CASE("braces in quotes, comments, escapes and ${} do not count as nesting", "[grammar]") {
  std::string many;
  for (int i = 0; i < 150; ++i) many += "a \"{\" '{' # {\n b\\{ ${x} c;\n";
  parse_options opts;
  opts.max_depth = 3;
  const auto r = parse_nested("x { y { z { " + many + " } } }", opts);
  CHECK_FALSE(r.error);
}

TEST_CASE("words longer than nginx's 4096-byte buffer are errors, as in nginx", "[grammar]") {
  auto check = [](std::size_t n, bool quoted) {
    const std::string w(n, 'a');
    return parse_nested("x " + (quoted ? "\"" + w + "\"" : w) + ";").error.has_value();
  };
  CHECK_FALSE(check(4095, false));
  CHECK(check(4096, false));
  CHECK_FALSE(check(4094, true));
  CHECK(check(4095, true));
  const auto r = parse_nested("x " + std::string(5000, 'b') + ";");
  REQUIRE(r.error);
  CHECK(r.error->offset == 2);
  CHECK(r.error->message == "word of 5000 bytes is too long for nginx (at most 4095)");
}

TEST_CASE("CRLF, tabs, no final newline and empty input are fine", "[grammar]") {
  CHECK_FALSE(parse_nested("a b;\r\nc {\r\n\td;\r\n}").error);
  CHECK_FALSE(parse_nested("").error);
  CHECK_FALSE(parse_nested("   \n\t# only a comment").error);
}

TEST_CASE("whitespace is exactly space, tab, CR and LF", "[grammar]") {
  const std::string t = "a\fb;";  // a form feed is part of the word in nginx
  const auto r = parse_nested(t);
  REQUIRE_FALSE(r.error);
  CHECK(words(t, r.statements[0]) == std::vector<std::string>{"a\fb"});
}

TEST_CASE("a failed alternative leaves nothing behind in the flat tree", "[grammar]") {
  // The Lua alternative reads both words, then fails at ';'; the plain
  // directive must start from a clean list (transaction[] in the grammar).
  const std::string t = "content_by_lua_block x;\nb { c; }\n";
  const auto o = parse(t);
  REQUIRE_FALSE(o.error);
  REQUIRE(o.tree.statements.size() == 3);
  CHECK(o.tree.words.size() == 4);
  CHECK(o.tree.statements[0].kind == ast::body_kind::semicolon);
  CHECK(o.tree.statements[0].word_count == 2);
  CHECK(o.tree.statements[0].next == 1);
  CHECK(o.tree.statements[1].next == 3);
  CHECK(o.tree.statements[2].first_word == 3);
}
