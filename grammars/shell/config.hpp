// The iterator and context types the shell grammar is instantiated with.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "ast.hpp"

namespace staplint::grammar::shell::parser {
namespace x3 = boost::spirit::x3;

struct state_tag;

struct parse_state {
  const char* begin = nullptr;
  std::vector<ast::entry>* out = nullptr;
  /// A here-document announced on the current line (`<<EOF`, `<<-'EOF'`): its
  /// body starts after the line end and is skipped, never read as commands.
  std::string heredoc_delimiter;
  bool heredoc_strip_tabs = false;
  bool heredoc_pending = false;
  bool heredoc_needs_word = false;  ///< `<<` stood alone: the next word is the delimiter
  std::uint32_t offset(const char* it) const { return static_cast<std::uint32_t>(it - begin); }
};

/// Thrown by the word scanner at an opening quote or bracket that never closes.
struct unterminated {
  const char* at;
  const char* what;
};
/// Quotes and expansions inside one word nest deeper than this.
inline constexpr std::size_t kMaxWordNesting = 1000;
struct too_deep {
  const char* at;
};

using iterator_type = const char*;
using context_type = x3::context<state_tag, parse_state>;

}  // namespace staplint::grammar::shell::parser
