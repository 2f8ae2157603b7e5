// Lowers the HCL grammar's flat tree into common nodes (the grammar/lib
// boundary: offsets in, nodes with ranges out).
#include "hcl_parser.hpp"
#include "lowering.hpp"
#include "staplint/aws_parse.hpp"

namespace staplint {

namespace {
namespace raw = grammar::hcl::ast;

raw::span view_span(const raw::item& i) { return {i.begin, i.end}; }

struct Lowering {
  const raw::tree& t;
  const std::string& text;
  SourceManager& sm;
  NodeUnit& unit;

  std::string_view view(raw::span s) const { return std::string_view(text).substr(s.begin, s.end - s.begin); }

  /// A quoted literal's value (kept when escapes changed it), or the text.
  Arg word(raw::span s) {
    Arg a;
    a.range = {s.begin, s.end};
    const std::string_view w = view(s);
    if (w.size() >= 2 && w.front() == '"') {
      if (std::optional<std::string> v = grammar::hcl::literal_string(w)) {
        a.quote = Quote::double_;
        a.value = *v == w.substr(1, w.size() - 2) ? w.substr(1, w.size() - 2) : sm.keep(std::move(*v));
        return a;
      }
    }
    a.value = w;
    return a;
  }

  // The grammar bounds block nesting (max_nesting), and with it this recursion.
  std::span<Node> siblings(std::uint32_t first, std::uint32_t stop) {
    std::span<Node> nodes = sm.arena().make_array<Node>(count_siblings(t.items, first, stop));
    std::size_t k = 0;
    for (std::uint32_t i = first; i < stop; i = t.items[i].next) {
      const raw::item& it = t.items[i];
      Node& n = nodes[k++];
      const Range range{it.begin, it.end};
      if (it.kind == raw::item_kind::comment) {
        const std::string_view c = view(view_span(it));
        const std::uint32_t prefix = c.rfind('#', 0) == 0 ? 1 : 2;
        const std::uint32_t suffix = c.rfind("/*", 0) == 0 && c.size() >= 4 ? 2 : 0;
        n = Node::comment(unit, range, prefix, suffix);
        continue;
      }
      NodeDetail d;
      d.name = view(it.name);
      d.name_range = {it.name.begin, it.name.end};
      if (it.kind == raw::item_kind::attribute) {
        std::span<Arg> args = sm.arena().make_array<Arg>(1);
        args[0] = word(it.expression);
        d.args = args;
        d.body_range = {it.end, it.end};
        n = detailed_node(unit, NodeKind::attribute, range, d);
        continue;
      }
      std::span<Arg> labels = sm.arena().make_array<Arg>(it.label_count);
      for (std::uint32_t l = 0; l < it.label_count; ++l) labels[l] = word(t.labels[it.first_label + l]);
      d.args = labels;
      d.body_range = {it.body.begin, it.body.end};
      n = detailed_node(unit, NodeKind::block, range, d);
      n.set_children(siblings(i + 1, it.next));
    }
    return nodes;
  }
};
}  // namespace

ParseResult parse_hcl_text(FileId file, SourceManager& sm, unsigned max_nesting) {
  const std::string& text = sm.file(file).text();
  grammar::hcl::parse_options options;
  options.max_depth = max_nesting;
  const grammar::hcl::parse_output out = grammar::hcl::parse(text, options);
  if (out.error) {
    return grammar_problem(file, text, out.error->limit, out.error->offset, out.error->message, out.error->note_offset,
                           out.error->note);
  }
  NodeUnit& unit = sm.new_unit(file);
  unit.details.reserve(out.tree.items.size());
  Lowering l{out.tree, text, sm, unit};
  return l.siblings(0, static_cast<std::uint32_t>(out.tree.items.size()));
}

}  // namespace staplint
