// Lowers the nginx grammar's raw tree into common nodes. This is the
// grammar/lib boundary: offsets come in, nodes with ranges go out.
#include <cstring>

#include "nginx_parser.hpp"
#include "lowering.hpp"
#include "staplint/loader.hpp"

namespace staplint {
namespace {

namespace raw = grammar::nginx::ast;

/// Applies nginx's escape rules (ngx_conf_read_token): `\"`, `\'`, `\\` drop
/// the backslash; `\t`, `\r`, `\n` become control characters; any other `\x`
/// stays as written.
std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char n = s[i + 1];
      switch (n) {
        case '"': case '\'': case '\\': out += n; ++i; continue;
        case 't': out += '\t'; ++i; continue;
        case 'r': out += '\r'; ++i; continue;
        case 'n': out += '\n'; ++i; continue;
        default: break;
      }
    }
    out += s[i];
  }
  return out;
}

Arg lower_token(const raw::token& t, const std::string& text, SourceManager& sm) {
  Arg a;
  a.range = {t.begin, t.end};
  std::string_view word = std::string_view(text).substr(t.begin, t.end - t.begin);
  if (!word.empty() && (word.front() == '"' || word.front() == '\'')) {
    a.quote = word.front() == '"' ? Quote::double_ : Quote::single;
    word = word.substr(1, word.size() >= 2 ? word.size() - 2 : 0);
  }
  a.value = word.find('\\') == std::string_view::npos ? word : sm.keep(unescape(word));
  return a;
}

/// Lowers the siblings in [first, stop) of the flat pre-order list, and their
/// descendants, into one arena array.
std::span<Node> lower_siblings(const raw::tree& t, std::uint32_t first, std::uint32_t stop,
                               FileId file, const std::string& text, SourceManager& sm) {
  std::span<Node> nodes = sm.arena().make_array<Node>(count_siblings(t.statements, first, stop));
  std::size_t k = 0;
  for (std::uint32_t i = first; i < stop; i = t.statements[i].next) {
    const raw::statement& s = t.statements[i];
    Node& n = nodes[k++];
    n.file = file;
    n.range = {s.begin, s.end};
    if (s.word_count == 0) {
      lower_comment(n, text, 1);
      continue;
    }
    const raw::token* words = t.words.data() + s.first_word;
    Arg name = lower_token(words[0], text, sm);
    n.name = name.value;
    n.name_range = name.range;
    n.args = sm.arena().make_array<Arg>(s.word_count - 1);
    for (std::uint32_t w = 1; w < s.word_count; ++w) n.args[w - 1] = lower_token(words[w], text, sm);
    n.body_range = {s.body.begin, s.body.end};
    switch (s.kind) {
      case raw::body_kind::block:
        n.kind = NodeKind::block;
        n.children = lower_siblings(t, i + 1, s.next, file, text, sm);
        break;
      case raw::body_kind::raw: n.kind = NodeKind::raw_block; break;
      default: n.kind = NodeKind::directive; break;
    }
  }
  return nodes;
}

}  // namespace

bool parse_nginx_text(FileId file, SourceManager& sm, unsigned max_nesting,
                      std::span<Node>& nodes, std::optional<InputProblem>& problem) {
  const std::string& text = sm.file(file).text();
  grammar::nginx::parse_options opts;
  opts.max_depth = max_nesting;
  // One scratch tree per thread: its vectors keep their capacity from file to file.
  thread_local grammar::nginx::ast::tree scratch;
  grammar::nginx::parse_output out;
  out.error = grammar::nginx::parse_into(text, opts, scratch);
  if (out.error) {
    InputProblem p;
    p.kind = out.error->kind == grammar::nginx::error_kind::depth_exceeded
                 ? InputProblemKind::limit
                 : InputProblemKind::syntax;
    p.file = file;
    const std::uint32_t at = out.error->offset;
    p.range = {at, at < text.size() ? at + 1 : at};
    p.message = out.error->message;
    if (out.error->note_offset) {
      const std::uint32_t n = *out.error->note_offset;
      p.notes.push_back({file, {n, n + 1}, out.error->note});
    }
    if (out.error->fix_offset) {
      Fix f;
      f.description = "insert '" + out.error->fix_text.substr(0, out.error->fix_text.find('\n')) + "'";
      f.edits.push_back({file, *out.error->fix_offset, 0, out.error->fix_text});
      p.fix = std::move(f);
    }
    problem = std::move(p);
    return false;
  }
  nodes = lower_siblings(scratch, 0, static_cast<std::uint32_t>(scratch.statements.size()), file,
                         text, sm);
  return true;
}

}  // namespace staplint
