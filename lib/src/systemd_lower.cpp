// Lowers the systemd grammar's entries into common nodes (the grammar/lib
// boundary: offsets in, nodes with ranges out). A section is a block named
// by its header; an assignment is a directive named by its key whose one
// argument is the value as systemd reads it (continuations joined, trailing
// blanks dropped).
#include <vector>

#include "lowering.hpp"
#include "staplint/jvm_parse.hpp"
#include "systemd_parser.hpp"

namespace staplint {

ParseResult parse_systemd_text(FileId file, SourceManager& sm) {
  namespace raw = grammar::systemd::ast;
  const std::string& text = sm.file(file).text();
  const std::vector<raw::entry> entries = grammar::systemd::parse(text);
  NodeUnit& unit = sm.new_unit(file);
  auto view = [&](raw::span s) { return std::string_view(text).substr(s.begin, s.end - s.begin); };
  std::vector<Node> top;
  std::vector<Node> section;
  Node open_section;
  bool in_section = false;
  auto close_section = [&](std::uint32_t end) {
    if (!in_section) return;
    open_section.range.end = std::max(open_section.range.end, end);
    open_section.set_children(copy_to_arena(sm, section));
    top.push_back(open_section);
    section.clear();
    in_section = false;
  };
  std::uint32_t last_end = 0;
  for (const raw::entry& e : entries) {
    const Range range{e.begin, e.end};
    std::vector<Node>& into = in_section ? section : top;
    if (e.kind == raw::entry_kind::comment) {
      into.push_back(Node::comment(unit, range, 1));
      last_end = e.end;
      continue;
    }
    if (e.kind == raw::entry_kind::section) {
      close_section(last_end);
      NodeDetail d;
      d.name = view(e.key);
      d.name_range = {e.key.begin, e.key.end};
      d.body_range = {e.end, e.end};
      open_section = detailed_node(unit, NodeKind::block, range, d);
      in_section = true;
      last_end = e.end;
      continue;
    }
    NodeDetail d;
    d.name = view(e.key);
    d.name_range = {e.key.begin, e.key.end};
    d.body_range = {e.end, e.end};
    std::string_view raw_value = view(e.value);
    std::string joined = grammar::systemd::join_lines(raw_value);
    while (!joined.empty() && (joined.back() == ' ' || joined.back() == '\t')) joined.pop_back();
    std::span<Arg> args = sm.arena().make_array<Arg>(1);
    args[0].range = {e.value.begin, e.value.end};
    args[0].value = joined == raw_value                            ? raw_value
                    : raw_value.substr(0, joined.size()) == joined ? raw_value.substr(0, joined.size())
                                                                   : sm.keep(std::move(joined));
    d.args = args;
    into.push_back(detailed_node(unit, NodeKind::directive, range, d));
    last_end = e.end;
  }
  close_section(last_end);
  return copy_to_arena(sm, top);
}

}  // namespace staplint
