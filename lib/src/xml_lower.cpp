// Lowers the XML grammar's flat tree into common nodes (the grammar/lib
// boundary: offsets in, nodes with ranges out).
#include "lowering.hpp"
#include "staplint/xml_parse.hpp"

#include "xml_parser.hpp"

namespace staplint {

namespace {
namespace raw = grammar::xml::ast;

struct Lowering {
  const raw::tree& t;
  const std::string& text;
  FileId file;
  SourceManager& sm;
  NodeUnit& unit;
  std::optional<InputProblem>& problem;

  std::string_view view(raw::span s) const { return std::string_view(text).substr(s.begin, s.end - s.begin); }

  std::span<Node> siblings(std::uint32_t first, std::uint32_t stop) {
    std::span<Node> nodes = sm.arena().make_array<Node>(count_siblings(t.items, first, stop));
    std::size_t k = 0;
    for (std::uint32_t i = first; i < stop; i = t.items[i].next) {
      const raw::item& it = t.items[i];
      Node& n = nodes[k++];
      const Range range{it.begin, it.end};
      if (it.kind == raw::item_kind::comment) {
        n = Node::comment(unit, range, 4, 3);
        continue;
      }
      NodeDetail d;
      d.name = view(it.name);
      d.name_range = {it.name.begin, it.name.end};
      d.body_range = range;
      n = detailed_node(unit, NodeKind::block, range, d);
      std::span<Node> inner = siblings(i + 1, it.next);
      std::span<Node> children = sm.arena().make_array<Node>(it.attribute_count + inner.size());
      for (std::uint32_t a = 0; a < it.attribute_count; ++a) {
        const raw::attribute& attr = t.attributes[it.first_attribute + a];
        const Range ar{attr.name.begin, attr.value.end + 1};
        const std::string_view w = view(attr.value);
        if (w.find('&') == std::string_view::npos) {
          // Most attributes: a lean node, whose value is read again from the text.
          children[a] = Node::lean(unit, NodeKind::attribute, ar, attr.name.end - attr.name.begin);
          continue;
        }
        NodeDetail ad;
        ad.name = view(attr.name);
        ad.name_range = {attr.name.begin, attr.name.end};
        std::span<Arg> args = sm.arena().make_array<Arg>(1);
        Arg& v = args[0];
        v.range = {attr.value.begin, attr.value.end};
        v.quote = text[attr.value.begin - 1] == '"' ? Quote::double_ : Quote::single;
        bool known = true;
        std::string decoded = grammar::xml::decode(w, known);
        if (!known && !t.has_doctype && !problem) {
          InputProblem p;
          p.kind = InputProblemKind::syntax;
          p.file = file;
          p.range = v.range;
          p.message = "undefined entity in the value of '" + std::string(ad.name) +
                      "'; only &amp; &lt; &gt; &quot; &apos; and character references are predefined";
          problem = std::move(p);
        }
        v.value = sm.keep(std::move(decoded));
        ad.args = args;
        ad.body_range = {ar.end, ar.end};
        children[a] = detailed_node(unit, NodeKind::attribute, ar, ad);
      }
      std::copy(inner.begin(), inner.end(), children.begin() + it.attribute_count);
      n.set_children(children);
    }
    return nodes;
  }
};
}  // namespace

ParseResult parse_xml_text(FileId file, SourceManager& sm, unsigned max_nesting) {
  const std::string& text = sm.file(file).text();
  grammar::xml::parse_options options;
  options.max_depth = max_nesting;
  const grammar::xml::parse_output out = grammar::xml::parse(text, options);
  if (out.error) {
    return grammar_problem(file, text, out.error->message.find("nest deeper") != std::string::npos, out.error->offset,
                           out.error->message, out.error->note_offset, out.error->note);
  }
  std::optional<InputProblem> problem;  // from lowering: an entity only a DOCTYPE could define
  NodeUnit& unit = sm.new_unit(file);
  unit.words = NodeUnit::Words::xml_attribute;  // lean nodes are attributes
  // One detail per element (and per attribute with an entity): reserved, so
  // that a large server.xml holds no doubled vector's slack (nor its copy).
  unit.details.reserve(out.tree.items.size());
  Lowering l{out.tree, text, file, sm, unit, problem};
  std::span<Node> nodes = l.siblings(0, static_cast<std::uint32_t>(out.tree.items.size()));
  if (problem) return *std::move(problem);
  return nodes;
}

}  // namespace staplint
