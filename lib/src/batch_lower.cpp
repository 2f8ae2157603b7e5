// Lowers the batch grammar's entries into common nodes (the grammar/lib
// boundary: offsets in, nodes with ranges out). A `set` is a directive named
// `set` whose arguments are the variable and the value as written; a
// parenthesized block, and an `if`/`for` line with a set after it, are blocks
// named by the line's first word.
#include <vector>

#include "batch_parser.hpp"
#include "lowering.hpp"
#include "staplint/jvm_parse.hpp"

namespace staplint {

namespace {
namespace raw = grammar::batch::ast;

struct Open {
  Range range;
  NodeDetail detail;
  std::vector<Node> children;
};
}  // namespace

ParseResult parse_batch_text(FileId file, SourceManager& sm) {
  const std::string& text = sm.file(file).text();
  const std::vector<raw::entry> entries = grammar::batch::parse(text);
  NodeUnit& unit = sm.new_unit(file);
  auto view = [&](raw::span s) { return std::string_view(text).substr(s.begin, s.end - s.begin); };
  std::vector<Open> stack(1);  // [0]: the file's top level
  auto close = [&](std::uint32_t end) {
    Open top = std::move(stack.back());
    stack.pop_back();
    Node n = detailed_node(unit, NodeKind::block, {top.range.begin, end}, top.detail);
    n.set_children(copy_to_arena(sm, top.children));
    stack.back().children.push_back(n);
  };
  for (const raw::entry& e : entries) {
    const Range range{e.begin, e.end};
    if (e.closes && stack.size() > 1) close(e.end);
    if (e.kind == raw::entry_kind::command && e.name.begin == e.name.end) continue;  // a lone `)`
    if (e.kind == raw::entry_kind::comment || e.kind == raw::entry_kind::label) {
      const std::string_view line = view(e);
      const std::uint32_t prefix = line.rfind("::", 0) == 0 ? 2 : line.front() == ':' ? 1 : 0;
      stack.back().children.push_back(Node::comment(unit, range, prefix));
      continue;
    }
    Node n;
    if (e.kind == raw::entry_kind::set) {
      NodeDetail d;
      d.name = view(e.keyword);
      d.name_range = {e.keyword.begin, e.keyword.end};
      d.body_range = {e.end, e.end};
      std::span<Arg> args = sm.arena().make_array<Arg>(2);
      args[0].value = view(e.name);
      args[0].range = {e.name.begin, e.name.end};
      args[1].value = view(e.value);
      args[1].range = {e.value.begin, e.value.end};
      args[1].quote = e.quoted ? Quote::double_ : Quote::none;
      d.args = args;
      n = detailed_node(unit, NodeKind::directive, range, d);
    } else {
      NodeDetail d;
      d.name = view(e.name);
      d.name_range = {e.name.begin, e.name.end};
      d.body_range = {e.end, e.end};
      n = detailed_node(unit, NodeKind::directive, range, d);
    }
    if (e.conditional && !e.opens) {
      // `if ... set X=Y`: a block named `if` (or `for`) holding the set.
      NodeDetail d;
      d.name = view(e.condition);
      d.name_range = {e.condition.begin, e.condition.end};
      d.body_range = range;
      Node block = detailed_node(unit, NodeKind::block, range, d);
      block.set_children(copy_to_arena(sm, {n}));
      stack.back().children.push_back(block);
      continue;
    }
    if (e.opens) {
      NodeDetail d;
      d.name = n.name();
      d.name_range = n.name_range();
      d.body_range = {e.end, e.end};
      stack.push_back({range, d, {}});
      if (e.conditional) stack.back().children.push_back(n);  // `if x set "A=b" (`: rare
      continue;
    }
    stack.back().children.push_back(n);
  }
  // cmd.exe runs a file whose blocks never close up to its end.
  while (stack.size() > 1) close(static_cast<std::uint32_t>(text.size()));
  return copy_to_arena(sm, stack.front().children);
}

}  // namespace staplint
