// Lowers the properties grammar's entries into common nodes. This is the
// grammar/lib boundary: offsets come in, nodes with ranges go out.
#include "lowering.hpp"
#include "properties_parser.hpp"
#include "staplint/file_system.hpp"
#include "staplint/jvm_parse.hpp"

namespace staplint {

JvmFormat jvm_format(std::string_view p) {
  const std::string base = path::basename(std::string(p));
  auto ends = [&](std::string_view s) {
    return base.size() >= s.size() && base.compare(base.size() - s.size(), s.size(), s) == 0;
  };
  if (ends(".properties") || ends(".security") || base == "java.security") return JvmFormat::properties;
  if (ends(".bat") || ends(".cmd") || ends(".BAT") || ends(".CMD")) return JvmFormat::batch;
  const std::string dir = path::basename(path::dirname(std::string(p)));
  if (ends(".service") || (ends(".conf") && dir.size() > 10 && dir.compare(dir.size() - 10, 10, ".service.d") == 0)) {
    return JvmFormat::systemd;
  }
  return JvmFormat::shell;
}

ParseResult parse_properties_text(FileId file, SourceManager& sm) {
  namespace raw = grammar::properties::ast;
  std::optional<InputProblem> problem;  // the first malformed escape
  const std::string& text = sm.file(file).text();
  const std::vector<raw::entry> entries = grammar::properties::parse(text);
  std::span<Node> nodes = sm.arena().make_array<Node>(entries.size());
  NodeUnit& unit = sm.new_unit(file);
  auto view = [&](raw::span s) { return std::string_view(text).substr(s.begin, s.end - s.begin); };
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const raw::entry& e = entries[i];
    Node& n = nodes[i];
    const Range range{e.begin, e.end};
    if (e.kind == raw::entry_kind::comment) {
      n = Node::comment(unit, range, 1);
      continue;
    }
    auto resolved = [&](raw::span s) -> std::string_view {
      const std::string_view w = view(s);
      if (w.find('\\') == std::string_view::npos) return w;
      bool valid = true;
      std::string out = grammar::properties::unescape(w, valid);
      if (!valid && !problem) {
        InputProblem p;
        p.kind = InputProblemKind::syntax;
        p.file = file;
        p.range = {s.begin, s.end};
        p.message = "malformed \\uxxxx escape; the JDK refuses to load this file";
        problem = std::move(p);
      }
      return sm.keep(std::move(out));
    };
    NodeDetail d;
    d.name = resolved(e.key);
    d.name_range = {e.key.begin, e.key.end};
    std::span<Arg> args = sm.arena().make_array<Arg>(1);
    args[0].range = {e.value.begin, e.value.end};
    args[0].value = resolved(e.value);
    d.args = args;
    d.body_range = {e.value.end, e.value.end};
    n = detailed_node(unit, NodeKind::directive, range, d);
  }
  if (problem) return *std::move(problem);
  return nodes;
}

ParseResult parse_jvm_text(FileId file, SourceManager& sm) {
  switch (jvm_format(sm.file(file).path())) {
    case JvmFormat::properties:
      return parse_properties_text(file, sm);
    case JvmFormat::batch:
      return parse_batch_text(file, sm);
    case JvmFormat::systemd:
      return parse_systemd_text(file, sm);
    case JvmFormat::shell:
      break;
  }
  return parse_shell_text(file, sm);
}

}  // namespace staplint
