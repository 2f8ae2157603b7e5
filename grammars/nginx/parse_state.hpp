// Mutable state threaded through the nginx grammar's context: the buffer start
// (to turn iterators into byte offsets), the flat tree being built, nesting
// depth, and the first error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ast.hpp"
#include "nginx_parser.hpp"

namespace staplint::grammar::nginx::parser {

struct state_tag;

struct parse_state {
  const char* begin = nullptr;
  unsigned depth = 0;
  unsigned max_depth = 100;
  std::optional<syntax_error> error;
  ast::tree* out = nullptr;
  std::vector<std::uint32_t> open;  ///< statements whose body has not ended yet

  std::uint32_t offset(const char* it) const { return static_cast<std::uint32_t>(it - begin); }
  /// Records an error unless an inner rule already reported a better one.
  void report(syntax_error e) {
    if (!error) error = std::move(e);
  }

  // --- building the flat tree ---
  void start_statement(std::uint32_t b, std::uint32_t e, bool with_word) {
    ast::statement s;
    s.begin = b;
    s.end = e;
    s.first_word = static_cast<std::uint32_t>(out->words.size());
    if (with_word) {
      out->words.push_back({{b, e}});
      s.word_count = 1;
    }
    out->statements.push_back(s);
    open.push_back(static_cast<std::uint32_t>(out->statements.size() - 1));
  }
  void add_word(std::uint32_t b, std::uint32_t e) {
    out->words.push_back({{b, e}});
    ++out->statements[open.back()].word_count;
  }
  ast::statement& current() { return out->statements[open.back()]; }
  void end_statement(ast::body_kind kind, std::uint32_t body_begin, std::uint32_t end) {
    ast::statement& s = current();
    s.kind = kind;
    s.body = {body_begin, end};
    s.end = end;
    s.next = static_cast<std::uint32_t>(out->statements.size());
    open.pop_back();
  }

  /// Sizes to restore when an alternative fails after building part of a statement.
  struct mark {
    std::size_t statements, words, open;
  };
  mark checkpoint() const { return {out->statements.size(), out->words.size(), open.size()}; }
  void rollback(const mark& m) {
    out->statements.resize(m.statements);
    out->words.resize(m.words);
    open.resize(m.open);
  }
};

/// Thrown from inside the grammar when blocks nest deeper than allowed; it
/// unwinds the recursion at once instead of letting the stack grow.
struct depth_exceeded {
  std::uint32_t offset;
};

}  // namespace staplint::grammar::nginx::parser
