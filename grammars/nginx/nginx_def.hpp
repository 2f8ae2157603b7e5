// The nginx configuration grammar, following ngx_conf_read_token()
// (src/core/ngx_conf_file.c):
// - whitespace is exactly space, tab, CR and LF;
// - `#` starts a comment only where a word could start;
// - a bare word ends at whitespace, `;` or `{`, but `{` right after `$` is part
//   of the word (`${var}`), and `}` or `#` inside a word are ordinary bytes;
// - `\` escapes the next byte in bare and quoted words;
// - a quoted word must be followed by whitespace, `;`, `{` or `)`;
// - a `}` or `;` where a directive should start is an error.
// OpenResty's `*_by_lua_block { ... }` bodies are taken as raw text.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "../common/annotate_offsets.hpp"
#include "ast.hpp"
#include "ast_adapted.hpp"
#include "error_messages.hpp"
#include "lua_block.hpp"
#include "nginx.hpp"
#include "parse_state.hpp"

namespace staplint::grammar::nginx::parser {
namespace x3 = boost::spirit::x3;

/// Fills ast::span members with byte offsets on success.
using annotate_offsets = common::annotate_offsets<state_tag>;

/// Sets the body kind of the rule that matched, besides its offsets.
template <ast::body_kind Kind>
struct annotate_body : annotate_offsets {
  template <typename Iterator, typename Context>
  void on_success(Iterator const& first, Iterator const& last, ast::body& attr,
                  Context const& context) const {
    annotate_offsets::on_success(first, last, attr, context);
    attr.kind = Kind;
  }
};

struct token_class : annotate_offsets, token_errors {};
struct comment_class : annotate_offsets {};
struct semicolon_class : annotate_body<ast::body_kind::semicolon> {};
struct block_class : block_errors {};
struct lua_body_class : annotate_body<ast::body_kind::raw> {};
struct words_class {};
struct children_class {};
struct plain_directive_class : annotate_offsets, directive_errors {};
struct lua_directive_class : annotate_offsets, directive_errors {};
struct statement_class : annotate_offsets {};
struct file_class : file_errors {};

const x3::rule<token_class, ast::token> token = "word";
const x3::rule<comment_class, ast::statement> comment = "comment";
const x3::rule<semicolon_class, ast::body> semicolon = "';'";
const x3::rule<block_class, ast::body> block = "block";
const x3::rule<lua_body_class, ast::body> lua_body = "Lua block";
const x3::rule<words_class, std::vector<ast::token>> words = "arguments";
const x3::rule<children_class, std::vector<ast::statement>> children = "directives";
const x3::rule<plain_directive_class, ast::statement> plain_directive = "directive";
const x3::rule<lua_directive_class, ast::statement> lua_directive = "directive";
const x3::rule<statement_class, ast::statement> statement = "statement";
const file_type file = "configuration";

// --- lexical pieces (not rules: they carry no attribute) ---
const auto space_char = x3::char_(" \t\r\n");
const auto sp = x3::omit[*space_char];
const auto comment_text = x3::lit('#') >> *(x3::char_ - '\n');
/// Inside a directive, comments may sit between words.
const auto ws = x3::omit[*(space_char | comment_text)];
const auto escape = x3::lit('\\') > x3::char_;
const auto variable = x3::lit('$') >> -x3::lit('{');
const auto bare_first = escape | variable | ~x3::char_(" \t\r\n;{}#\"'");
const auto bare_next = escape | variable | ~x3::char_(" \t\r\n;{");
const auto bare_word = bare_first >> *bare_next;
const auto after_quote = &(space_char | x3::lit(';') | '{' | ')' | x3::eoi);
const auto dq_word = x3::lit('"') > *(escape | ~x3::char_('"')) > '"' > after_quote;
const auto sq_word = x3::lit('\'') > *(escape | ~x3::char_('\'')) > '\'' > after_quote;

// The block rule's right-hand side has no attribute of its own, so X3 skips
// on_success for it; these actions record kind and offsets instead.
const auto enter_block = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  const std::uint32_t brace = st.offset(x3::_where(ctx).begin()) - 1;
  if (++st.depth > st.max_depth) throw depth_exceeded{brace};
  ast::body& b = x3::_val(ctx);
  b.kind = ast::body_kind::block;
  b.begin = brace;
};
const auto leave_block = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  --st.depth;
  x3::_val(ctx).end = st.offset(x3::_where(ctx).begin());
};

// --- rules ---
const auto token_def = x3::omit[dq_word | sq_word | bare_word];
const auto comment_def = x3::omit[comment_text];
const auto semicolon_def = x3::omit[x3::lit(';')];
const auto take_children = [](auto& ctx) { x3::_val(ctx).children = std::move(x3::_attr(ctx)); };
const auto block_def = x3::lit('{') >> x3::eps[enter_block] >>
                       x3::omit[children[take_children]] >> sp > x3::lit('}') >>
                       x3::eps[leave_block];
const auto children_def = *(sp >> statement);
const auto lua_body_def = x3::omit[lua_raw_block];
const auto words_def = token >> *(ws >> token);
const auto plain_directive_def = words >> ws > (semicolon | block);
const auto lua_directive_def = &lua_block_name >> words >> ws > lua_body;
const auto statement_def = comment | lua_directive | plain_directive;
const auto file_def = *(sp >> statement) >> sp > x3::eoi;

BOOST_SPIRIT_DEFINE(token, words, children, comment, semicolon, block, lua_body, plain_directive, lua_directive,
                    statement, file)

}  // namespace staplint::grammar::nginx::parser

