// Runs the instantiated HCL grammar; iterators stop here.
#include <string_view>

#include "../common/utf8.hpp"
#include "config.hpp"
#include "hcl.hpp"
#include "hcl_parser.hpp"

namespace staplint::grammar::hcl {

namespace {
std::string describe(const char* where, const char* last, const std::string& which) {
  if (where == last) return "unexpected end of file; expected " + which;
  const auto u = static_cast<unsigned char>(*where);
  const std::string got = u == '\n' || u == '\r'  ? "end of line"
                          : u >= 0x21 && u < 0x7f ? std::string("'") + *where + "'"
                                                  : "a blank or control byte";
  return "unexpected " + got + "; expected " + which;
}

/// X3's names for what it expected, as a reader would say them.
std::string expected_name(const std::string& which) {
  if (which == "eoi" || which == "HCL file") return "an argument, a block or a comment";
  if (which.size() >= 2 && which.front() == '\'' && which.back() == '\'') return which;
  if (which.size() == 1) return "'" + which + "'";
  if (which.rfind("\"", 0) == 0) return "'" + which.substr(1, which.size() - 2) + "'";
  // An unnamed parser's type: say what the grammar expects in general.
  if (which.rfind("N5boost", 0) == 0 || which.find("::") != std::string::npos) return "valid syntax";
  return which;
}
}  // namespace

parse_output parse(std::string_view text, const parse_options& options) {
  parse_output out;
  parser::parse_state state;
  state.begin = text.data();
  state.out = &out.tree;
  state.max_depth = options.max_depth;
  const parser::context_type context(state);
  parser::iterator_type first = text.data();
  const parser::iterator_type last = text.data() + text.size();
  try {
    const bool ok = file_rule().parse(first, last, context, boost::spirit::x3::unused, boost::spirit::x3::unused);
    if (!ok) state.report({state.offset(first), describe(first, last, "an argument, a block or a comment")});
  } catch (const parser::invalid&) {
  } catch (const boost::spirit::x3::expectation_failure<parser::iterator_type>& e) {
    syntax_error err{state.offset(e.where()), describe(e.where(), last, expected_name(e.which()))};
    if (e.which().find("*/") != std::string::npos) {
      const std::string_view before(text.data(), static_cast<std::size_t>(e.where() - text.data()));
      if (const std::size_t at = before.rfind("/*"); at != std::string_view::npos) {
        err.note_offset = static_cast<std::uint32_t>(at);
        err.note = "the comment starts here";
      }
    }
    state.report(std::move(err));
  }
  if (!state.error && !state.open.empty()) {
    const ast::item& b = out.tree.items[state.open.back()];
    state.report({b.body.begin, "block '" + std::string(text.substr(b.name.begin, b.name.end - b.name.begin)) +
                                    "' is not closed: no '}' matches this '{'"});
  }
  if (state.error) {
    out.error = std::move(state.error);
    out.tree = {};
  }
  return out;
}

std::optional<std::string> literal_string(std::string_view q) {
  if (q.size() < 2 || q.front() != '"' || q.back() != '"') return std::nullopt;
  q = q.substr(1, q.size() - 2);
  std::string out;
  out.reserve(q.size());
  auto hex_value = [](std::string_view h, unsigned long& v) {
    v = 0;
    for (const char c : h) {
      const int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
      if (d < 0) return false;
      v = v * 16 + static_cast<unsigned long>(d);
    }
    return true;
  };
  for (std::size_t i = 0; i < q.size(); ++i) {
    const char c = q[i];
    if ((c == '$' || c == '%') && i + 1 < q.size() && q[i + 1] == '{') return std::nullopt;
    if ((c == '$' || c == '%') && i + 2 < q.size() && q[i + 1] == c && q[i + 2] == '{') {
      out += c;
      out += '{';
      i += 2;
      continue;
    }
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i >= q.size()) return std::nullopt;
    switch (q[i]) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 'u':
      case 'U': {
        const std::size_t n = q[i] == 'u' ? 4 : 8;
        unsigned long code = 0;
        if (i + n >= q.size()) return std::nullopt;
        if (!hex_value(q.substr(i + 1, n), code) || code > 0x10FFFF) return std::nullopt;
        i += n;
        common::append_utf8(out, code);
        break;
      }
      default:
        return std::nullopt;
    }
  }
  return out;
}

}  // namespace staplint::grammar::hcl
