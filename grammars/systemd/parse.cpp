// Runs the instantiated systemd grammar; iterators stop here.
#include "config.hpp"
#include "systemd.hpp"
#include "systemd_parser.hpp"

namespace staplint::grammar::systemd {

std::vector<ast::entry> parse(std::string_view text) {
  std::vector<ast::entry> entries;
  parser::parse_state state{text.data(), &entries};
  const parser::context_type context(state);
  parser::iterator_type first = text.data();
  const parser::iterator_type last = text.data() + text.size();
  file_rule().parse(first, last, context, boost::spirit::x3::unused, boost::spirit::x3::unused);
  return entries;
}

std::string join_lines(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size() && (raw[i + 1] == '\n' || raw[i + 1] == '\r')) {
      ++i;
      if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
      out += ' ';
      continue;
    }
    out += raw[i];
  }
  return out;
}

}  // namespace staplint::grammar::systemd
