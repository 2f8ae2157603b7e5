// Runs the instantiated Apache grammar; iterators stop here.
#include "apache.hpp"
#include "apache_parser.hpp"
#include "config.hpp"

namespace staplint::grammar::apache {

void parse_into(std::string_view text, ast::tree& out) {
  out.lines.clear();
  out.words.clear();
  parser::parse_state state{text.data(), &out.words};
  const parser::context_type context(state);
  parser::iterator_type first = text.data();
  const parser::iterator_type last = text.data() + text.size();
  file_rule().parse(first, last, context, boost::spirit::x3::unused, out.lines);  // accepts every input
}

}  // namespace staplint::grammar::apache
