// The XML grammar for Tomcat's configuration files (XML 1.0, the parts they
// use). It is a flat loop over markup items: the open-element stack lives in
// parse_state, so nesting depth costs no recursion, and the actions check
// well-formedness (matching end tags, one root element, unique attributes, no
// text outside the root) and build the flat pre-order tree.
// - `<?...?>` processing instructions (the XML declaration too) are skipped;
// - `<!-- ... -->` comments are kept (for staplint's own comments);
// - `<![CDATA[ ... ]]>` and text are skipped;
// - `<!DOCTYPE ...>` is skipped with its internal subset and never expanded.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <string>
#include <string_view>

#include "ast.hpp"
#include "config.hpp"
#include "xml.hpp"

namespace staplint::grammar::xml::parser {
namespace x3 = boost::spirit::x3;

inline std::string_view view(const parse_state& st, ast::span s) {
  return std::string_view(st.begin + s.begin, s.end - s.begin);
}

[[noreturn]] inline void fail(parse_state& st, std::uint32_t at, std::string message,
                              std::optional<std::uint32_t> note_at = std::nullopt, std::string note = {}) {
  st.report({at, std::move(message), note_at, std::move(note)});
  throw not_well_formed{};
}

// --- actions
template <typename Range>
ast::span span_of(const parse_state& st, const Range& r) {
  const std::uint32_t b = st.offset(&*r.begin());
  return {b, b + static_cast<std::uint32_t>(r.size())};
}

const auto open_element = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  const ast::span name = span_of(st, x3::_attr(ctx));
  if (st.open.empty()) {
    for (const ast::item& i : st.out->items) {
      if (i.kind == ast::item_kind::element) {
        fail(st, name.begin - 1,
             "a second root element '<" + std::string(view(st, name)) + ">'; an XML document has exactly one", i.begin,
             "the root element is here");
      }
    }
  }
  if (st.open.size() >= st.max_depth) {
    fail(st, name.begin - 1, "elements nest deeper than " + std::to_string(st.max_depth) + " levels");
  }
  ast::item e;
  e.kind = ast::item_kind::element;
  e.begin = name.begin - 1;
  e.name = name;
  e.first_attribute = static_cast<std::uint32_t>(st.out->attributes.size());
  st.out->items.push_back(e);
};
const auto attribute_name = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  const ast::span name = span_of(st, x3::_attr(ctx));
  ast::item& e = st.out->items.back();
  if (e.attribute_count == 0) st.attribute_names.clear();
  const auto [first, fresh] =
      st.attribute_names.try_emplace(view(st, name), static_cast<std::uint32_t>(st.out->attributes.size()));
  if (!fresh) {
    fail(st, name.begin, "attribute '" + std::string(view(st, name)) + "' appears twice",
         st.out->attributes[first->second].name.begin, "first here");
  }
  st.out->attributes.push_back({name, {}});
  ++e.attribute_count;
};
const auto attribute_value = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  st.out->attributes.back().value = span_of(st, x3::_attr(ctx));
};
const auto empty_element = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  ast::item& e = st.out->items.back();
  e.end = st.offset(x3::_where(ctx).begin());
  e.next = static_cast<std::uint32_t>(st.out->items.size());
};
const auto enter_element = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  st.open.push_back(static_cast<std::uint32_t>(st.out->items.size() - 1));
};
const auto close_element = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  const ast::span name = span_of(st, x3::_attr(ctx));
  if (st.open.empty()) {
    fail(st, name.begin - 2, "end tag '</" + std::string(view(st, name)) + ">' has no open element");
  }
  ast::item& e = st.out->items[st.open.back()];
  if (view(st, e.name) != view(st, name)) {
    fail(st, name.begin - 2,
         "expected '</" + std::string(view(st, e.name)) + ">' but saw '</" + std::string(view(st, name)) + ">'",
         e.begin, "'<" + std::string(view(st, e.name)) + ">' opened here");
  }
  st.open.pop_back();
};
const auto end_tag_done = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  // close_element popped the element; it is the last one that is not done.
  for (std::size_t k = st.out->items.size(); k-- > 0;) {
    ast::item& e = st.out->items[k];
    if (e.kind == ast::item_kind::element && e.next == 0) {
      e.end = st.offset(x3::_where(ctx).begin());
      e.next = static_cast<std::uint32_t>(st.out->items.size());
      return;
    }
  }
};
const auto take_comment = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  ast::item c;
  c.kind = ast::item_kind::comment;
  const ast::span s = span_of(st, x3::_attr(ctx));
  c.begin = s.begin;
  c.end = s.end;
  c.next = static_cast<std::uint32_t>(st.out->items.size() + 1);
  st.out->items.push_back(c);
};
const auto saw_doctype = [](auto& ctx) { x3::get<state_tag>(ctx).out->has_doctype = true; };
const auto check_text = [](auto& ctx) {
  parse_state& st = x3::get<state_tag>(ctx);
  if (!st.open.empty()) return;
  const auto& t = x3::_attr(ctx);
  for (auto it = t.begin(); it != t.end(); ++it) {
    const char c = *it;
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      fail(st, st.offset(&*it), "text outside the root element");
    }
  }
};

// --- lexical pieces
const auto space = x3::char_(" \t\r\n");
// ASCII ranges, not x3::alpha and x3::alnum: those classify with the C
// library and assert on a byte above 0x7F (`<é/>`); such bytes are name
// characters here.
const auto ascii_letter = x3::char_('a', 'z') | x3::char_('A', 'Z');
const auto name_start = x3::char_('\x80', '\xff') | ascii_letter | x3::char_("_:");
const auto name_rest = x3::char_('\x80', '\xff') | ascii_letter | x3::char_('0', '9') | x3::char_("_:.-");
const auto xml_name = x3::raw[x3::lexeme[name_start >> *name_rest]];
const auto comment = x3::raw[x3::lit("<!--") > *(x3::char_ - "-->") > "-->"][take_comment];
const auto pi = x3::lit("<?") > *(x3::char_ - "?>") > "?>";
const auto cdata = x3::lit("<![CDATA[") > *(x3::char_ - "]]>") > "]]>";
const auto doctype = x3::lit("<!DOCTYPE")[saw_doctype] >
                     *((x3::lit('"') > *(x3::char_ - '"') > '"') | (x3::lit('\'') > *(x3::char_ - '\'') > '\'') |
                       (x3::lit('[') > *(x3::char_ - ']') > ']') | (x3::char_ - '>')) > '>';
// Named rules, so that expectation failures say what was expected.
struct attr_value_class {};
struct tag_end_class {};
const x3::rule<attr_value_class> attr_value = "attribute value";
const x3::rule<tag_end_class> tag_end = "'>' or '/>'";
const auto attr_value_def = (x3::lit('"') > x3::raw[*(x3::char_ - x3::char_("<\""))][attribute_value] > '"') |
                            (x3::lit('\'') > x3::raw[*(x3::char_ - x3::char_("<'"))][attribute_value] > '\'');
const auto attribute = xml_name[attribute_name] >> *space > '=' > *space > attr_value;
const auto tag_end_def = x3::lit("/>")[empty_element] | x3::lit('>')[enter_element];
const auto start_tag = x3::lit('<') >> xml_name[open_element] >> *(+space >> attribute) >> *space > tag_end;
const auto end_tag = x3::lit("</") > xml_name[close_element] > *space > x3::lit('>')[end_tag_done];
const auto text = x3::raw[+(x3::char_ - '<')][check_text];

struct document_class {};
const document_type document = "XML document";
const auto document_def = *(comment | pi | cdata | doctype | end_tag | start_tag | text) > x3::eoi;

BOOST_SPIRIT_DEFINE(attr_value, tag_end, document)

}  // namespace staplint::grammar::xml::parser
