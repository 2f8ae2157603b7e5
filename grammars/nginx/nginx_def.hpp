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
//
// The rules carry no attributes: their on_success handlers and actions append
// to the flat tree in parse_state (ast.hpp), and `transaction[...]` undoes what
// a failed alternative appended.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "ast.hpp"
#include "error_messages.hpp"
#include "lexer.hpp"
#include "lua_block.hpp"
#include "nginx.hpp"
#include "parse_state.hpp"

namespace staplint::grammar::nginx::parser {
namespace x3 = boost::spirit::x3;

/// `transaction[p]`: parses p; if p fails or throws, drops whatever p appended
/// to the flat tree, so a later alternative starts clean.
template <typename Subject>
struct transaction_directive : x3::unary_parser<Subject, transaction_directive<Subject>> {
  using base_type = x3::unary_parser<Subject, transaction_directive<Subject>>;
  using attribute_type = x3::unused_type;
  static constexpr bool has_attribute = false;
  constexpr explicit transaction_directive(Subject const& subject) : base_type(subject) {}

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const& context, RContext& rcontext, Attribute&) const {
    parse_state& st = x3::get<state_tag>(context);
    const parse_state::mark m = st.checkpoint();
    try {
      if (this->subject.parse(first, last, context, rcontext, x3::unused)) return true;
    } catch (...) {
      st.rollback(m);
      throw;
    }
    st.rollback(m);
    return false;
  }
};

struct transaction_gen {
  template <typename Subject>
  constexpr auto operator[](Subject const& subject) const {
    return transaction_directive<typename x3::extension::as_parser<Subject>::value_type>(x3::as_parser(subject));
  }
};
constexpr transaction_gen transaction{};

// --- on_success handlers: each appends what its rule matched ---
struct name_class : token_errors {  ///< the first word opens a statement
  template <typename Iterator, typename Attribute, typename Context>
  void on_success(Iterator const& first, Iterator const& last, Attribute&, Context const& ctx) const {
    parse_state& st = x3::get<state_tag>(ctx);
    st.start_statement(st.offset(first), st.offset(last), true);
  }
};
struct word_class : token_errors {
  template <typename Iterator, typename Attribute, typename Context>
  void on_success(Iterator const& first, Iterator const& last, Attribute&, Context const& ctx) const {
    parse_state& st = x3::get<state_tag>(ctx);
    st.add_word(st.offset(first), st.offset(last));
  }
};
struct comment_class {
  template <typename Iterator, typename Attribute, typename Context>
  void on_success(Iterator const& first, Iterator const& last, Attribute&, Context const& ctx) const {
    parse_state& st = x3::get<state_tag>(ctx);
    st.start_statement(st.offset(first), st.offset(last), false);
    st.end_statement(ast::body_kind::comment, st.offset(last), st.offset(last));
  }
};
template <ast::body_kind Kind>
struct body_end {  ///< `;` or a raw Lua body closes the open statement
  template <typename Iterator, typename Attribute, typename Context>
  void on_success(Iterator const& first, Iterator const& last, Attribute&, Context const& ctx) const {
    parse_state& st = x3::get<state_tag>(ctx);
    st.end_statement(Kind, st.offset(first), st.offset(last));
  }
};
struct semicolon_class : body_end<ast::body_kind::semicolon> {};
struct lua_body_class : body_end<ast::body_kind::raw> {};
struct block_class : block_errors {};
struct children_class {};
struct plain_directive_class : directive_errors {};
struct lua_directive_class : directive_errors {};
struct statement_class {};
struct file_class : file_errors {};

const x3::rule<name_class> name = "word";
const x3::rule<word_class> word = "word";
const x3::rule<comment_class> comment = "comment";
const x3::rule<semicolon_class> semicolon = "';'";
const x3::rule<block_class> block = "block";
const x3::rule<lua_body_class> lua_body = "Lua block";
const x3::rule<children_class> children = "directives";
const x3::rule<plain_directive_class> plain_directive = "directive";
const x3::rule<lua_directive_class> lua_directive = "directive";
const x3::rule<statement_class> statement = "statement";
const file_type file = "configuration";

// --- lexical pieces (not rules): the word and blank scanners are in lexer.hpp ---
const auto comment_text = x3::lit('#') >> *(x3::char_ - '\n');

// The block's statement is the innermost open one: the actions record the
// brace and close the statement when its '}' is read.
const auto enter_block = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  const std::uint32_t brace = st.offset(x3::_where(ctx).begin()) - 1;
  if (++st.depth > st.max_depth) throw depth_exceeded{brace};
  st.current().body.begin = brace;
};
const auto leave_block = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  --st.depth;
  st.end_statement(ast::body_kind::block, st.current().body.begin, st.offset(x3::_where(ctx).begin()));
};

// --- rules ---
const auto name_def = any_word;
const auto word_def = any_word;
const auto comment_def = x3::omit[comment_text];
const auto semicolon_def = x3::lit(';');
const auto block_def = x3::lit('{') >> x3::eps[enter_block] >> children >> sp > x3::lit('}') >> x3::eps[leave_block];
const auto children_def = *(sp >> statement);
const auto lua_body_def = lua_raw_block;
const auto words = name >> *(ws >> word);
const auto plain_directive_def = words >> ws > (semicolon | block);
const auto lua_directive_def = words >> ws > lua_body;
// Only a `*_by_lua_block` name enters the Lua alternative; the transaction
// undoes it when no Lua body follows (`content_by_lua_block x;`).
const auto statement_def = comment | (&lua_block_name >> transaction[lua_directive]) | plain_directive;
const auto file_def = *(sp >> statement) >> sp > x3::eoi;

BOOST_SPIRIT_DEFINE(name, word, children, comment, semicolon, block, lua_body, plain_directive, lua_directive,
                    statement, file)

}  // namespace staplint::grammar::nginx::parser
