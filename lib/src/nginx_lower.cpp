// Lowers the nginx grammar's raw tree into common nodes. This is the
// grammar/lib boundary: offsets come in, nodes with ranges go out.
#include <algorithm>
#include <cstring>

#include "lowering.hpp"
#include "nginx_parser.hpp"
#include "nginx_words.hpp"
#include "staplint/loader.hpp"

namespace staplint {
namespace {

namespace raw = grammar::nginx::ast;

/// Lowers the siblings in [first, stop) of the flat pre-order list, and their
/// descendants, into one arena array. A directive whose name is a plain word is
/// lean (ast.hpp); a quoted or escaped name makes it detailed.
std::span<Node> lower_siblings(const raw::tree& t, std::uint32_t first, std::uint32_t stop, NodeUnit& unit,
                               SourceManager& sm) {
  std::span<Node> nodes = sm.arena().make_array<Node>(count_siblings(t.statements, first, stop));
  std::size_t k = 0;
  for (std::uint32_t i = first; i < stop; i = t.statements[i].next) {
    const raw::statement& s = t.statements[i];
    Node& n = nodes[k++];
    const Range range{s.begin, s.end};
    if (s.word_count == 0) {
      n = Node::comment(unit, range, 1);
      continue;
    }
    NodeKind kind = NodeKind::directive;
    if (s.kind == raw::body_kind::block) kind = NodeKind::block;
    if (s.kind == raw::body_kind::raw) kind = NodeKind::raw_block;
    const raw::token* words = t.words.data() + s.first_word;
    const std::string_view name = unit.text.substr(words[0].begin, words[0].end - words[0].begin);
    if (std::none_of(name.begin(), name.end(), [](char c) { return c == '\\' || c == '"' || c == '\''; })) {
      n = Node::lean(unit, kind, range, words[0].end - words[0].begin);
    } else {
      NodeDetail d;
      const Arg a = nginx_word(unit, words[0].begin, words[0].end);
      d.name = a.value;
      d.name_range = a.range;
      d.body_range = {s.body.begin, s.body.end};
      std::span<Arg> args = sm.arena().make_array<Arg>(s.word_count - 1);
      for (std::uint32_t w = 1; w < s.word_count; ++w) {
        args[w - 1] = nginx_word(unit, words[w].begin, words[w].end);
      }
      d.args = args;
      unit.details.push_back(d);
      n = Node::detailed(unit, kind, range, static_cast<std::uint32_t>(unit.details.size() - 1));
    }
    if (kind == NodeKind::block) n.set_children(lower_siblings(t, i + 1, s.next, unit, sm));
  }
  return nodes;
}

}  // namespace

ParseResult parse_nginx_text(FileId file, SourceManager& sm, unsigned max_nesting) {
  const std::string& text = sm.file(file).text();
  grammar::nginx::parse_options opts;
  opts.max_depth = max_nesting;
  // One scratch tree per thread: its vectors keep their capacity from file to file.
  thread_local grammar::nginx::ast::tree scratch;
  grammar::nginx::parse_output out;
  out.error = grammar::nginx::parse_into(text, opts, scratch);
  if (out.error) {
    InputProblem p = grammar_problem(file, text, out.error->kind == grammar::nginx::error_kind::depth_exceeded,
                                     out.error->offset, out.error->message, out.error->note_offset, out.error->note);
    if (out.error->fix_offset) {
      Fix f;
      f.description = "insert '" + out.error->fix_text.substr(0, out.error->fix_text.find('\n')) + "'";
      f.edits.push_back({file, *out.error->fix_offset, 0, out.error->fix_text, {}});
      p.fix = std::move(f);
    }
    return p;
  }
  NodeUnit& unit = sm.new_unit(file);
  return lower_siblings(scratch, 0, static_cast<std::uint32_t>(scratch.statements.size()), unit, sm);
}

}  // namespace staplint
