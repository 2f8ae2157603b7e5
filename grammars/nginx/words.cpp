// Re-reads the words of a statement the grammar has accepted, with the
// grammar's own word and blank scanners (lexer.hpp). Nodes keep only their
// byte range and the length of their name; their arguments are read again from
// the text when a rule asks for them.
#include <boost/spirit/home/x3.hpp>

#include "lexer.hpp"
#include "nginx_parser.hpp"

namespace staplint::grammar::nginx {

std::uint32_t rescan_words(std::string_view text, std::uint32_t from, word_sink sink, void* ctx) {
  namespace x3 = boost::spirit::x3;
  const char* const base = text.data();
  const char* i = base + std::min<std::size_t>(from, text.size());
  const char* const last = base + text.size();
  try {
    while (true) {
      x3::parse(i, last, parser::ws);
      const char* start = i;
      if (!x3::parse(i, last, parser::any_word) || i == start) break;
      if (!sink(ctx, static_cast<std::uint32_t>(start - base), static_cast<std::uint32_t>(i - base))) break;
    }
  } catch (const std::exception&) {
    // Not reached for text the grammar accepted; stop at the bad word.
  }
  return static_cast<std::uint32_t>(i - base);
}

}  // namespace staplint::grammar::nginx
