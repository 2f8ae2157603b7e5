// The grammar of systemd unit files and drop-ins (systemd.syntax(7)):
// - lines end at \n (a \r before it is dropped); blank lines are skipped;
// - a line whose first non-blank character is `#` or `;` is a comment;
// - `[Name]` starts a section;
// - `Key=Value` is an assignment; blanks around `=` are ignored; a line
//   ending with a backslash continues on the next (the backslash and line end
//   read as a space, see join_lines).
// Every input is accepted; a line that is none of these is skipped, as
// systemd skips it.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "../common/entry_actions.hpp"
#include "ast.hpp"
#include "config.hpp"
#include "systemd.hpp"

namespace staplint::grammar::systemd::parser {
namespace x3 = boost::spirit::x3;

struct file_class {};
const file_type file = "unit file";

// --- lexical pieces
const auto eol = x3::lit("\r\n") | x3::lit('\n') | x3::lit('\r');
const auto blank = x3::char_(" \t");
const auto line_char = x3::char_ - x3::char_("\r\n");
const auto continuation = x3::lit('\\') >> eol;
const auto value_char = continuation | (x3::char_ - x3::char_("\r\n"));

// --- actions
const auto start_entry = common::start_entry<state_tag>;
const auto end_entry = common::end_entry<state_tag>;
const auto set_key = common::record_span<state_tag, &ast::entry::key>;
const auto set_value = common::record_span<state_tag, &ast::entry::value>;
const auto kind = [](ast::entry_kind k) { return [k](auto& ctx) { x3::get<state_tag>(ctx).out->back().kind = k; }; };
const auto drop_entry = [](auto& ctx) { x3::get<state_tag>(ctx).out->pop_back(); };

// --- a line
const auto comment = (x3::char_("#;") >> *line_char)[kind(ast::entry_kind::comment)];
const auto section =
    (x3::lit('[') >> x3::raw[*(line_char - ']')][set_key] >> ']' >> *line_char)[kind(ast::entry_kind::section)];
const auto key = x3::raw[+(x3::char_ - x3::char_("=\r\n \t"))][set_key];
// The value's trailing blanks belong to it as written; systemd trims them
// when it reads the value.
const auto assignment =
    (key >> *blank >> '=' >> *blank >> x3::raw[*value_char][set_value])[kind(ast::entry_kind::assignment)];
// A line systemd cannot read: its entry is dropped.
const auto entry_line = x3::eps[start_entry] >>
                        (((comment | section | assignment) >> x3::eps[end_entry]) | (*line_char)[drop_entry]);
const auto blank_line = *blank >> eol;
const auto file_def =
    *(x3::omit[blank_line] | (*blank >> !eol >> !x3::eoi >> entry_line >> (eol | x3::eoi))) >> *blank >> x3::eoi;

BOOST_SPIRIT_DEFINE(file)

}  // namespace staplint::grammar::systemd::parser
