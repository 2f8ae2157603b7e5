// Runs the instantiated batch grammar; iterators stop here.
#include "batch.hpp"
#include "batch_parser.hpp"
#include "config.hpp"

namespace staplint::grammar::batch {

std::vector<ast::entry> parse(std::string_view text) {
  std::vector<ast::entry> entries;
  parser::parse_state state{text.data(), &entries};
  const parser::context_type context(state);
  parser::iterator_type first = text.data();
  const parser::iterator_type last = text.data() + text.size();
  file_rule().parse(first, last, context, boost::spirit::x3::unused, boost::spirit::x3::unused);
  // The quoted form's value ends at the line's last quote; a line that ends
  // with `(` opens a block. Both are facts about the whole line, settled here.
  for (ast::entry& e : entries) {
    std::uint32_t end = e.end;
    while (end > e.begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
    e.opens = end > e.begin && text[end - 1] == '(' && e.kind != ast::entry_kind::comment;
    if (e.kind == ast::entry_kind::set && e.quoted) {
      const std::string_view rest = text.substr(e.value.begin, e.end - e.value.begin);
      const std::size_t q = rest.rfind('"');
      if (q != std::string_view::npos) e.value.end = e.value.begin + static_cast<std::uint32_t>(q);
    }
  }
  return entries;
}

}  // namespace staplint::grammar::batch
