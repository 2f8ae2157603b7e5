// The grammar of HCL2's native syntax, as hclsyntax's specification gives it
// (github.com/hashicorp/hcl, hclsyntax/spec.md), for Terraform's *.tf files.
//
// Bodies are a flat loop over lines: the open-block stack lives in
// parse_state, so block nesting costs no recursion, and the actions build the
// flat pre-order tree. Expressions are recursive (a tuple holds expressions);
// each level passes through `guarded`, which counts it against max_depth.
//
// Newlines end an attribute, except inside parentheses, brackets, function
// arguments and template interpolations, where they are blanks
// (`nl_expression`). Inside an object constructor `{ }` a newline separates
// elements, as a comma does.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "ast.hpp"
#include "config.hpp"
#include "hcl.hpp"

namespace staplint::grammar::hcl::parser {
namespace x3 = boost::spirit::x3;

inline std::string_view view(const parse_state& st, ast::span s) {
  return std::string_view(st.begin + s.begin, s.end - s.begin);
}

[[noreturn]] inline void fail(parse_state& st, std::uint32_t at, std::string message,
                              std::optional<std::uint32_t> note_at = std::nullopt, std::string note = {},
                              bool limit = false) {
  st.report({at, std::move(message), note_at, std::move(note), limit});
  throw invalid{};
}

template <typename Range>
ast::span span_of(const parse_state& st, const Range& r) {
  const std::uint32_t b = st.offset(&*r.begin());
  return {b, b + static_cast<std::uint32_t>(r.size())};
}

/// Parses its subject one level deeper, and refuses to go past max_depth:
/// expressions nest through brackets and interpolations, and each level is a
/// frame of this parser.
template <typename Subject>
struct guarded : x3::unary_parser<Subject, guarded<Subject>> {
  using base_type = x3::unary_parser<Subject, guarded<Subject>>;
  static bool const is_pass_through_unary = true;
  constexpr explicit guarded(Subject const& subject) : base_type(subject) {}
  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const& context, RContext& rcontext, Attribute& attr) const {
    parse_state& st = x3::get<state_tag>(context);
    if (st.depth >= st.max_depth) {
      fail(st, st.offset(first), "expressions nest deeper than " + std::to_string(st.max_depth) + " levels", {}, {},
           true);
    }
    ++st.depth;
    const bool ok = this->subject.parse(first, last, context, rcontext, attr);
    --st.depth;
    return ok;
  }
};
struct guard_gen {
  template <typename Subject>
  constexpr guarded<Subject> operator[](Subject const& s) const {
    return guarded<Subject>{s};
  }
};
constexpr guard_gen guard{};

/// The opening of a heredoc template: `<<ID` or `<<-ID` and the line's end.
/// ID is kept (a stack: a heredoc may hold one in an interpolation) until
/// heredoc_close meets the line that holds only ID.
struct heredoc_open_parser : x3::parser<heredoc_open_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const& context, RContext&, Attribute&) const {
    Iterator it = first;
    if (last - it < 3 || it[0] != '<' || it[1] != '<') return false;
    it += 2;
    if (it != last && *it == '-') ++it;
    const Iterator id_begin = it;
    auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c < 0; };
    auto rest = [&](char c) { return start(c) || (c >= '0' && c <= '9') || c == '-'; };
    if (it == last || !start(*it)) return false;
    while (it != last && rest(*it)) ++it;
    const std::string_view id(id_begin, static_cast<std::size_t>(it - id_begin));
    if (it != last && *it == '\r') ++it;
    if (it == last || *it != '\n') return false;
    x3::get<state_tag>(context).heredocs.push_back(id);
    first = it + 1;
    return true;
  }
};
/// The line that closes the innermost heredoc: blanks, its ID, blanks (the
/// attribute's line end follows). At the end of the file instead: an error.
/// `Pop`: the heredoc is closed (the lookahead for it leaves it open).
template <bool Pop>
struct heredoc_close_parser : x3::parser<heredoc_close_parser<Pop>> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const& context, RContext&, Attribute&) const {
    parse_state& st = x3::get<state_tag>(context);
    if (st.heredocs.empty()) return false;
    const std::string_view id = st.heredocs.back();
    Iterator it = first;
    while (it != last && (*it == ' ' || *it == '\t')) ++it;
    if (static_cast<std::size_t>(last - it) < id.size() || std::string_view(it, id.size()) != id) {
      if (it == last) {
        fail(st, st.offset(id.data()) - 2,
             "heredoc '" + std::string(id) + "' is not closed: no line holds only '" + std::string(id) + "' after it");
      }
      return false;
    }
    Iterator after = it + static_cast<std::ptrdiff_t>(id.size());
    Iterator e = after;
    while (e != last && (*e == ' ' || *e == '\t')) ++e;
    if (e != last && *e != '\n' && *e != '\r') return false;
    if constexpr (Pop) st.heredocs.pop_back();
    first = after;
    return true;
  }
};
const heredoc_open_parser heredoc_open{};
const heredoc_close_parser<true> heredoc_close{};
const heredoc_close_parser<false> heredoc_close_ahead{};

/// A letter beyond ASCII, as valid UTF-8: HCL's identifiers take Unicode
/// letters (ID_Start, ID_Continue), and refuse symbols such as `€` or
/// U+FFFD and bytes that are not UTF-8. Without Unicode's tables, the
/// letters of the Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Indic,
/// Thai, Georgian, Hangul, kana and CJK blocks stand for them.
struct utf8_letter_parser : x3::parser<utf8_letter_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  static bool letter(char32_t c) {
    if (c == 0xAA || c == 0xB5 || c == 0xBA) return true;
    if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
    static constexpr std::pair<char32_t, char32_t> kRanges[] = {
        {0x250, 0x2AF},   {0x370, 0x3FF},   {0x400, 0x52F},   {0x531, 0x587},   {0x5D0, 0x5EA},
        {0x620, 0x64A},   {0x671, 0x6D3},   {0x900, 0x97F},   {0xE01, 0xE30},   {0x10A0, 0x10FF},
        {0x1E00, 0x1FFF}, {0x3041, 0x30FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3},
    };
    for (const auto& [lo, hi] : kRanges) {
      if (c >= lo && c <= hi) return true;
    }
    return false;
  }
  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const&, RContext&, Attribute&) const {
    if (first == last) return false;
    const auto b0 = static_cast<unsigned char>(*first);
    const int n = b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3 : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0;
    if (n == 0 || last - first < n) return false;
    char32_t c = b0 & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (int i = 1; i < n; ++i) {
      const auto b = static_cast<unsigned char>(first[i]);
      if ((b & 0xC0) != 0x80) return false;
      c = (c << 6) | (b & 0x3F);
    }
    if (!letter(c)) return false;
    first += n;
    return true;
  }
};
const utf8_letter_parser utf8_letter{};

/// After a backslash in a template: `n`, `r`, `t`, `"`, `\`, or `uNNNN` /
/// `UNNNNNNNN` naming a character UTF-8 can encode (not a surrogate, not
/// past U+10FFFF).
struct escape_tail_parser : x3::parser<escape_tail_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const&, RContext&, Attribute&) const {
    if (first == last) return false;
    const char c = *first;
    if (c == 'n' || c == 'r' || c == 't' || c == '"' || c == '\\') {
      ++first;
      return true;
    }
    if (c != 'u' && c != 'U') return false;
    const int n = c == 'u' ? 4 : 8;
    if (last - first < n + 1) return false;
    std::uint32_t v = 0;
    for (int i = 1; i <= n; ++i) {
      const char h = first[i];
      const int d = h >= '0' && h <= '9'   ? h - '0'
                    : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                           : -1;
      if (d < 0) return false;
      v = v * 16 + static_cast<std::uint32_t>(d);
    }
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return false;
    first += n + 1;
    return true;
  }
};

// --- lexical pieces
// No skipper: the gaps between tokens are written out, one kind outside
// brackets (`gap`, where a newline ends an attribute) and one inside
// (`nl_gap`). A skipper directive inside a recursive rule would nest the
// context type at each level, and the compiler with it.
const auto eol = x3::lit("\r\n") | x3::lit('\n');
const auto blank = x3::char_(" \t");
const auto line_comment = (x3::lit('#') | x3::lit("//")) >> *(x3::char_ - x3::char_("\r\n"));
const auto block_comment = x3::lit("/*") > *(x3::char_ - "*/") > "*/";
const auto gap = *(blank | block_comment);
const auto nl_gap = *(blank | eol | line_comment | block_comment);

const auto digit = x3::char_('0', '9');
// ASCII ranges, not x3::alpha (the C library's classes assert on bytes
// above 0x7F); such bytes are letters here, as Unicode letters are to HCL.
const auto id_start = x3::char_('a', 'z') | x3::char_('A', 'Z') | x3::char_('_') | utf8_letter;
const auto id_continue = id_start | digit | x3::char_('-');
const auto identifier = id_start >> *id_continue;
inline auto kw(const char* word) { return x3::lit(word) >> !id_continue; }
const auto number = +digit >> -('.' >> +digit) >> -(x3::char_("eE") >> -x3::char_("+-") >> +digit);

// --- expressions
struct expression_class {};
struct nl_expression_class {};
struct primary_class {};
/// An expression where a newline ends it (an attribute's, an object
/// element's), and one inside brackets, where newlines are blanks.
const x3::rule<expression_class> expression = "an expression";
const x3::rule<nl_expression_class> nl_expression = "an expression";
const x3::rule<primary_class> primary = "an expression";

struct escape_class {};
const x3::rule<escape_class> escape_tail =
    "an escape sequence (\\n, \\r, \\t, \\\", \\\\, or \\uNNNN or \\UNNNNNNNN naming a character)";
const auto escape_tail_def = escape_tail_parser{};
BOOST_SPIRIT_DEFINE(escape_tail)
const auto escape = x3::lit('\\') > escape_tail;
// The strip markers are part of their tokens: `${~` and `~}`.
const auto interpolation = x3::lit("${") > -x3::lit('~') >> nl_gap >> nl_expression >> nl_gap >> -x3::lit('~') > '}';
// A template's directives must balance: each `if` its `endif` (an `else`
// between), each `for` its `endfor` (parse_state::templates).
const auto on_directive = [](char what) {
  return [what](auto& ctx) {
    parse_state& st = x3::get<state_tag>(ctx);
    std::string& open = st.templates.back();
    const std::uint32_t at = st.offset(x3::_where(ctx).begin());
    switch (what) {
      case 'i':
      case 'f':
        open += what;
        return;
      case 'e':
        if (open.empty() || open.back() != 'i') fail(st, at, "'%{ else }' with no open '%{ if }' in this template");
        open.back() = 'e';
        return;
      case 'I':
        if (open.empty() || (open.back() != 'i' && open.back() != 'e')) {
          fail(st, at, "'%{ endif }' with no open '%{ if }' in this template");
        }
        open.pop_back();
        return;
      default:
        if (open.empty() || open.back() != 'f') fail(st, at, "'%{ endfor }' with no open '%{ for }' in this template");
        open.pop_back();
        return;
    }
  };
};
const auto open_template = [](auto& ctx) { x3::get<state_tag>(ctx).templates.emplace_back(); };
const auto close_template = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  if (!st.templates.back().empty()) {
    const char open = st.templates.back().back();
    // At the template's last byte: its closing quote, or its heredoc's ID.
    fail(st, st.offset(x3::_where(ctx).begin()) - 1,
         open == 'f' ? "the template ends with a '%{ for }' that has no '%{ endfor }'"
                     : "the template ends with an '%{ if }' that has no '%{ endif }'");
  }
  st.templates.pop_back();
};
const auto directive = x3::lit("%{") > -x3::lit('~') >> nl_gap >>
                       ((kw("if")[on_directive('i')] > nl_gap > nl_expression) | kw("else")[on_directive('e')] |
                        kw("endif")[on_directive('I')] | kw("endfor")[on_directive('F')] |
                        (kw("for")[on_directive('f')] > nl_gap > identifier >> -(nl_gap >> ',' > nl_gap > identifier) >
                         nl_gap > kw("in") > nl_gap > nl_expression)) >>
                       nl_gap >> -x3::lit('~') > '}';
const auto quoted = x3::lit('"')[open_template] >>
                    *(x3::lit("$${") | x3::lit("%%{") | interpolation | directive | escape |
                      (x3::char_ - x3::char_("\"\\\r\n"))) > x3::lit('"')[close_template];
// A heredoc's lines are a template too: interpolations and directives are
// parsed, the rest is text, up to the line that holds only its ID.
const auto heredoc_text = x3::lit("$${") | x3::lit("%%{") | interpolation | directive | (x3::char_ - eol);
const auto heredoc_line = (+heredoc_text >> (eol | x3::eoi)) | eol;
const auto heredoc = heredoc_open[open_template] >>
                     *(!heredoc_close_ahead >> heredoc_line) >> heredoc_close[close_template];

const auto comma = nl_gap >> ',' >> nl_gap;
const auto tuple = '[' >> nl_gap >> -(nl_expression % comma) >> -comma >> nl_gap > ']';
const auto for_intro = kw("for") >> nl_gap >> identifier >> -(comma >> identifier) >> nl_gap >> kw("in") > nl_gap
                       > nl_expression > nl_gap > ':' > nl_gap;
const auto for_condition = -(nl_gap >> kw("if") > nl_gap > nl_expression);
const auto for_tuple = '[' >> nl_gap >> for_intro > nl_expression >> for_condition >> nl_gap > ']';
const auto for_object = '{' >> nl_gap >> for_intro > nl_expression > nl_gap > "=>" > nl_gap > nl_expression >>
                        -(nl_gap >> "...") >> for_condition >> nl_gap > '}';
// Inside `{ }` a newline separates elements, as a comma does; a blank line
// or a comment line is a separator too.
const auto obj_nl = gap >> -line_comment >> eol;
const auto obj_sep = gap >> ((x3::lit(',') >> *obj_nl) | +obj_nl);
const auto obj_elem = gap >> expression >> gap >>
                      ((x3::lit('=') >> !x3::lit('=') >> !x3::lit('>')) | x3::lit(':')) > gap > expression;
const auto object = '{' >> *obj_nl >> -(obj_elem % obj_sep) >> -obj_sep >> gap >> '}';
const auto parens = '(' >> nl_gap >> nl_expression >> nl_gap > ')';
const auto call = identifier >> *("::" >> identifier) >> gap >> '(' >> nl_gap >>
                  -(nl_expression % comma >> -(nl_gap >> (x3::lit("...") | x3::lit(',')))) >> nl_gap > ')';
const auto primary_def =
    number | quoted | heredoc | for_tuple | tuple | for_object | object | parens | call | identifier;

const auto index = '[' >> nl_gap >> nl_expression >> nl_gap > ']';
const auto binary_operator = x3::lit("==") | "!=" | "<=" | ">=" | "&&" | "||" | '<' | '>' | '+' | '-' | '*' |
                             (x3::lit('/') >> !x3::lit('/')) | '%';
/// The operations of an expression whose tokens `g` separates.
template <typename Gap>
inline auto operations(Gap g) {
  // `.` and `*` are tokens of their own: blanks may stand between them.
  const auto attr_splat = x3::lit('.') >> g >> x3::lit('*') >> *(g >> x3::lit('.') >> g >> identifier);
  const auto full_splat = x3::lit('[') >> nl_gap >> x3::lit('*') >> nl_gap >> x3::lit(']');
  const auto get_attr = x3::lit('.') >> g >> (identifier | +digit);
  const auto postfix = primary >> *(g >> (attr_splat | full_splat | get_attr | index));
  const auto unary = *(x3::char_("-!") >> g) >> postfix;
  return unary % (g >> binary_operator >> g);
}
const auto expression_def = guard[operations(gap) >> -(gap >> '?' > gap > expression > gap > ':' > gap > expression)];
const auto nl_expression_def =
    guard[operations(nl_gap) >> -(nl_gap >> '?' > nl_gap > nl_expression > nl_gap > ':' > nl_gap > nl_expression)];

BOOST_SPIRIT_DEFINE(expression, nl_expression, primary)

// --- actions on bodies
const auto take_comment = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  ast::item c;
  c.kind = ast::item_kind::comment;
  const ast::span s = span_of(st, x3::_attr(ctx));
  c.begin = s.begin;
  c.end = s.end;
  // `//` and `#` comments end before the line's end; a `/* */` may span lines.
  c.next = static_cast<std::uint32_t>(st.out->items.size() + 1);
  st.out->items.push_back(c);
};
const auto start_item = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  ast::item i;
  i.name = span_of(st, x3::_attr(ctx));
  i.begin = i.name.begin;
  i.first_label = static_cast<std::uint32_t>(st.out->labels.size());
  st.out->items.push_back(i);
};
const auto set_expression = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  ast::item& i = st.out->items.back();
  i.kind = ast::item_kind::attribute;
  i.expression = span_of(st, x3::_attr(ctx));
  i.end = i.expression.end;
  i.next = static_cast<std::uint32_t>(st.out->items.size());
  auto& args = st.arguments.back();
  const std::uint32_t index = i.next - 1;
  const auto [first, fresh] = args.try_emplace(view(st, i.name), index);
  if (!fresh) {
    fail(st, i.name.begin,
         "argument '" + std::string(view(st, i.name)) + "' was already set; each argument may be set only once",
         st.out->items[first->second].name.begin, "first set here");
  }
};
const auto add_label = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  st.out->labels.push_back(span_of(st, x3::_attr(ctx)));
  ++st.out->items.back().label_count;
};
const auto open_block = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  ast::item& b = st.out->items.back();
  b.kind = ast::item_kind::block;
  b.body.begin = st.offset(x3::_where(ctx).begin()) - 1;
  if (st.open.size() >= st.max_depth) {
    fail(st, b.begin, "blocks nest deeper than " + std::to_string(st.max_depth) + " levels", {}, {}, true);
  }
  st.open.push_back(static_cast<std::uint32_t>(st.out->items.size() - 1));
  st.arguments.emplace_back();
};
const auto close_block = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  const std::uint32_t at = st.offset(x3::_where(ctx).begin());
  if (st.open.empty()) fail(st, at - 1, "'}' closes no block");
  ast::item& b = st.out->items[st.open.back()];
  b.end = b.body.end = at;
  b.next = static_cast<std::uint32_t>(st.out->items.size());
  st.open.pop_back();
  st.arguments.pop_back();
};

// --- bodies
struct label_class {};
struct item_rest_class {};
struct line_end_class {};
struct one_line_class {};
const x3::rule<label_class> label = "block label";
const x3::rule<item_rest_class> item_rest = "'=' or a block's labels and '{'";
const x3::rule<line_end_class> line_end = "a newline";
const x3::rule<one_line_class> one_line_body = "a newline, or one argument and '}' (a one-line block)";

// A label is a string literal (no interpolation) or an identifier.
const auto label_def = x3::raw[('"' >> *(x3::lit("$${") | x3::lit("%%{") | escape |
                                         (x3::char_ - x3::char_("\"\\\r\n") - x3::lit("${") - x3::lit("%{"))) > '"') |
                               identifier][add_label];
const auto comment_item = x3::raw[line_comment | block_comment][take_comment];
const auto line_end_def = gap >> -comment_item >> (eol | x3::eoi);
struct value_class {};
const x3::rule<value_class> attribute_value = "an expression";
const auto attribute_value_def = x3::raw[expression][set_expression];
BOOST_SPIRIT_DEFINE(attribute_value)
const auto attribute_rest = x3::lit('=') >> !x3::lit('=') >> gap > attribute_value;
const auto one_line_attribute = x3::raw[identifier][start_item] >> gap >> attribute_rest;
// After `{`: a newline (a body follows, up to a `}` line), or a one-line
// block: one argument at most, then `}`.
const auto one_line_body_def =
    (-comment_item >> eol) | (-(one_line_attribute >> gap) >> x3::lit('}')[close_block] > line_end);
const auto block_rest = *(label >> gap) >> x3::lit('{')[open_block] >> gap > one_line_body;
const auto item_rest_def = (attribute_rest > line_end) | block_rest;
const auto close_line = x3::lit('}')[close_block] > line_end;
const auto body_item = comment_item | close_line | (x3::raw[identifier][start_item] >> gap > item_rest);

BOOST_SPIRIT_DEFINE(label, item_rest, line_end, one_line_body)

struct file_class {};
const file_type file = "HCL file";
const auto file_def = *(x3::omit[+(blank | eol)] | body_item) > x3::eoi;

BOOST_SPIRIT_DEFINE(file)

}  // namespace staplint::grammar::hcl::parser
