// Lowers the shell grammar's entries into common nodes (the grammar/lib
// boundary: offsets in, nodes with ranges out). Words stay as written.
#include "lowering.hpp"
#include "shell_parser.hpp"
#include "staplint/jvm_parse.hpp"

namespace staplint {

ParseResult parse_shell_text(FileId file, SourceManager& sm) {
  namespace raw = grammar::shell::ast;
  const std::string& text = sm.file(file).text();
  const grammar::shell::parse_output out = grammar::shell::parse(text);
  if (out.error) return grammar_problem(file, text, out.error->limit, out.error->offset, out.error->message);
  std::span<Node> nodes = sm.arena().make_array<Node>(out.entries.size());
  NodeUnit& unit = sm.new_unit(file);
  for (std::size_t i = 0; i < out.entries.size(); ++i) {
    const raw::entry& e = out.entries[i];
    Node& n = nodes[i];
    const Range range{e.begin, e.end};
    if (e.kind == raw::entry_kind::comment) {
      n = Node::comment(unit, range, 1);
      continue;
    }
    auto word = [&](const raw::word& w) { return std::string_view(text).substr(w.begin, w.end - w.begin); };
    NodeDetail d;
    d.name = word(e.words.front());
    d.name_range = {e.words.front().begin, e.words.front().end};
    std::span<Arg> args = sm.arena().make_array<Arg>(e.words.size() - 1);
    for (std::size_t k = 1; k < e.words.size(); ++k) {
      args[k - 1].range = {e.words[k].begin, e.words[k].end};
      args[k - 1].value = word(e.words[k]);
    }
    d.args = args;
    d.body_range = {e.end, e.end};
    n = detailed_node(unit, NodeKind::directive, range, d);
  }
  return nodes;
}

}  // namespace staplint
