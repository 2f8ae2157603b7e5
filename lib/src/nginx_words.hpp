// One nginx word as an argument: quotes dropped, nginx's escapes applied.
#pragma once

#include <string>
#include <string_view>

#include "staplint/ast.hpp"

namespace staplint {

/// Applies nginx's escape rules (ngx_conf_read_token): `\"`, `\'`, `\\` drop
/// the backslash; `\t`, `\r`, `\n` become control characters; any other `\x`
/// stays as written.
inline std::string nginx_unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char n = s[i + 1];
      switch (n) {
        case '"':
        case '\'':
        case '\\':
          out += n;
          ++i;
          continue;
        case 't':
          out += '\t';
          ++i;
          continue;
        case 'r':
          out += '\r';
          ++i;
          continue;
        case 'n':
          out += '\n';
          ++i;
          continue;
        default:
          break;
      }
    }
    out += s[i];
  }
  return out;
}

/// The word [begin, end) of `unit`'s text. An escaped word's value is kept by
/// the unit, once.
inline Arg nginx_word(const NodeUnit& unit, std::uint32_t begin, std::uint32_t end) {
  Arg a;
  a.range = {begin, end};
  std::string_view word = unit.text.substr(begin, end - begin);
  if (!word.empty() && (word.front() == '"' || word.front() == '\'')) {
    a.quote = word.front() == '"' ? Quote::double_ : Quote::single;
    word = word.substr(1, word.size() >= 2 ? word.size() - 2 : 0);
  }
  a.value = word.find('\\') == std::string_view::npos ? word : unit.keep(begin, nginx_unescape(word));
  return a;
}

}  // namespace staplint
