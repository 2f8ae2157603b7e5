// XML attribute and text escaping for the Checkstyle and JUnit formats. The
// result holds only XML 1.0 characters (§2.2) as well-formed UTF-8.
#pragma once

#include <string>
#include <string_view>

#include "staplint/text.hpp"

namespace staplint {

/// XML 1.0 has no way to write C0 controls other than tab, LF and CR, nor
/// U+FFFE and U+FFFF; the other noncharacters (U+FDD0..U+FDEF, U+nFFFE,
/// U+nFFFF) and C1 controls are discouraged (§2.2). All become U+FFFD, as do
/// bytes that are not UTF-8.
inline bool xml_representable(char32_t cp) {
  if (cp < 0x20) return cp == '\t' || cp == '\n' || cp == '\r';
  if (cp >= 0x7F && cp <= 0x9F) return false;
  if (cp >= 0xFDD0 && cp <= 0xFDEF) return false;
  return (cp & 0xFFFE) != 0xFFFE;
}

inline std::string xml_escape(std::string_view s) {
  std::string out;
  for_each_code_point(s, [&](std::string_view bytes, char32_t cp) {
    if (cp == kNotUtf8 || !xml_representable(cp)) {
      out += "\xEF\xBF\xBD";
      return;
    }
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += "&#9;";
        break;
      default:
        out.append(bytes);
    }
  });
  return out;
}

}  // namespace staplint
