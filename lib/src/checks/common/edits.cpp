#include "checks/common/edits.hpp"

namespace staplint::checks {

std::optional<std::string> line_indent(const SourceFile& src, std::uint32_t offset) {
  const std::string& t = src.text();
  std::uint32_t i = offset;
  while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t')) --i;
  if (i > 0 && t[i - 1] != '\n') return std::nullopt;
  if (i == 0 && src.has_bom()) return std::nullopt;
  return t.substr(i, offset - i);
}

namespace {
/// The file's own line end, so fixes do not mix LF into CRLF files.
std::string newline_of(const SourceFile& src) { return src.crlf() ? "\r\n" : "\n"; }
std::string join_lines(const std::vector<std::string>& lines, const std::string& sep) {
  std::string out;
  for (const std::string& l : lines) out += sep + l;
  return out;
}
/// The block's indentation step: first child's indent minus the block's.
std::string indent_unit(const SourceFile& src, const Node& block) {
  const std::string outer = line_indent(src, block.range.begin).value_or("");
  for (const Node& c : block.children()) {
    if (c.file() != block.file()) continue;
    if (auto in = line_indent(src, c.range.begin); in && in->size() > outer.size()) {
      return in->substr(outer.size());
    }
  }
  return outer.find('\t') != std::string::npos ? "\t" : "    ";
}
}  // namespace

TextEdit insert_after(const SourceManager& sources, const Node& after, const std::vector<std::string>& lines) {
  const SourceFile& src = sources.file(after.file());
  TextEdit e;
  e.file = after.file();
  e.offset = after.range.end;
  // Keep a trailing `# comment` with its own directive: insert after it.
  const std::string& t = src.text();
  std::uint32_t i = e.offset;
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
  if (i < t.size() && t[i] == '#') {
    while (i < t.size() && t[i] != '\n') ++i;
    if (i > 0 && t[i - 1] == '\r') --i;
    e.offset = i;
  }
  if (auto indent = line_indent(src, after.range.begin)) {
    e.text = join_lines(lines, newline_of(src) + *indent);
  } else {
    e.text = join_lines(lines, " ");  // a one-line block: stay on the line
  }
  return e;
}

TextEdit insert_before(const SourceManager& sources, const Node& before, const std::vector<std::string>& lines) {
  const SourceFile& src = sources.file(before.file());
  TextEdit e;
  e.file = before.file();
  e.offset = before.range.begin;
  if (auto indent = line_indent(src, before.range.begin)) {
    const std::string nl = newline_of(src);
    for (const std::string& l : lines) e.text += l + nl + *indent;
  } else {
    for (const std::string& l : lines) e.text += l + " ";
  }
  return e;
}

TextEdit insert_at_block_start(const SourceManager& sources, const Node& block, const std::vector<std::string>& lines) {
  const SourceFile& src = sources.file(block.file());
  TextEdit e;
  e.file = block.file();
  e.offset = block.body_range().begin + 1;  // just after '{'
  const std::string& t = src.text();
  const bool multiline = t.find('\n', e.offset) < block.body_range().end;
  if (auto outer = line_indent(src, block.range.begin); outer && multiline) {
    e.text = join_lines(lines, newline_of(src) + *outer + indent_unit(src, block));
  } else {
    e.text = join_lines(lines, " ");
  }
  return e;
}

TextEdit delete_statement(const SourceManager& sources, const Node& n) {
  const std::string& t = sources.file(n.file()).text();
  std::uint32_t begin = n.range.begin;
  std::uint32_t end = n.range.end;
  std::uint32_t after = end;
  while (after < t.size() && (t[after] == ' ' || t[after] == '\t')) ++after;
  const bool line_alone = line_indent(sources.file(n.file()), begin).has_value() &&
                          (after == t.size() || t[after] == '\n' || t[after] == '\r');
  if (line_alone) {
    while (begin > 0 && (t[begin - 1] == ' ' || t[begin - 1] == '\t')) --begin;
    end = after;
    if (end < t.size() && t[end] == '\r') ++end;
    if (end < t.size() && t[end] == '\n') ++end;
  } else {
    end = after;  // and the spaces after it
  }
  TextEdit e;
  e.file = n.file();
  e.offset = begin;
  e.length = end - begin;
  return e;
}

TextEdit replace_first_arg(const Node& directive, const std::string& text) {
  TextEdit e;
  e.file = directive.file();
  const Range r = directive.args().front().range;
  e.offset = r.begin;
  e.length = r.end - r.begin;
  e.text = text;
  return e;
}

}  // namespace staplint::checks
