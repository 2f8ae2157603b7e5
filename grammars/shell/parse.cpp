// Runs the instantiated shell grammar; iterators stop here.
#include "config.hpp"
#include "shell.hpp"
#include "shell_parser.hpp"

namespace staplint::grammar::shell {

parse_output parse(std::string_view text) {
  parse_output out;
  parser::parse_state state;
  state.begin = text.data();
  state.out = &out.entries;
  const parser::context_type context(state);
  parser::iterator_type first = text.data();
  const parser::iterator_type last = text.data() + text.size();
  try {
    const bool ok = file_rule().parse(first, last, context, boost::spirit::x3::unused, boost::spirit::x3::unused);
    if (!ok || first != last) {
      out.error = syntax_error{state.offset(first), "unexpected input"};
    }
  } catch (const parser::unterminated& u) {
    out.error = syntax_error{state.offset(u.at),
                             std::string("unterminated ") + u.what + "; the shell reads to the end of the file"};
  } catch (const parser::too_deep& d) {
    out.error = syntax_error{
        state.offset(d.at),
        "quotes and expansions nest deeper than " + std::to_string(parser::kMaxWordNesting) + " levels in one word",
        true};
  }
  // A command still open at the end of the input ends there.
  if (!out.entries.empty() && out.entries.back().kind == ast::entry_kind::command && out.entries.back().end == 0) {
    out.entries.back().end = out.entries.back().words.back().end;
  }
  if (out.error) out.entries.clear();
  return out;
}

}  // namespace staplint::grammar::shell
