// A JSON string literal for the JSON and SARIF formats. The result is always
// well-formed UTF-8 (RFC 8259 §8.1): a byte that is not part of a well-formed
// sequence becomes U+FFFD, and control characters are escaped.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "staplint/text.hpp"

namespace staplint {

inline std::string quote(std::string_view s) {
  std::string out = "\"";
  for_each_code_point(s, [&](std::string_view bytes, char32_t cp) {
    switch (cp) {
      case kNotUtf8: out += "\\ufffd"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        // C0 and C1 controls, DEL, and the line and paragraph separators
        // (which JavaScript before ES2019 does not take raw) as escapes.
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
        } else {
          out.append(bytes);
        }
    }
  });
  return out + "\"";
}

}  // namespace staplint
