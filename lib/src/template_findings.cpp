// Findings and verdicts in templates (template_findings.hpp).
#include "template_findings.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "staplint/template_mask.hpp"

namespace staplint {

namespace {

std::string_view kind_words(TemplateRegion::Kind k) {
  switch (k) {
    case TemplateRegion::Kind::condition:
      return "a template condition";
    case TemplateRegion::Kind::loop:
      return "a template loop";
    case TemplateRegion::Kind::block:
      return "a template block";
    case TemplateRegion::Kind::insertion:
      return "a template insertion";
  }
  return "a template region";
}

/// The first region (not a loop: its body is read once, as written) that
/// lies inside `extent`.
const TemplateRegion* region_inside(const TemplateMask& m, Range extent) {
  // Regions are in order of their starts: from the first inside `extent`.
  auto it = std::lower_bound(m.regions.begin(), m.regions.end(), extent.begin,
                             [](const TemplateRegion& g, std::uint32_t at) { return g.range.begin < at; });
  for (; it != m.regions.end(); ++it) {
    const TemplateRegion& g = *it;
    if (g.range.begin >= extent.end) break;
    if (g.kind != TemplateRegion::Kind::loop && g.range.begin >= extent.begin && g.range.end <= extent.end) return &g;
  }
  return nullptr;
}

bool fix_touches_markup(const Fix& fix, const SourceManager& sources) {
  return std::any_of(fix.edits.begin(), fix.edits.end(), [&](const TextEdit& e) {
    if (!e.create.empty() || e.file == kNoFile) return false;
    const TemplateMask* m = sources.file(e.file).template_mask();
    return m && m->touches_markup({e.offset, e.offset + e.length});
  });
}

}  // namespace

namespace {

/// Where a message word ends: what no value of a configuration holds.
bool ends_word(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\'' || c == '"' || c == ',' || c == ';' || c == '(' || c == ')' ||
         c == '[' || c == ']';
}

/// Whether the masked text may end a word before or after `c`: what ends a
/// message word, and the markup around a value (`<VirtualHost x>`, `a="x"`).
bool bounds_value(char c) {
  return ends_word(c) || c == '\r' || c == '<' || c == '>' || c == '{' || c == '}' || c == '=';
}

/// The hole of `m` that begins at masked offset `at` and is `len` long.
const Range* hole_at(const TemplateMask& m, std::size_t at, std::size_t len) {
  auto it =
      std::lower_bound(m.holes.begin(), m.holes.end(), at, [](const Range& h, std::size_t x) { return h.begin < x; });
  if (it == m.holes.end() || it->begin != at || it->end - it->begin != len) return nullptr;
  return &*it;
}

/// How far before and after a finding's extent show_holes looks for a word.
constexpr std::uint32_t kNearBefore = 64 * 1024;
constexpr std::uint32_t kNearAfter = 4 * 1024;

/// How many places of a word show_holes tries in one direction.
constexpr int kMaxPlaces = 64;

/// The hole at `offset` in `word`, where the word stands bounded in the
/// masked text at `at`; or nullptr.
const Range* hole_at_place(const TemplateMask& m, std::string_view masked, std::size_t at, std::string_view word,
                           std::size_t offset, std::size_t len) {
  const std::size_t end = at + word.size();
  if ((at > 0 && !bounds_value(masked[at - 1])) || (end < masked.size() && !bounds_value(masked[end]))) {
    return nullptr;
  }
  return hole_at(m, at + offset, len);
}

/// The hole at `offset` of the first bounded place of `word` that lies in
/// [b, e), trying at most kMaxPlaces places.
const Range* word_hole_after(const TemplateMask& m, std::string_view masked, std::string_view word, std::size_t offset,
                             std::size_t len, std::size_t b, std::size_t e) {
  const std::string_view area = masked.substr(0, std::min(e, masked.size()));
  int tries = 0;
  for (std::size_t at = area.find(word, b); at != std::string_view::npos && tries < kMaxPlaces;
       at = area.find(word, at + 1), ++tries) {
    if (const Range* h = hole_at_place(m, masked, at, word, offset, len)) return h;
  }
  return nullptr;
}

/// The same, for the last place that begins in [b, e) (the nearest before e).
const Range* word_hole_before(const TemplateMask& m, std::string_view masked, std::string_view word, std::size_t offset,
                              std::size_t len, std::size_t b, std::size_t e) {
  if (e <= b) return nullptr;
  int tries = 0;
  for (std::size_t at = masked.rfind(word, e - 1); at != std::string_view::npos && at >= b && tries < kMaxPlaces;
       ++tries) {
    if (const Range* h = hole_at_place(m, masked, at, word, offset, len)) return h;
    if (at == 0) break;
    at = masked.rfind(word, at - 1);
  }
  return nullptr;
}

/// The first hole `len` long in `extent` that begins at or after `from`.
const Range* hole_of_length(const TemplateMask& m, Range extent, std::uint32_t from, std::size_t len) {
  auto it = std::lower_bound(m.holes.begin(), m.holes.end(), std::max(extent.begin, from),
                             [](const Range& h, std::uint32_t at) { return h.begin < at; });
  for (; it != m.holes.end() && it->begin < extent.end; ++it) {
    if (it->end - it->begin == len && it->end <= extent.end) return &*it;
  }
  return nullptr;
}

}  // namespace

std::string show_holes(std::string s, FileId file, Range extent, const SourceManager& sources) {
  if (file == kNoFile || s.find(kHoleFiller) == std::string::npos) return s;
  const SourceFile& src = sources.file(file);
  const TemplateMask* m = src.template_mask();
  if (!m) return s;
  const std::string_view masked = src.text();  // the mask (the mask's own text moved there)
  const Range within{std::min<std::uint32_t>(extent.begin, static_cast<std::uint32_t>(masked.size())),
                     std::min<std::uint32_t>(extent.end, static_cast<std::uint32_t>(masked.size()))};
  std::string out;
  std::uint32_t cursor = within.begin;  // after the hole shown last
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != kHoleFiller) {
      out += s[i++];
      continue;
    }
    std::size_t e = i;
    while (e < s.size() && s[e] == kHoleFiller) ++e;
    const std::size_t len = e - i;
    // First the word that holds the run, found as such in the masked text of
    // `extent`: its holes are the run's, exactly.
    std::size_t wb = i;
    while (wb > 0 && !ends_word(s[wb - 1])) --wb;
    std::size_t we = e;
    while (we < s.size() && !ends_word(s[we])) ++we;
    const std::string_view word = std::string_view(s).substr(wb, we - wb);
    const std::size_t offset = i - wb;
    // In `extent`, the first place; else near it (a finding about an
    // attribute names its element), the nearest place before it, else the
    // first after; bounded, so that many findings in a large template stay cheap.
    const Range* hole = word_hole_after(*m, masked, word, offset, len, within.begin, within.end);
    if (!hole) {
      const std::size_t b = within.begin > kNearBefore ? within.begin - kNearBefore : 0;
      hole = word_hole_before(*m, masked, word, offset, len, b, within.begin);
    }
    if (!hole)
      hole = word_hole_after(*m, masked, word, offset, len, within.begin, std::size_t{within.end} + kNearAfter);
    // Else the next hole of that length after the last one shown (a name's
    // holes come in the order the template writes them), else the first.
    if (!hole) hole = hole_of_length(*m, within, cursor, len);
    if (!hole) hole = hole_of_length(*m, within, within.begin, len);
    if (hole) {
      out.append(src.original(), hole->begin, len);
      cursor = hole->end;
    } else {
      out.append(s, i, len);
    }
    i = e;
  }
  return out;
}

TemplateBlocks::TemplateBlocks(const ConfigTree& tree, const SourceManager& sources) {
  const bool any = std::any_of(tree.files.begin(), tree.files.end(),
                               [&](FileId f) { return f < sources.size() && sources.file(f).template_mask(); });
  if (!any) return;
  // Without recursion: an explicit stack over the tree's node lists.
  std::vector<std::span<const Node>> todo{tree.nodes};
  while (!todo.empty()) {
    const std::span<const Node> nodes = todo.back();
    todo.pop_back();
    for (const Node& n : nodes) {
      if (n.is_block() && n.file() != kNoFile && sources.file(n.file()).template_mask()) {
        blocks_.emplace((std::uint64_t{n.file()} << 32) | n.name_range().begin, &n);
      }
      if (!n.children().empty()) todo.push_back(n.children());
    }
  }
}

const Node* TemplateBlocks::at(FileId file, std::uint32_t name_begin) const {
  if (blocks_.empty()) return nullptr;
  const auto it = blocks_.find((std::uint64_t{file} << 32) | name_begin);
  return it == blocks_.end() ? nullptr : it->second;
}

bool judge_template_finding(Finding& f, const TemplateBlocks& blocks, const SourceManager& sources) {
  std::erase_if(f.fixes, [&](const Fix& fix) { return fix_touches_markup(fix, sources); });
  if (f.file == kNoFile) return true;
  const TemplateMask* m = sources.file(f.file).template_mask();
  if (!m) return true;
  // Input problems are the file's own (a syntax error, a limit), except an
  // include whose path is a hole: that path is unknown before rendering.
  const bool input_problem = f.rule_id.rfind("SL000", 0) == 0 && f.rule_id != "SL0002" && f.rule_id != "SL0003";
  if (!input_problem && m->in_hole(f.range)) return false;  // a value only rendering knows
  if (const TemplateMask::Value* v = m->value_in(f.range)) {
    // A value the repository gives: the finding is the rendered file's.
    f.notes.push_back({f.file, v->range,
                       v->yaml_boolean.empty()
                           ? "'" + v->variable + "' renders as '" + v->value + "' here, as " + v->source +
                                 " gives it; change it there"
                           : "'" + v->variable + "' renders as '" + v->value + "' here: YAML reads the bare '" +
                                 v->yaml_boolean + "' at " + v->source + " as a boolean; write it in quotes there ('" +
                                 v->yaml_boolean + "')"});
  }
  const Node* block = blocks.at(f.file, f.range.begin);
  f.message = show_holes(std::move(f.message), f.file, block ? block->range : f.range, sources);
  if (f.conditional) return true;
  if (const TemplateRegion* g = m->region_of(f.range); g && g->kind != TemplateRegion::Kind::loop) {
    f.conditional = true;
    f.notes.push_back({f.file, g->tag,
                       "this is inside " + std::string(kind_words(g->kind)) +
                           ", which staplint does not evaluate: it holds only if the template renders it"});
    return true;
  }
  if (input_problem) return true;
  // A finding about a block (what it lacks) depends on what the template may
  // leave out of it, or insert into it.
  if (!block) return true;
  if (const TemplateRegion* g = region_inside(*m, block->range)) {
    f.conditional = true;
    f.notes.push_back({f.file, g->tag,
                       "this block holds " + std::string(kind_words(g->kind)) +
                           ", which staplint does not evaluate: the rendered block may differ"});
  }
  return true;
}

Stapling template_verdict(Stapling v, const Node& block, const SourceManager& sources) {
  // A fatal verdict may come from the hole itself (`ssl_stapling {{ x }};`
  // reads as an invalid value): judged like the others.
  if (v == Stapling::unknown || block.file() == kNoFile) return v;
  const SourceFile& src = sources.file(block.file());
  const TemplateMask* m = src.template_mask();
  if (!m) return v;
  if (region_inside(*m, block.range)) return Stapling::unknown;
  auto first = std::lower_bound(m->holes.begin(), m->holes.end(), block.range.begin,
                                [](const Range& h, std::uint32_t at) { return h.begin < at; });
  for (auto it = first; it != m->holes.end() && it->begin < block.range.end; ++it) {
    const Range& h = *it;
    if (h.end > block.range.end) continue;
    // The line of the hole: does it name stapling or OCSP?
    const std::string& text = src.original();
    const std::size_t nl = h.begin == 0 ? std::string::npos : text.rfind('\n', h.begin - 1);
    const std::size_t b = nl == std::string::npos ? 0 : nl + 1;
    const std::size_t e = std::min(text.find('\n', h.end), text.size());
    std::string line = text.substr(b, e - b);
    for (char& c : line) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (line.find("stapl") != std::string::npos || line.find("ocsp") != std::string::npos) return Stapling::unknown;
  }
  return v;
}

}  // namespace staplint
