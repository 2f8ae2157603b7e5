// The Java properties grammar, following java.util.Properties.load(Reader)
// (LineReader and load0):
// - lines end at \n, \r or \r\n; a line whose content ends with an odd number
//   of backslashes continues on the next line, whose leading whitespace is
//   skipped;
// - whitespace is space, tab and form feed; blank lines are skipped;
// - a line whose first non-blank character is '#' or '!' is a comment (a
//   comment never continues);
// - the key runs to the first unescaped '=', ':' or whitespace; then
//   whitespace, at most one '=' or ':', and whitespace again separate it from
//   the value, which is the rest of the logical line;
// - escapes (\uXXXX, \t, \n, \r, \f, \x for any other x) are resolved when
//   lowering, so the grammar accepts every input, as the JDK does.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "ast.hpp"
#include "config.hpp"
#include "properties.hpp"

namespace staplint::grammar::properties::parser {
namespace x3 = boost::spirit::x3;

struct file_class {};
const file_type file = "properties";

// --- lexical pieces
const auto eol = x3::lit("\r\n") | x3::lit('\n') | x3::lit('\r');
const auto blank = x3::char_(" \t\f");
/// A backslash and the line end it escapes, then the next line's indentation.
const auto continuation = x3::lit('\\') >> eol >> *blank;
const auto escaped = x3::lit('\\') >> (x3::char_ - x3::char_("\r\n"));
const auto key_char = continuation | escaped | (x3::char_ - x3::char_(" \t\f=:\r\n\\"));
/// A backslash at the very end of the input is dropped by the JDK.
const auto value_char = continuation | escaped | (x3::char_ - x3::char_("\r\n\\")) | (x3::lit('\\') >> x3::eoi);

// --- actions: record each entry's pieces as byte offsets
const auto start_entry = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  ast::entry e;
  e.begin = st.offset(x3::_where(ctx).begin());
  st.out->push_back(e);
};
const auto set_kind_comment = [](auto& ctx) { x3::get<state_tag>(ctx).out->back().kind = ast::entry_kind::comment; };
const auto key_begin = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  st.out->back().key.begin = st.offset(x3::_where(ctx).begin());
};
const auto key_end = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  st.out->back().key.end = st.offset(x3::_where(ctx).begin());
};
const auto value_begin = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  st.out->back().value.begin = st.offset(x3::_where(ctx).begin());
};
const auto value_end = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  st.out->back().value.end = st.offset(x3::_where(ctx).begin());
  st.out->back().end = st.out->back().value.end;
};
const auto comment_end = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  st.out->back().end = st.offset(x3::_where(ctx).begin());
};

// --- the file
const auto comment_line = x3::char_("#!")[set_kind_comment] >> *(x3::char_ - x3::char_("\r\n")) >> x3::eps[comment_end];
const auto separator = *(blank | continuation) >> -(x3::lit('=') | ':') >> *(blank | continuation);
const auto property_line = x3::eps[key_begin] >> *key_char >> x3::eps[key_end] >> separator >> x3::eps[value_begin] >>
                           *value_char >> x3::eps[value_end];
const auto entry_line = x3::eps[start_entry] >> (comment_line | property_line);
const auto blank_line = *blank >> eol;
const auto file_def =
    *(x3::omit[blank_line] | (*blank >> !eol >> !x3::eoi >> entry_line >> (eol | x3::eoi))) >> *blank >> x3::eoi;

BOOST_SPIRIT_DEFINE(file)

}  // namespace staplint::grammar::properties::parser
