// Runs the instantiated nginx grammar over a buffer and converts the outcome
// into parse_output. Iterators stop here: callers get byte offsets only.
#include <algorithm>
#include <boost/spirit/home/x3.hpp>
#include <cstring>
#include <optional>

#include "config.hpp"
#include "nginx.hpp"
#include "nginx_parser.hpp"

namespace staplint::grammar::nginx {

namespace {

/// Whether `t` holds more than `n` bytes `c`: memchr from one to the next,
/// stopping at the (n + 1)th (a byte loop over every file cost a tenth of a
/// run's instructions).
bool more_than(std::string_view t, char c, std::size_t n) {
  const char* p = t.data();
  const char* const end = p + t.size();
  for (std::size_t seen = 0; p < end; ++p) {
    p = static_cast<const char*>(std::memchr(p, c, static_cast<std::size_t>(end - p)));
    if (!p) return false;
    if (++seen > n) return true;
  }
  return false;
}

/// The offset of the first `{` that nests deeper than `max_depth`, if any,
/// by a lexical scan that skips quoted words and comments. It bounds the
/// grammar's recursion before the grammar runs, whatever the input's syntax
/// (even `{{{{` with no directive names).
std::optional<std::uint32_t> too_deep(std::string_view t, unsigned max_depth) {
  // Fewer braces than the limit cannot nest past it: skip the scan.
  if (!more_than(t, '{', max_depth)) return std::nullopt;
  unsigned depth = 0;
  bool word_start = true;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '\\') {
      ++i;
      word_start = false;
      continue;
    }
    if (word_start && c == '#') {
      while (i < t.size() && t[i] != '\n') ++i;
      continue;
    }
    if (word_start && (c == '"' || c == '\'')) {
      for (++i; i < t.size() && t[i] != c; ++i) {
        if (t[i] == '\\') ++i;
      }
      word_start = false;
      continue;
    }
    if (c == '{' && !(i > 0 && t[i - 1] == '$')) {
      if (++depth > max_depth) return static_cast<std::uint32_t>(i);
    } else if (c == '}' && word_start && depth > 0) {
      --depth;
    }
    word_start = c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '{' || c == '}';
  }
  return std::nullopt;
}

/// nginx reads words through a 4096-byte buffer (NGX_CONF_BUFFER): a bare word
/// of 4096 bytes or more, or a quoted one whose content and closing quote fill
/// the buffer (4095 bytes or more), is "too long parameter". Observed with
/// nginx 1.22: 4095 bare bytes pass, 4096 fail; 4094 quoted pass, 4095 fail.
const ast::token* too_long(std::string_view text, const std::vector<ast::token>& words) {
  for (const ast::token& w : words) {
    const std::size_t len = w.end - w.begin;
    if (len < 4095) continue;
    const char q = text[w.begin];
    const bool quoted = q == '"' || q == '\'';
    if (quoted ? len - 2 >= 4095 : len >= 4096) return &w;
  }
  return nullptr;
}

}  // namespace

std::optional<syntax_error> parse_into(std::string_view text, const parse_options& options, ast::tree& out) {
  out.statements.clear();
  out.words.clear();
  if (auto at = too_deep(text, options.max_depth)) {
    syntax_error err;
    err.kind = error_kind::depth_exceeded;
    err.offset = *at;
    err.message = "blocks nest deeper than " + std::to_string(options.max_depth) + " levels";
    return err;
  }
  parser::parse_state state;
  state.begin = text.data();
  state.max_depth = options.max_depth;
  state.out = &out;
  const parser::context_type context(state);

  parser::iterator_type first = text.data();
  const parser::iterator_type last = text.data() + text.size();
  bool ok = false;
  try {
    ok = file_rule().parse(first, last, context, boost::spirit::x3::unused, boost::spirit::x3::unused);
  } catch (const parser::depth_exceeded& e) {
    syntax_error err;
    err.kind = error_kind::depth_exceeded;
    err.offset = e.offset;
    err.message = "blocks nest deeper than " + std::to_string(options.max_depth) + " levels";
    state.error = std::move(err);
  }
  std::optional<syntax_error> error;
  if (!ok || first != last) {
    if (!state.error) {
      syntax_error err;
      err.offset = state.offset(first);
      err.message = "unexpected input";
      state.error = std::move(err);
    }
    error = std::move(state.error);
  } else if (const ast::token* t = too_long(text, out.words)) {
    syntax_error err;
    err.offset = t->begin;
    const bool quoted = text[t->begin] == '"' || text[t->begin] == '\'';
    err.message = "word of " + std::to_string(t->end - t->begin - (quoted ? 2 : 0)) +
                  " bytes is too long for nginx (at most " + (quoted ? "4094 inside quotes" : "4095") + ")";
    error = std::move(err);
  }
  if (error) {
    out.statements.clear();
    out.words.clear();
  }
  return error;
}

parse_output parse(std::string_view text, const parse_options& options) {
  parse_output out;
  out.error = parse_into(text, options, out.tree);
  return out;
}

}  // namespace staplint::grammar::nginx
