// Two of the Apache grammar's lexical rules as X3 primitive parsers. They
// match exactly the strings these X3 expressions match (kept here as the
// specification), but scan a byte at a time with one comparison chain
// instead of trying an alternative per byte:
//
//   eol          = lit("\r\n") | '\n'
//   continuation = '\\' >> eol
//   bare         = +(continuation | (char_ - char_(" \t\r\n")))
//   rest_of_line = *(continuation | (char_ - eol))
#pragma once

#include <boost/spirit/home/x3.hpp>

namespace staplint::grammar::apache::parser {
namespace x3 = boost::spirit::x3;

/// The length of a line end at `i` ("\n" or "\r\n"), or 0.
template <typename Iterator>
std::size_t eol_at(Iterator i, Iterator const& last) {
  if (i == last) return 0;
  if (*i == '\n') return 1;
  if (*i == '\r') {
    ++i;
    return i != last && *i == '\n' ? 2 : 0;
  }
  return 0;
}

/// A bare word: up to a blank or a line end; a backslash before a line end
/// joins the next line.
struct bare_parser : x3::parser<bare_parser> {
  using attribute_type = x3::unused_type;
  static constexpr bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const&, RContext&, Attribute&) const {
    Iterator i = first;
    while (i != last) {
      const char c = *i;
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') break;
      ++i;
      if (c == '\\') i += static_cast<std::ptrdiff_t>(eol_at(i, last));  // a continuation, or the byte alone
    }
    if (i == first) return false;
    first = i;
    return true;
  }
};

/// The rest of a line: up to its end ("\n" or "\r\n"; a lone "\r" is an
/// ordinary byte), across continuations. Never fails.
struct rest_of_line_parser : x3::parser<rest_of_line_parser> {
  using attribute_type = x3::unused_type;
  static constexpr bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const&, RContext&, Attribute&) const {
    Iterator i = first;
    while (i != last) {
      if (eol_at(i, last) != 0) break;
      const char c = *i;
      ++i;
      if (c == '\\') i += static_cast<std::ptrdiff_t>(eol_at(i, last));
    }
    first = i;
    return true;
  }
};

inline constexpr bare_parser bare{};
inline constexpr rest_of_line_parser rest_of_line{};

}  // namespace staplint::grammar::apache::parser
