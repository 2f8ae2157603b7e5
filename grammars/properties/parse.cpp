// Runs the instantiated properties grammar; iterators stop here.
#include "config.hpp"
#include "properties.hpp"
#include "properties_parser.hpp"

namespace staplint::grammar::properties {

std::vector<ast::entry> parse(std::string_view text) {
  std::vector<ast::entry> entries;
  parser::parse_state state{text.data(), &entries};
  const parser::context_type context(state);
  parser::iterator_type first = text.data();
  const parser::iterator_type last = text.data() + text.size();
  file_rule().parse(first, last, context, boost::spirit::x3::unused, boost::spirit::x3::unused);
  return entries;  // the grammar accepts every input
}

std::string unescape(std::string_view raw, bool& valid) {
  valid = true;
  std::string out;
  out.reserve(raw.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\' || i + 1 == raw.size()) {
      if (raw[i] != '\\') out += raw[i];
      continue;
    }
    const char c = raw[++i];
    if (c == '\r' || c == '\n') {  // a continuation: the line end and the next indentation
      if (c == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
      while (i + 1 < raw.size() && (raw[i + 1] == ' ' || raw[i + 1] == '\t' || raw[i + 1] == '\f')) ++i;
      continue;
    }
    switch (c) {
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        unsigned code = 0;
        for (int k = 0; k < 4; ++k) {
          const int h = i + 1 < raw.size() ? hex(raw[i + 1]) : -1;
          if (h < 0) {
            valid = false;
            break;
          }
          code = code * 16 + static_cast<unsigned>(h);
          ++i;
        }
        // As UTF-8 (a lone surrogate is kept as its three bytes).
        if (code < 0x80) {
          out += static_cast<char>(code);
        } else if (code < 0x800) {
          out += static_cast<char>(0xC0 | (code >> 6));
          out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
          out += static_cast<char>(0xE0 | (code >> 12));
          out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (code & 0x3F));
        }
        break;
      }
      default:
        out += c;
        break;
    }
  }
  return out;
}

}  // namespace staplint::grammar::properties
