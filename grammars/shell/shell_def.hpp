// The shell grammar for environment files, following the POSIX shell's token
// recognition (XCU 2.3) as far as setenv.sh-style files need it:
// - blanks are space, tab and CR; a backslash-newline joins lines;
// - `#` starts a comment only where a word could start;
// - a word runs to a blank, a line end, or an operator (`;`, `;;`, `&`,
//   `&&`, `|`, `||`); quotes ('...', "...", $'...'), backquotes, `$(...)`,
//   `$((...))` and `${...}` may contain them and span lines; `>&` stays in the
//   word (`2>&1`);
// - a here-document (`<<EOF`, `<<-'EOF'`) is skipped up to its delimiter line;
// - an unterminated quote or expansion is a syntax error, as in sh -n.
// The rules carry no attributes: actions append to the flat list in
// parse_state (ast.hpp).
#pragma once

#include <boost/spirit/home/x3.hpp>

#include <vector>

#include "ast.hpp"
#include "config.hpp"
#include "shell.hpp"

namespace staplint::grammar::shell::parser {
namespace x3 = boost::spirit::x3;

/// One shell word, as the shell's tokenizer delimits it.
struct word_parser : x3::parser<word_parser> {
  using attribute_type = x3::unused_type;
  static constexpr bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const&, RContext&, Attribute&) const {
    Iterator i = first;
    if (i == last || *i == '#') return false;
    while (i != last) {
      const char c = *i;
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '|') break;
      if (c == '&' && !(i != first && (*(i - 1) == '>' || *(i - 1) == '<'))) break;
      if (c == '\\') {
        ++i;
        if (i != last) ++i;
      } else if (c == '\'') {
        i = close_quote(i, last, '\'', false);
      } else if (c == '"') {
        i = close_nested(i, last, 0);
      } else if (c == '`') {
        i = close_quote(i, last, '`', true);
      } else if (c == '$' && i + 1 != last && i[1] == '(') {
        i = close_nested(i + 1, last, '(');
      } else if (c == '$' && i + 1 != last && i[1] == '{') {
        i = close_nested(i + 1, last, '{');
      } else if (c == '$' && i + 1 != last && i[1] == '\'') {
        i = close_quote(i + 1, last, '\'', true);
      } else {
        ++i;
      }
    }
    if (i == first) return false;
    first = i;
    return true;
  }

 private:
  /// At an opening quote: past its closing one; backslashes escape if asked.
  template <typename Iterator>
  static Iterator close_quote(Iterator open, Iterator const& last, char q, bool escapes) {
    for (Iterator i = open + 1; i != last; ++i) {
      if (escapes && *i == '\\') {
        if (++i == last) break;
      } else if (*i == q) {
        return i + 1;
      }
    }
    throw unterminated{open, q == '`' ? "'`'" : q == '"' ? "'\"'" : "'''"};
  }
  /// At an opening `"` (`o` is 0) or at the `(` or `{` after a `$`: past
  /// what closes it, with the quotes and expansions inside it, nested as
  /// deep as they go. An explicit stack, not recursion: a file can nest
  /// `"$(echo "` a million times. Past kMaxWordNesting levels it stops.
  template <typename Iterator>
  static Iterator close_nested(Iterator open, Iterator const& last, char o) {
    struct frame {
      Iterator open;
      char o, c;  ///< 0 for a double quote
      int depth;
    };
    auto closer = [](char ch) { return ch == '(' ? ')' : '}'; };
    std::vector<frame> stack{{open, o, o ? closer(o) : '\0', 0}};
    Iterator i = o ? open : open + 1;
    while (!stack.empty()) {
      frame& f = stack.back();
      if (i == last) {
        if (f.o == 0) throw unterminated{f.open, "'\"'"};
        throw unterminated{f.open - 1, f.o == '(' ? "'$('" : "'${'"};
      }
      const char ch = *i;
      if (ch == '\\') {
        i += (i + 1 != last) ? 2 : 1;
        continue;
      }
      if (f.o == 0) {  // inside "..."
        if (ch == '"') {
          stack.pop_back();
          ++i;
        } else if (ch == '`') {
          i = close_quote(i, last, '`', true);
        } else if (ch == '$' && i + 1 != last && (i[1] == '(' || i[1] == '{')) {
          stack.push_back({i + 1, i[1], closer(i[1]), 0});
          ++i;
        } else {
          ++i;
        }
      } else if (ch == '\'') {
        i = close_quote(i, last, '\'', false);
      } else if (ch == '"') {
        stack.push_back({i, 0, '\0', 0});
        ++i;
      } else {
        if (ch == f.o) ++f.depth;
        ++i;
        if (ch == f.c && --f.depth == 0) stack.pop_back();
      }
      if (stack.size() > kMaxWordNesting) throw too_deep{i};
    }
    return i;
  }
};

/// After a line end: the body of a here-document announced on that line.
struct heredoc_body_parser : x3::parser<heredoc_body_parser> {
  using attribute_type = x3::unused_type;
  static constexpr bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const& ctx, RContext&, Attribute&) const {
    parse_state& st = x3::get<state_tag>(ctx);
    if (!st.heredoc_pending) return true;
    st.heredoc_pending = false;
    while (first != last) {
      Iterator eol = first;
      while (eol != last && *eol != '\n') ++eol;
      Iterator b = first;
      if (st.heredoc_strip_tabs) {
        while (b != eol && *b == '\t') ++b;
      }
      Iterator e = eol;
      if (e != b && *(e - 1) == '\r') --e;
      const bool done = std::string_view(b, static_cast<std::size_t>(e - b)) == st.heredoc_delimiter;
      first = eol == last ? eol : eol + 1;
      if (done) break;
    }
    return true;
  }
};

const word_parser any_word{};
const heredoc_body_parser heredoc_body{};

// --- actions
const auto take_word = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  const auto& w = x3::_attr(ctx);
  const std::uint32_t b = st.offset(&*w.begin());
  const std::uint32_t e = b + static_cast<std::uint32_t>(w.size());
  if (st.out->empty() || st.out->back().kind != ast::entry_kind::command || st.out->back().end != 0) {
    ast::entry cmd;
    cmd.kind = ast::entry_kind::command;
    cmd.begin = b;
    st.out->push_back(cmd);
  }
  st.out->back().words.push_back({{b, e}});
  // Here-documents: `<<WORD`, `<<-WORD`, or `<<` followed by the word.
  const std::string_view text(&*w.begin(), w.size());
  std::string_view delim;
  if (st.heredoc_needs_word) {
    st.heredoc_needs_word = false;
    delim = text;
  } else if (text.size() >= 2 && text.substr(0, 2) == "<<" && text.substr(0, 3) != "<<<") {
    std::string_view rest = text.substr(2);
    st.heredoc_strip_tabs = !rest.empty() && rest.front() == '-';
    if (st.heredoc_strip_tabs) rest.remove_prefix(1);
    if (rest.empty()) {
      st.heredoc_needs_word = true;
      return;
    }
    delim = rest;
  } else {
    return;
  }
  std::string d;
  for (const char ch : delim) {
    if (ch != '\'' && ch != '"' && ch != '\\') d += ch;
  }
  st.heredoc_delimiter = d;
  st.heredoc_pending = true;
};
template <ast::separator Kind>
const auto end_command = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  if (st.out->empty()) return;
  ast::entry& last = st.out->back();
  if (last.kind != ast::entry_kind::command || last.end != 0) return;
  last.end = last.words.back().end;
  last.ends = Kind;
};
const auto take_comment = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  // A comment ends the command before it on the line.
  if (!st.out->empty() && st.out->back().kind == ast::entry_kind::command && st.out->back().end == 0) {
    st.out->back().end = st.out->back().words.back().end;
  }
  const auto& c = x3::_attr(ctx);
  ast::entry e;
  e.kind = ast::entry_kind::comment;
  e.begin = st.offset(&*c.begin());
  e.end = e.begin + static_cast<std::uint32_t>(c.size());
  st.out->push_back(e);
};

// --- the file
struct file_class {};
const file_type file = "shell";

const auto blank = x3::char_(" \t\r") | (x3::lit('\\') >> x3::lit('\n'));
const auto comment = x3::raw[x3::lit('#') >> *(x3::char_ - '\n')][take_comment];
const auto word = x3::raw[any_word][take_word];
const auto separator =
    x3::lit(";;")[end_command<ast::separator::double_semicolon>] |
    x3::lit(';')[end_command<ast::separator::semicolon>] | x3::lit("&&")[end_command<ast::separator::and_>] |
    x3::lit('&')[end_command<ast::separator::background>] | x3::lit("||")[end_command<ast::separator::or_>] |
    x3::lit('|')[end_command<ast::separator::pipe>];
const auto newline = x3::lit('\n')[end_command<ast::separator::end_of_line>] >> heredoc_body;
const auto file_def = *(x3::omit[blank] | comment | word | separator | newline) >> x3::eoi;

BOOST_SPIRIT_DEFINE(file)

}  // namespace staplint::grammar::shell::parser
