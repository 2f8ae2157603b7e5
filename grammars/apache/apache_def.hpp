// The Apache httpd configuration grammar, following ap_cfg_getline() and
// ap_getword_conf() (server/util.c):
// - a backslash at the very end of a line joins the next line to it, before
//   anything else is decided, so a comment ending in `\` swallows the next line;
// - a line whose first non-blank character is `#` is a comment; a `#` later in
//   a line is an ordinary word (which is what SL9003 looks for);
// - a word is bare (up to whitespace) or quoted with " or '; inside quotes a
//   backslash escapes only the quote and itself; a missing closing quote ends
//   the word at the end of the line; `"a"b` is two words;
// - `<Name args>` opens a section, `</Name>` closes one; names are matched
//   case-insensitively when the lines are nested (lib/src/apache_lower.cpp).
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "../common/annotate_offsets.hpp"
#include "apache.hpp"
#include "ast.hpp"
#include "config.hpp"
#include "lexer.hpp"

namespace staplint::grammar::apache::parser {
namespace x3 = boost::spirit::x3;

struct word_class : common::annotate_offsets<state_tag> {};
struct words_class {};
struct line_class {};

const x3::rule<word_class, ast::word> word = "word";
const x3::rule<words_class> words = "words";
const x3::rule<line_class, ast::line> line = "line";
const file_type file = "configuration";

// --- lexical pieces
const auto eol = x3::lit("\r\n") | x3::lit('\n');
const auto continuation = x3::lit('\\') >> eol;
const auto hspace = x3::omit[x3::char_(" \t\r") | continuation];
// bare and rest_of_line: lexer.hpp.
const auto dq = x3::lit('"') >>
                *((x3::lit('\\') >> x3::char_("\"\\")) | continuation | (x3::char_ - x3::char_("\"\n"))) >>
                -x3::lit('"');
const auto sq = x3::lit('\'') >>
                *((x3::lit('\\') >> x3::char_("'\\")) | continuation | (x3::char_ - x3::char_("'\n"))) >>
                -x3::lit('\'');

// --- line bookkeeping through actions (the line rule's right-hand side has
// actions, so X3 does not call on_success for it)
const auto line_begin = [](auto& ctx) {
  const parse_state& state = x3::get<state_tag>(ctx);
  x3::_val(ctx).begin = state.offset(x3::_where(ctx).begin());
  x3::_val(ctx).first_word = static_cast<std::uint32_t>(state.words->size());
};
const auto line_end = [](auto& ctx) {
  const parse_state& state = x3::get<state_tag>(ctx);
  x3::_val(ctx).end = state.offset(x3::_where(ctx).begin());
  x3::_val(ctx).word_count = static_cast<std::uint32_t>(state.words->size()) - x3::_val(ctx).first_word;
};
template <ast::line_kind Kind>
const auto mark = [](auto& ctx) { x3::_val(ctx).kind = Kind; };
const auto push_word = [](auto& ctx) { x3::get<state_tag>(ctx).words->push_back(x3::_attr(ctx)); };

// --- rules
const auto word_def = x3::omit[dq | sq | bare];
// Words go to the file's one vector (parse_state::words); a line records
// where its own start and how many there are. A line that fails after its
// first word cannot happen (words end only at an end of line), and one that
// fails before leaves nothing behind.
const auto words_def = word[push_word] >> *(*hspace >> word[push_word]);
const auto comment_line = x3::lit('#')[mark<ast::line_kind::comment>] >> rest_of_line;
const auto close_line = (&x3::lit("</"))[mark<ast::line_kind::close>] >> words;
const auto open_line = (&x3::lit('<'))[mark<ast::line_kind::open>] >> words;
const auto directive_line = x3::eps[mark<ast::line_kind::directive>] >> words;
const auto line_def = *hspace >> x3::eps[line_begin] >>
                      (comment_line | close_line | open_line | directive_line) >> x3::eps[line_end] >> *hspace >>
                      (eol | x3::eoi);
const auto blank_line = *hspace >> eol;
const auto file_def = *(x3::omit[blank_line] | line) >> *hspace >> x3::eoi;

BOOST_SPIRIT_DEFINE(word, words, line, file)

}  // namespace staplint::grammar::apache::parser
