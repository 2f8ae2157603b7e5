// Runs the instantiated nginx grammar over a buffer and converts the outcome
// into parse_output. Iterators stop here: callers get byte offsets only.
#include <boost/spirit/home/x3.hpp>

#include "config.hpp"
#include "nginx.hpp"
#include "nginx_parser.hpp"

namespace staplint::grammar::nginx {

parse_output parse(std::string_view text, const parse_options& options) {
  parse_output out;
  parser::parse_state state;
  state.begin = text.data();
  state.max_depth = options.max_depth;
  const parser::context_type context(state);

  parser::iterator_type first = text.data();
  const parser::iterator_type last = text.data() + text.size();
  bool ok = false;
  try {
    ok = file_rule().parse(first, last, context, boost::spirit::x3::unused, out.statements);
  } catch (const parser::depth_exceeded& e) {
    syntax_error err;
    err.kind = error_kind::depth_exceeded;
    err.offset = e.offset;
    err.message = "blocks nest deeper than " + std::to_string(options.max_depth) + " levels";
    state.error = std::move(err);
  }
  if (!ok || first != last) {
    if (!state.error) {
      syntax_error err;
      err.offset = state.offset(first);
      err.message = "unexpected input";
      state.error = std::move(err);
    }
    out.error = std::move(state.error);
    out.statements.clear();
  }
  return out;
}

}  // namespace staplint::grammar::nginx
