// Small text helpers shared by the dialects.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace staplint {

/// Case-insensitive ASCII equality: nginx compares flag and enum values this
/// way (ngx_strcasecmp), httpd directive and section names too.
bool iequals(std::string_view a, std::string_view b);

/// ASCII lower case, the folding iequals uses (no locale, no library call).
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }
/// `s` in ASCII lower case.
std::string ascii_lowered(std::string_view s);

/// The non-empty pieces of `s` between `sep`s: path components, comma lists.
std::vector<std::string_view> split_nonempty(std::string_view s, char sep);

/// The length (1 to 4) of the well-formed UTF-8 sequence at `s[i]`, with its
/// code point in `cp`; 0 where the bytes are not one (a stray continuation
/// byte, an overlong form, a surrogate, beyond U+10FFFF, or cut short).
std::size_t utf8_sequence(std::string_view s, std::size_t i, char32_t& cp);

/// Calls `f(bytes, cp)` for each code point of `s`, with the bytes that
/// spell it; a byte that is not part of a well-formed sequence comes alone,
/// with `cp` = kNotUtf8.
inline constexpr char32_t kNotUtf8 = 0xFFFFFFFF;
template <typename F>
void for_each_code_point(std::string_view s, F&& f) {
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp = 0;
    const std::size_t n = utf8_sequence(s, i, cp);
    f(s.substr(i, n ? n : 1), n ? cp : kNotUtf8);
    i += n ? n : 1;
  }
}

/// True for code points a terminal or a log reader may act on: C0 controls
/// (tab excepted), DEL, C1 controls, and the bidirectional overrides and
/// isolates that reorder what is shown (U+202A..U+202E, U+2066..U+2069).
bool is_unsafe_to_show(char32_t cp);

/// `s` for one line of text or gcc output: what `is_unsafe_to_show` names
/// becomes `\n`, `\r`, `\e` or `\xNN` / `\u{NNNN}`, and a byte that is not
/// UTF-8 becomes `\xNN`, so that input can never start a line, move the
/// cursor, set a title or forge a workflow command. Tabs stay.
std::string escape_for_display(std::string_view s);

/// The number of columns `escape_for_display(s)` takes, counting a code
/// point as one column and a tab as one.
std::size_t display_width(std::string_view escaped);

/// `s` as well-formed UTF-8: each byte of an ill-formed sequence becomes
/// U+FFFD.
std::string to_valid_utf8(std::string_view s);

}  // namespace staplint
