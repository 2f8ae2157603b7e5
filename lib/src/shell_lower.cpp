// Lowers the shell grammar's entries into common nodes (the grammar/lib
// boundary: offsets in, nodes with ranges out). Words stay as written.
#include "shell_parser.hpp"
#include "lowering.hpp"
#include "staplint/jvm_parse.hpp"

namespace staplint {

bool parse_shell_text(FileId file, SourceManager& sm, std::span<Node>& nodes,
                      std::optional<InputProblem>& problem) {
  namespace raw = grammar::shell::ast;
  const std::string& text = sm.file(file).text();
  const grammar::shell::parse_output out = grammar::shell::parse(text);
  if (out.error) {
    InputProblem p;
    p.kind = InputProblemKind::syntax;
    p.file = file;
    const std::uint32_t at = out.error->offset;
    p.range = {at, at < text.size() ? at + 1 : at};
    p.message = out.error->message;
    problem = std::move(p);
    return false;
  }
  nodes = sm.arena().make_array<Node>(out.entries.size());
  for (std::size_t i = 0; i < out.entries.size(); ++i) {
    const raw::entry& e = out.entries[i];
    Node& n = nodes[i];
    n.file = file;
    n.range = {e.begin, e.end};
    if (e.kind == raw::entry_kind::comment) {
      lower_comment(n, text, 1);
      continue;
    }
    n.kind = NodeKind::directive;
    auto word = [&](const raw::word& w) { return std::string_view(text).substr(w.begin, w.end - w.begin); };
    n.name = word(e.words.front());
    n.name_range = {e.words.front().begin, e.words.front().end};
    n.args = sm.arena().make_array<Arg>(e.words.size() - 1);
    for (std::size_t k = 1; k < e.words.size(); ++k) {
      n.args[k - 1].range = {e.words[k].begin, e.words[k].end};
      n.args[k - 1].value = word(e.words[k]);
    }
    n.body_range = {e.end, e.end};
  }
  return true;
}

}  // namespace staplint
