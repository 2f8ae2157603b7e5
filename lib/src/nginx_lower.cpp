// Lowers the nginx grammar's raw tree into common nodes. This is the
// grammar/lib boundary: offsets come in, nodes with ranges go out.
#include <cstring>

#include "nginx_parser.hpp"
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

void lower_statement(const raw::statement& s, FileId file, const std::string& text,
                     SourceManager& sm, Node& n) {
  n.file = file;
  n.range = {s.begin, s.end};
  if (s.words.empty()) {
    n.kind = NodeKind::comment;
    n.name = std::string_view(text).substr(s.begin + 1, s.end - s.begin - 1);
    n.name_range = n.range;
    return;
  }
  Arg name = lower_token(s.words.front(), text, sm);
  n.name = name.value;
  n.name_range = name.range;
  n.args = sm.arena().make_array<Arg>(s.words.size() - 1);
  for (std::size_t i = 1; i < s.words.size(); ++i) n.args[i - 1] = lower_token(s.words[i], text, sm);
  n.body_range = {s.tail.begin, s.tail.end};
  switch (s.tail.kind) {
    case raw::body_kind::block:
      n.kind = NodeKind::block;
      n.children = sm.arena().make_array<Node>(s.tail.children.size());
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        lower_statement(s.tail.children[i], file, text, sm, n.children[i]);
      }
      break;
    case raw::body_kind::raw: n.kind = NodeKind::raw_block; break;
    default: n.kind = NodeKind::directive; break;
  }
}

}  // namespace

bool parse_nginx_text(FileId file, SourceManager& sm, unsigned max_nesting,
                      std::span<Node>& nodes, std::optional<InputProblem>& problem) {
  const std::string& text = sm.file(file).text();
  grammar::nginx::parse_options opts;
  opts.max_depth = max_nesting;
  grammar::nginx::parse_output out = grammar::nginx::parse(text, opts);
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
  nodes = sm.arena().make_array<Node>(out.statements.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    lower_statement(out.statements[i], file, text, sm, nodes[i]);
  }
  return true;
}

}  // namespace staplint
