// --dump-ast FILE: the syntax tree of FILE with its includes expanded, one
// node per line with its position and byte range, then its inclusions and
// the input problems met. For debugging a grammar or a rule.
#include <iostream>

#include "commands.hpp"
#include "staplint/lint.hpp"
#include "staplint/text.hpp"

namespace staplint::cli {

namespace {

void print_node(const SourceManager& sm, const Node& n, int depth) {
  const SourceFile& src = sm.file(n.file());
  const LineCol lc = src.line_col(n.range.begin);
  std::cout << std::string(static_cast<std::size_t>(depth) * 2, ' ');
  static const char* kinds[] = {"directive", "block", "comment", "raw_block", "include", "attribute"};
  std::cout << kinds[static_cast<int>(n.kind)] << " " << escape_for_display(src.path()) << ":" << lc.line << ":"
            << lc.column << " [" << n.range.begin << "," << n.range.end << ")";
  if (n.kind == NodeKind::comment) {
    std::cout << " #" << escape_for_display(n.name()) << "\n";
    return;
  }
  std::cout << " " << escape_for_display(n.name());
  for (const Arg& a : n.args()) {
    std::cout << " "
              << (a.quote == Quote::double_  ? "\""
                  : a.quote == Quote::single ? "'"
                                             : "")
              << escape_for_display(a.value)
              << (a.quote == Quote::double_  ? "\""
                  : a.quote == Quote::single ? "'"
                                             : "");
  }
  if (n.inclusion() != 0) std::cout << " (inclusion " << n.inclusion() << ")";
  std::cout << "\n";
  for (const Node& c : n.children()) print_node(sm, c, depth + 1);
}

}  // namespace

int dump_ast_command(const Invocation& in) {
  const Options& o = in.options;
  DiskFileSystem fs;
  SourceManager sm;
  ConfigLoader loader(fs, sm, o.load);
  if (fs.kind(o.dump_ast) != PathKind::file) {
    std::cerr << "staplint: error: cannot read '" << escape_for_display(o.dump_ast) << "'\n";
    return 2;
  }
  const ReadResult text = fs.read(o.dump_ast, o.load.limits.max_file_size);
  const ConfigTree tree = loader.load(
      o.dump_ast, false, dialect_of_file(o.dump_ast, text.status == ReadResult::Status::ok ? text.bytes : ""));
  for (std::size_t i = 1; i < tree.inclusions.size(); ++i) {
    const Inclusion& inc = tree.inclusions[i];
    std::cout << "inclusion " << i << ": " << escape_for_display(sm.file(inc.file).path()) << " from "
              << escape_for_display(sm.file(inc.site_file).path()) << ":"
              << sm.file(inc.site_file).line_col(inc.site.begin).line << " (parent " << inc.parent << ")\n";
  }
  for (const Node& n : tree.nodes) print_node(sm, n, 0);
  for (const InputProblem& p : tree.problems) {
    const SourceFile& src = sm.file(p.file);
    const LineCol lc = src.line_col(p.range.begin);
    std::cout << "problem " << escape_for_display(src.path()) << ":" << lc.line << ":" << lc.column << ": "
              << escape_for_display(p.message) << "\n";
  }
  return tree.problems.empty() ? 0 : 1;
}

}  // namespace staplint::cli
