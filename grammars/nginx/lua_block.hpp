// Two small hand-written X3 parsers for OpenResty's `*_by_lua_block` directives:
// one recognises the directive name, the other skips the Lua body as raw text,
// honouring Lua strings, long brackets and comments so braces inside them do not
// count.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <string_view>

namespace staplint::grammar::nginx::parser {
namespace x3 = boost::spirit::x3;

/// Matches a bare directive name that ends in `_by_lua_block`.
struct lua_block_name_parser : x3::parser<lua_block_name_parser> {
  using attribute_type = x3::unused_type;
  static constexpr bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const&, RContext&, Attribute&) const {
    Iterator i = first;
    while (i != last && is_name_char(*i)) ++i;
    constexpr std::string_view suffix = "_by_lua_block";
    const auto len = static_cast<std::size_t>(i - first);
    if (len <= suffix.size()) return false;
    if (std::string_view(&*first, len).substr(len - suffix.size()) != suffix) return false;
    if (i != last && !(*i == ' ' || *i == '\t' || *i == '\r' || *i == '\n' || *i == '{')) {
      return false;
    }
    first = i;
    return true;
  }

  static bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
};

/// Matches `{ ... }` with a Lua body, up to the brace that balances the first one.
struct lua_raw_block_parser : x3::parser<lua_raw_block_parser> {
  using attribute_type = x3::unused_type;
  static constexpr bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const&, RContext&, Attribute&) const {
    if (first == last || *first != '{') return false;
    Iterator i = first;
    ++i;
    unsigned depth = 1;
    while (i != last) {
      const char c = *i;
      if (c == '-' && next_is(i, last, '-')) {
        i += 2;
        if (!skip_long_bracket(i, last)) {
          while (i != last && *i != '\n') ++i;
        }
        continue;
      }
      if (c == '"' || c == '\'') {
        ++i;
        while (i != last && *i != c && *i != '\n') {
          if (*i == '\\' && std::next(i) != last) ++i;
          ++i;
        }
        if (i != last) ++i;
        continue;
      }
      if (c == '[' && skip_long_bracket(i, last)) continue;
      if (c == '{') {
        ++depth;
      } else if (c == '}' && --depth == 0) {
        first = ++i;
        return true;
      }
      ++i;
    }
    return false;
  }

 private:
  template <typename Iterator>
  static bool next_is(Iterator i, Iterator const& last, char c) {
    ++i;
    return i != last && *i == c;
  }

  /// At `[`, `[=[`, ...: skips to the matching close bracket. Returns false (and
  /// leaves `i` alone) when `i` does not start a long bracket.
  template <typename Iterator>
  static bool skip_long_bracket(Iterator& i, Iterator const& last) {
    if (i == last || *i != '[') return false;
    Iterator j = i;
    ++j;
    std::size_t level = 0;
    while (j != last && *j == '=') ++level, ++j;
    if (j == last || *j != '[') return false;
    ++j;
    while (j != last) {
      if (*j == ']') {
        Iterator k = j;
        ++k;
        std::size_t eq = 0;
        while (k != last && *k == '=') ++eq, ++k;
        if (eq == level && k != last && *k == ']') {
          i = ++k;
          return true;
        }
      }
      ++j;
    }
    i = last;  // unterminated long string: the block cannot close
    return true;
  }
};

const lua_block_name_parser lua_block_name{};
const lua_raw_block_parser lua_raw_block{};

}  // namespace staplint::grammar::nginx::parser
