// nginx's word and blank rules as X3 primitive parsers. They match exactly the
// strings that these X3 expressions match, and fail or throw at the same
// places, but scan with a byte table instead of trying an alternative per byte
// (the expressions are kept here, as the specification):
//
//   escape     = '\\' > char_
//   variable   = '$' >> -lit('{')
//   bare_word  = (escape | variable | ~char_(" \t\r\n;{}#\"'"))
//                >> *(escape | variable | ~char_(" \t\r\n;{"))
//   dq_word    = '"' > *(escape | ~char_('"')) > '"' > after_quote
//   sq_word    = '\'' > *(escape | ~char_('\'')) > '\'' > after_quote
//   after_quote = &(space_char | ';' | '{' | ')' | eoi)
//   sp         = *space_char                        (space_char: " \t\r\n")
//   ws         = *(space_char | '#' >> *(char_ - '\n'))
#pragma once

#include <array>
#include <boost/spirit/home/x3.hpp>

namespace staplint::grammar::nginx::parser {
namespace x3 = boost::spirit::x3;

namespace lex {
enum : unsigned char { space = 1, ends_bare = 2, not_first = 4, special = 8 };

constexpr std::array<unsigned char, 256> make_table() {
  std::array<unsigned char, 256> t{};
  for (unsigned char c : {' ', '\t', '\r', '\n'}) t[c] |= space | ends_bare | not_first;
  for (unsigned char c : {';', '{'}) t[c] |= ends_bare | not_first;
  for (unsigned char c : {'}', '#', '"', '\''}) t[c] |= not_first;
  for (unsigned char c : {'\\', '$'}) t[c] |= special;
  return t;
}
inline constexpr std::array<unsigned char, 256> table = make_table();

inline bool is(char c, unsigned char what) { return (table[static_cast<unsigned char>(c)] & what) != 0; }
}  // namespace lex

/// One word: bare, "double-quoted" or 'single-quoted'.
struct word_parser : x3::parser<word_parser> {
  using attribute_type = x3::unused_type;
  static constexpr bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const&, RContext&, Attribute&) const {
    if (first == last) return false;
    const char open = *first;
    if (open == '"' || open == '\'') return quoted(first, last, open);
    Iterator i = first;
    if (lex::is(open, lex::not_first) && open != '\\' && open != '$') return false;
    while (i != last) {
      const char c = *i;
      if (!lex::is(c, lex::ends_bare | lex::special)) {
        ++i;  // the common case: an ordinary byte
      } else if (c == '\\') {
        if (++i == last) throw x3::expectation_failure<Iterator>(i, "char");
        ++i;
      } else if (c == '$') {
        ++i;
        if (i != last && *i == '{') ++i;
      } else {
        break;  // whitespace, ';' or '{'
      }
    }
    first = i;
    return true;
  }

 private:
  template <typename Iterator>
  static bool quoted(Iterator& first, Iterator const& last, char q) {
    Iterator i = first;
    ++i;
    while (true) {
      if (i == last) throw x3::expectation_failure<Iterator>(i, std::string(1, q));
      const char c = *i;
      if (c == q) break;
      if (c == '\\') {
        if (++i == last) throw x3::expectation_failure<Iterator>(i, "char");
      }
      ++i;
    }
    ++i;  // the closing quote
    if (i != last && !lex::is(*i, lex::space) && *i != ';' && *i != '{' && *i != ')') {
      throw x3::expectation_failure<Iterator>(i, "after quote");
    }
    first = i;
    return true;
  }
};

/// Blanks; with `Comments`, also `#` comments (between the words of a directive).
template <bool Comments>
struct blank_parser : x3::parser<blank_parser<Comments>> {
  using attribute_type = x3::unused_type;
  static constexpr bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const&, RContext&, Attribute&) const {
    while (first != last) {
      if (lex::is(*first, lex::space)) {
        ++first;
      } else if (Comments && *first == '#') {
        while (first != last && *first != '\n') ++first;
      } else {
        break;
      }
    }
    return true;
  }
};

const word_parser any_word{};
const blank_parser<false> sp{};
const blank_parser<true> ws{};

}  // namespace staplint::grammar::nginx::parser
