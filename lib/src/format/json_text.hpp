// A JSON string literal for the JSON and SARIF formats. The result is always
// well-formed UTF-8 (RFC 8259 §8.1): a byte that is not part of a well-formed
// sequence becomes U+FFFD, and control characters are escaped.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "staplint/text.hpp"

#include <ostream>
#include <vector>

#include "staplint/diagnostic.hpp"
#include "staplint/source.hpp"

namespace staplint {

/// Appends `s` to `out` as a JSON string literal. Runs of printable ASCII,
/// which is nearly everything a report holds, are copied whole; the rest goes
/// code point by code point.
inline void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t run = i;
    while (run < s.size()) {
      const auto c = static_cast<unsigned char>(s[run]);
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') break;
      ++run;
    }
    out.append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    char32_t cp = 0;
    const std::size_t n = utf8_sequence(s, i, cp);
    if (n == 0) cp = kNotUtf8;
    switch (cp) {
      case kNotUtf8:
        out += "\\ufffd";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        // C0 and C1 controls, DEL, and the line and paragraph separators
        // (which JavaScript before ES2019 does not take raw) as escapes.
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(cp));
        } else {
          out.append(s.data() + i, n);
        }
    }
    i += n ? n : 1;
  }
  out += '"';
}

inline std::string quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  append_quoted(out, s);
  return out;
}

/// `[finding, ...]` as the JSON report (version 2) writes its findings; for
/// `staplint probe --format json`, which shares their shape.
void write_findings_json(const SourceManager& sm, const std::vector<Finding>& findings, std::ostream& out);

}  // namespace staplint
