// Runs the instantiated Apache grammar; iterators stop here.
#include "apache.hpp"
#include "apache_parser.hpp"
#include "config.hpp"

namespace staplint::grammar::apache {

std::vector<ast::line> parse(std::string_view text) {
  std::vector<ast::line> lines;
  parser::parse_state state{text.data()};
  const parser::context_type context(state);
  parser::iterator_type first = text.data();
  const parser::iterator_type last = text.data() + text.size();
  file_rule().parse(first, last, context, boost::spirit::x3::unused, lines);
  return lines;  // the grammar accepts every input
}

}  // namespace staplint::grammar::apache
