// Public, Spirit-free entry point of the nginx grammar. lib/ includes only this
// header and ast.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ast.hpp"

namespace staplint::grammar::nginx {

enum class error_kind : std::uint8_t {
  syntax,          ///< the text is not valid nginx syntax
  depth_exceeded,  ///< blocks nest deeper than the configured limit
};

/// The first syntax problem in a buffer, in byte offsets.
struct syntax_error {
  error_kind kind = error_kind::syntax;
  std::uint32_t offset = 0;
  std::string message;
  /// A secondary location ("to match this '{'"), if any.
  std::optional<std::uint32_t> note_offset;
  std::string note;
  /// A mechanical fix: insert `fix_text` at `fix_offset`.
  std::optional<std::uint32_t> fix_offset;
  std::string fix_text;
};

struct parse_output {
  ast::tree tree;
  std::optional<syntax_error> error;  ///< set: `tree` is empty
};

struct parse_options {
  unsigned max_depth = 100;
};

/// Parses a whole nginx configuration file held in `text`.
/// Never throws for bad input; every problem comes back in `error`.
parse_output parse(std::string_view text, const parse_options& options = {});

/// The same, into `out`, whose capacity is reused: a caller that parses many
/// files keeps one tree and allocates almost nothing per file. On an error,
/// `out` is left empty.
std::optional<syntax_error> parse_into(std::string_view text, const parse_options& options, ast::tree& out);

/// Receives one word of a statement: its byte range, quotes included.
/// Returns false to stop the scan there.
using word_sink = bool (*)(void* ctx, std::uint32_t begin, std::uint32_t end);

/// Re-reads the words of a statement that `parse` accepted, from `from` (just
/// past its name): blanks and comments are skipped, each word goes to `sink`,
/// and the scan stops at the `;`, `{` or Lua body that ends the statement,
/// whose offset it returns (or, where `sink` stops it, the end of the word
/// it stopped at).
std::uint32_t rescan_words(std::string_view text, std::uint32_t from, word_sink sink, void* ctx);

}  // namespace staplint::grammar::nginx
