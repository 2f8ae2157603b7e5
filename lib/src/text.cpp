#include "staplint/text.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace staplint {

bool iequals(std::string_view a, std::string_view b) {
  // ASCII folding, as httpd's strcasecmp and std::tolower in the "C" locale
  // (staplint never sets another) do, without a library call per byte.
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = a[i], y = b[i];
    if (x == y) continue;
    const char lx = x >= 'A' && x <= 'Z' ? static_cast<char>(x + ('a' - 'A')) : x;
    const char ly = y >= 'A' && y <= 'Z' ? static_cast<char>(y + ('a' - 'A')) : y;
    if (lx != ly) return false;
  }
  return true;
}

std::string ascii_lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

std::vector<std::string_view> split_nonempty(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at <= s.size()) {
    const std::size_t end = std::min(s.find(sep, at), s.size());
    if (end > at) out.push_back(s.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

std::size_t utf8_sequence(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  std::size_t n = 0;
  char32_t min = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

bool is_unsafe_to_show(char32_t cp) {
  return (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

std::string escape_for_display(std::string_view s) {
  // Most text is printable ASCII (or a tab), which shows as it is.
  if (std::all_of(s.begin(), s.end(), [](char c) { return (c >= 0x20 && c < 0x7F) || c == '\t'; })) {
    return std::string(s);
  }
  std::string out;
  out.reserve(s.size());
  for_each_code_point(s, [&](std::string_view bytes, char32_t cp) {
    if (cp == kNotUtf8) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(bytes[0]));
    } else if (!is_unsafe_to_show(cp)) {
      out.append(bytes);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == 0x1B) {
      out += "\\e";
    } else if (cp < 0x100) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
    } else {
      out += fmt::format("\\u{{{:04x}}}", static_cast<unsigned>(cp));
    }
  });
  return out;
}

std::size_t display_width(std::string_view escaped) {
  std::size_t width = 0;
  for (const char c : escaped) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return width;
}

std::string to_valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for_each_code_point(s, [&](std::string_view bytes, char32_t cp) {
    if (cp == kNotUtf8)
      out += "\xEF\xBF\xBD";
    else
      out.append(bytes);
  });
  return out;
}

}  // namespace staplint
