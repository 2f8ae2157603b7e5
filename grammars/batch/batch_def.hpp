// The grammar of Windows batch environment files (setenv.bat), the subset
// Tomcat's scripts use, following cmd.exe:
// - lines end at \r\n or \n; leading blanks (space, tab) and an `@` that
//   silences echo are skipped;
// - `rem` (any case) or `::` start a comment line; `:name` is a label;
// - `set NAME=value` sets NAME to the rest of the line, trailing blanks
//   included; `set "NAME=value"` to what lies between `=` and the line's last
//   quote (settled in parse.cpp); `set /a` and `set /p` are other commands;
// - `if ...` or `for ...` may precede a `set` on the same line: the set is
//   conditional;
// - a line that starts with `)` closes a parenthesized block, and one that
//   ends with `(` opens one (settled in parse.cpp); the lowering nests them.
// `%VAR%` expansion is left to the JVM model. Every input is accepted.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "../common/entry_actions.hpp"
#include "ast.hpp"
#include "batch.hpp"
#include "config.hpp"

namespace staplint::grammar::batch::parser {
namespace x3 = boost::spirit::x3;

struct file_class {};
const file_type file = "batch file";

// --- lexical pieces
const auto eol = x3::lit("\r\n") | x3::lit('\n') | x3::lit('\r');
const auto blank = x3::char_(" \t");
const auto line_char = x3::char_ - x3::char_("\r\n");
const auto rest = *line_char;

// --- actions
const auto start_entry = common::start_entry<state_tag>;
const auto end_entry = common::end_entry<state_tag>;
const auto set_name = common::record_span<state_tag, &ast::entry::name>;
const auto set_value = common::record_span<state_tag, &ast::entry::value>;
const auto set_keyword_at = common::record_span<state_tag, &ast::entry::keyword>;
const auto set_condition_at = common::record_span<state_tag, &ast::entry::condition>;
const auto closes = common::on_entry<state_tag>([](ast::entry& e) { e.closes = true; });
const auto kind_comment = common::on_entry<state_tag>([](ast::entry& e) { e.kind = ast::entry_kind::comment; });
const auto kind_label = common::on_entry<state_tag>([](ast::entry& e) { e.kind = ast::entry_kind::label; });
const auto kind_set = common::on_entry<state_tag>([](ast::entry& e) {
  e.kind = ast::entry_kind::set;
  e.quoted = false;
});
const auto kind_quoted_set = common::on_entry<state_tag>([](ast::entry& e) {
  e.kind = ast::entry_kind::set;
  e.quoted = true;
});
const auto kind_conditional = common::on_entry<state_tag>([](ast::entry& e) { e.conditional = true; });
const auto kind_command = common::on_entry<state_tag>([](ast::entry& e) { e.kind = ast::entry_kind::command; });

// --- a line
const auto comment =
    ((-x3::lit('@') >> x3::no_case["rem"] >> &(blank | x3::char_("\r\n") | x3::eoi)) | x3::lit("::")) >> rest;
const auto label = x3::lit(':') >> rest;
const auto var_name = x3::raw[+(x3::char_ - x3::char_("=\"\r\n"))][set_name];
const auto value = x3::raw[rest][set_value];
const auto set_keyword = x3::raw[x3::no_case["set"]][set_keyword_at] >> +blank >> !x3::lit('/');
const auto quoted_set = (set_keyword >> x3::lit('"') >> var_name >> '=' >> value)[kind_quoted_set];
const auto plain_set = (set_keyword >> var_name >> '=' >> value)[kind_set];
const auto set_command = quoted_set | plain_set;
const auto set_ahead = blank >> x3::no_case["set"] >> blank;
const auto condition = x3::raw[x3::no_case["if"] | x3::no_case["for"]][set_condition_at] >> &blank >>
                       *(!set_ahead >> line_char) >> +blank;
const auto conditional_set = (condition >> set_command)[kind_conditional];
const auto first_word = x3::raw[+(x3::char_ - x3::char_(" \t\r\n"))][set_name];
const auto command = (first_word >> rest)[kind_command];
const auto statement = -x3::lit('@') >> (set_command | conditional_set | command);
const auto line_body = -(x3::lit(')')[closes] >> *blank) >>
                       (comment[kind_comment] | label[kind_label] | statement | x3::eps[kind_command]);
const auto entry_line = x3::eps[start_entry] >> line_body >> x3::eps[end_entry];
const auto blank_line = *blank >> eol;
const auto file_def =
    *(x3::omit[blank_line] | (*blank >> !eol >> !x3::eoi >> entry_line >> (eol | x3::eoi))) >> *blank >> x3::eoi;

BOOST_SPIRIT_DEFINE(file)

}  // namespace staplint::grammar::batch::parser
