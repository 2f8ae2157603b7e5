// Masks a template into configuration text of the same length (see
// template_mask.hpp). One pass over the text, no recursion: open regions are
// kept on an explicit stack, bounded by kMaxTemplateNesting.
#include "staplint/template_mask.hpp"

#include <algorithm>
#include <array>

namespace staplint {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }
bool is_ident(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }
bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_blank(s.front()) || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

/// The first identifier of `s` (after blanks).
std::string_view first_word(std::string_view s) {
  s = trim(s);
  std::size_t n = 0;
  while (n < s.size() && is_ident(s[n])) ++n;
  return s.substr(0, n);
}

class Masker {
 public:
  Masker(std::string_view text, TemplateMask& out) : text_(text), out_(out) { out_.text.assign(text); }

  /// Blanks [b, e): line ends stay, so that lines keep their numbers.
  void blank(std::size_t b, std::size_t e) {
    note_masked(b, e);
    for (std::size_t i = b; i < e; ++i) {
      if (out_.text[i] != '\n' && out_.text[i] != '\r') out_.text[i] = ' ';
    }
  }
  /// An expression: a hole of filler bytes, or, alone on its line (it stands
  /// for whole statements, `{{ extra_options }}`), an insertion.
  void expression(std::size_t b, std::size_t e) {
    if (alone_on_line(b, e)) {
      blank(b, e);
      push_region(TemplateRegion::Kind::insertion, b, e);
      return;
    }
    note_masked(b, e);
    for (std::size_t i = b; i < e; ++i) {
      if (out_.text[i] != '\n' && out_.text[i] != '\r') out_.text[i] = kHoleFiller;
    }
    out_.holes.push_back(range(b, e));
  }
  /// `else`, `elif`, `elsif`, `when`: a condition with another branch, one
  /// of which renders (a loop's `else` is no such thing).
  void alternative(std::size_t b, std::size_t e) {
    blank(b, e);
    if (!open_.empty() && open_.back().region != kNone &&
        out_.regions[open_.back().region].kind == TemplateRegion::Kind::condition) {
      out_.regions[open_.back().region].alternatives = true;
    }
  }
  void insertion(std::size_t b, std::size_t e) {
    blank(b, e);
    push_region(TemplateRegion::Kind::insertion, b, e);
  }
  void open(TemplateRegion::Kind kind, std::string_view closer, std::size_t b, std::size_t e) {
    if (push_open(kind, closer, b, e, true)) push_region(kind, b, e);  // its end is set when it closes
  }
  /// A scope with no region of its own (Jinja's `with`), kept to match its end.
  void open_neutral(std::string_view closer, std::size_t b, std::size_t e) {
    push_open(TemplateRegion::Kind::condition, closer, b, e, false);
  }
  /// A closing tag: `closer` is what it says (`endif`), or empty when any
  /// open block ends with it (Go's and ERB's `end`).
  void close(std::string_view closer, std::string_view shown, std::size_t b, std::size_t e) {
    blank(b, e);
    if (open_.empty()) {
      problem(b, e, "'" + std::string(shown) + "' closes no open template block");
      return;
    }
    const Open top = open_.back();
    if (!closer.empty() && top.closer != closer) {
      problem(b, e,
              "'" + std::string(shown) + "' does not close the template block opened at byte " +
                  std::to_string(top.tag.begin) + "; it expects '" + std::string(top.closer) + "'");
      // Close it anyway, so that the rest still reads.
    }
    open_.pop_back();
    if (top.region != kNone) out_.regions[top.region].range.end = static_cast<std::uint32_t>(e);
  }
  void finish() {
    while (!open_.empty()) {
      const Open top = open_.back();
      problem(top.tag.begin, top.tag.end, "template block is not closed; '" + std::string(top.closer) + "' is missing");
      open_.pop_back();
      if (top.region != kNone) out_.regions[top.region].range.end = static_cast<std::uint32_t>(text_.size());
    }
  }
  void problem(std::size_t b, std::size_t e, std::string message) {
    if (!out_.problem) out_.problem = TemplateMask::Problem{range(b, e), std::move(message)};
  }

  std::string_view text() const { return text_; }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  struct Open {
    TemplateRegion::Kind kind;
    std::string_view closer;
    Range tag;
    std::size_t region;
  };
  /// Blanks an opening tag and keeps it open, within kMaxTemplateNesting.
  bool push_open(TemplateRegion::Kind kind, std::string_view closer, std::size_t b, std::size_t e, bool region) {
    blank(b, e);
    if (open_.size() >= kMaxTemplateNesting) {
      problem(b, e, "template blocks nest deeper than " + std::to_string(kMaxTemplateNesting) + " levels");
      return false;
    }
    open_.push_back({kind, closer, range(b, e), region ? out_.regions.size() : kNone});
    return true;
  }
  void note_masked(std::size_t b, std::size_t e) {
    if (b >= e) return;
    if (!out_.masked.empty() && out_.masked.back().end >= b) {
      out_.masked.back().end = std::max(out_.masked.back().end, static_cast<std::uint32_t>(e));
      return;
    }
    out_.masked.push_back(range(b, e));
  }
  void push_region(TemplateRegion::Kind kind, std::size_t b, std::size_t e) {
    TemplateRegion g{kind, range(b, e), range(b, e), -1, false};
    for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
      if (it->region != kNone && it->region != out_.regions.size()) {
        g.parent = static_cast<std::int32_t>(it->region);
        break;
      }
    }
    out_.regions.push_back(g);
  }
  static Range range(std::size_t b, std::size_t e) {
    return {static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)};
  }
  bool alone_on_line(std::size_t b, std::size_t e) const {
    std::size_t i = b;
    while (i > 0 && text_[i - 1] != '\n') {
      if (!is_blank(text_[i - 1])) return false;
      --i;
    }
    for (std::size_t j = e; j < text_.size() && text_[j] != '\n'; ++j) {
      if (!is_blank(text_[j])) return false;
    }
    return true;
  }

  std::string_view text_;
  TemplateMask& out_;
  std::vector<Open> open_;
};

/// Where a `{{ }}`-style tag that opened at `from` ends: past `close`, with
/// strings in the expression skipped ('...', "...", and `...` when `raw`).
/// npos when it never closes.
std::size_t tag_end(std::string_view t, std::size_t from, std::string_view close, bool backquote) {
  std::size_t i = from;
  while (i < t.size()) {
    const char c = t[i];
    if (c == '"' || c == '\'' || (backquote && c == '`')) {
      const char q = c;
      ++i;
      while (i < t.size() && t[i] != q) {
        if (t[i] == '\n' && q != '`') break;  // an unclosed quote ends at its line
        if (t[i] == '\\' && q != '`' && i + 1 < t.size()) ++i;
        ++i;
      }
      if (i < t.size() && t[i] == q) ++i;
      continue;
    }
    if (t.compare(i, close.size(), close) == 0) return i + close.size();
    ++i;
  }
  return std::string_view::npos;
}

/// The inside of a tag, without its delimiters and whitespace-control marks.
std::string_view inner(std::string_view t, std::size_t b, std::size_t e, std::size_t open_len, std::size_t close_len) {
  std::string_view s = t.substr(b + open_len, e - b - open_len - close_len);
  if (!s.empty() && (s.front() == '-' || s.front() == '+' || s.front() == '~')) s.remove_prefix(1);
  if (!s.empty() && (s.back() == '-' || s.back() == '+' || s.back() == '~')) s.remove_suffix(1);
  return trim(s);
}

void mask_jinja(Masker& m) {
  const std::string_view t = m.text();
  std::size_t i = 0;
  while (i + 1 < t.size()) {
    if (t[i] != '{' || (t[i + 1] != '{' && t[i + 1] != '%' && t[i + 1] != '#')) {
      ++i;
      continue;
    }
    const char kind = t[i + 1];
    const std::string_view close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
    const std::size_t e = kind == '#' ? t.find("#}", i + 2) : tag_end(t, i + 2, close, false);
    if (e == std::string_view::npos) {
      m.problem(i, i + 2, "'" + std::string(t.substr(i, 2)) + "' is not closed by '" + std::string(close) + "'");
      m.blank(i, t.size());
      return;
    }
    const std::size_t end = kind == '#' ? e + 2 : e;
    if (kind == '#') {
      m.blank(i, end);
    } else if (kind == '{') {
      m.expression(i, end);
    } else {
      const std::string_view body = inner(t, i, end, 2, 2);
      const std::string_view word = first_word(body);
      using K = TemplateRegion::Kind;
      if (word == "raw") {
        // Literal text up to {% endraw %}: only the two tags are masked.
        std::size_t r = end;
        std::size_t raw_end = std::string_view::npos, raw_close = 0;
        while ((r = t.find("{%", r)) != std::string_view::npos) {
          const std::size_t ce = tag_end(t, r + 2, "%}", false);
          if (ce == std::string_view::npos) break;
          if (first_word(inner(t, r, ce, 2, 2)) == "endraw") {
            raw_end = r;
            raw_close = ce;
            break;
          }
          r = ce;
        }
        m.blank(i, end);
        if (raw_end == std::string_view::npos) {
          m.problem(i, end, "'{% raw %}' is not closed by '{% endraw %}'");
          return;
        }
        m.blank(raw_end, raw_close);
        i = raw_close;
        continue;
      }
      if (word == "if") {
        m.open(K::condition, "endif", i, end);
      } else if (word == "for") {
        m.open(K::loop, "endfor", i, end);
      } else if (word == "block") {
        m.open(K::block, "endblock", i, end);
      } else if (word == "macro") {
        m.open(K::block, "endmacro", i, end);
      } else if (word == "call") {
        m.open(K::block, "endcall", i, end);
      } else if (word == "filter") {
        m.open(K::block, "endfilter", i, end);
      } else if (word == "set" && body.find('=') == std::string_view::npos) {
        m.open(K::block, "endset", i, end);  // {% set x %}...{% endset %} captures, prints nothing
      } else if (word == "with" || word == "autoescape" || word == "trans") {
        m.open_neutral(word == "with" ? "endwith" : word == "autoescape" ? "endautoescape" : "endtrans", i, end);
      } else if (starts_with(word, "end")) {
        m.close(word, "{% " + std::string(word) + " %}", i, end);
      } else if (word == "include" || word == "extends" || word == "import" || word == "from") {
        m.insertion(i, end);
      } else if (word == "elif" || word == "else") {
        m.alternative(i, end);
      } else {
        m.blank(i, end);  // set x = ..., do, break, continue, pluralize
      }
    }
    i = end;
  }
}

/// `$x := ...` or `$x = ...`: a Go action that prints nothing.
bool assigns(std::string_view body) {
  return !body.empty() && body.front() == '$' &&
         (body.find(":=") != std::string_view::npos || body.find(" = ") != std::string_view::npos);
}

void mask_go(Masker& m) {
  const std::string_view t = m.text();
  std::size_t i = 0;
  while (i + 1 < t.size()) {
    if (t[i] != '{' || t[i + 1] != '{') {
      ++i;
      continue;
    }
    // {{/* a comment */}}, {{- /* a comment */ -}}
    std::size_t c = i + 2;
    if (c < t.size() && t[c] == '-') ++c;
    while (c < t.size() && is_blank(t[c])) ++c;
    if (t.compare(c, 2, "/*") == 0) {
      const std::size_t ce = t.find("*/", c + 2);
      const std::size_t e = ce == std::string_view::npos ? ce : t.find("}}", ce + 2);
      if (e == std::string_view::npos) {
        m.problem(i, i + 2, "template comment is not closed by '*/}}'");
        m.blank(i, t.size());
        return;
      }
      m.blank(i, e + 2);
      i = e + 2;
      continue;
    }
    const std::size_t end = tag_end(t, i + 2, "}}", true);
    if (end == std::string_view::npos) {
      m.problem(i, i + 2, "'{{' is not closed by '}}'");
      m.blank(i, t.size());
      return;
    }
    const std::string_view body = inner(t, i, end, 2, 2);
    const std::string_view word = first_word(body);
    using K = TemplateRegion::Kind;
    if (word == "if" || word == "with") {
      m.open(K::condition, "end", i, end);
    } else if (word == "range") {
      m.open(K::loop, "end", i, end);
    } else if (word == "define" || word == "block") {
      m.open(K::block, "end", i, end);
    } else if (word == "end") {
      m.close("", "{{ end }}", i, end);
    } else if (word == "template") {
      m.insertion(i, end);
    } else if (word == "else") {
      m.alternative(i, end);  // {{ else }}, {{ else if x }}, {{ else with x }}
    } else if (word == "break" || word == "continue" || assigns(body)) {
      m.blank(i, end);  // {{ $x := ... }} prints nothing
    } else {
      m.expression(i, end);
    }
    i = end;
  }
}

void mask_erb(Masker& m) {
  const std::string_view t = m.text();
  std::size_t i = 0;
  while (i + 1 < t.size()) {
    if (t[i] != '<' || t[i + 1] != '%') {
      ++i;
      continue;
    }
    if (i + 2 < t.size() && t[i + 2] == '%') {  // <%% is a literal <%
      i += 3;
      continue;
    }
    const std::size_t ce = t.find("%>", i + 2);
    if (ce == std::string_view::npos) {
      m.problem(i, i + 2, "'<%' is not closed by '%>'");
      m.blank(i, t.size());
      return;
    }
    const std::size_t end = ce + 2;
    const char mark = i + 2 < t.size() ? t[i + 2] : ' ';
    if (mark == '#') {
      m.blank(i, end);
    } else if (mark == '=') {
      m.expression(i, end);
    } else {
      std::string_view code = t.substr(i + 2, ce - i - 2);
      if (!code.empty() && code.front() == '-') code.remove_prefix(1);
      if (!code.empty() && code.back() == '-') code.remove_suffix(1);
      code = trim(code);
      const std::string_view word = first_word(code);
      using K = TemplateRegion::Kind;
      // `x.each do |y|`, `loop do`: a block; a trailing `{ |y|` is rare in templates.
      std::string_view tail = code;
      if (const std::size_t bar = tail.rfind("do |"); bar != std::string_view::npos && ends_with(tail, "|")) {
        tail = tail.substr(0, bar + 2);
      }
      const bool block_do = ends_with(tail, " do") || tail == "do";
      if (word == "if" || word == "unless" || word == "case") {
        m.open(K::condition, "end", i, end);
      } else if (word == "while" || word == "until" || word == "for" || block_do) {
        m.open(K::loop, "end", i, end);
      } else if (word == "end") {
        m.close("", "<% end %>", i, end);
      } else if (word == "elsif" || word == "else" || word == "when") {
        m.alternative(i, end);
      } else {
        m.blank(i, end);  // assignments, helpers
      }
    }
    i = end;
  }
}

/// ${NAME} and $NAME where NAME is in capitals: nginx's own variables
/// ($host, ${request_uri}) are lower-case and stay as they are, as the
/// official image's envsubst substitutes only variables of the environment.
void mask_envsubst(Masker& m) {
  const std::string_view t = m.text();
  auto capital_name = [](std::string_view n) {
    if (n.empty() || (n.front() >= '0' && n.front() <= '9')) return false;
    bool letter = false;
    for (const char c : n) {
      if (c >= 'a' && c <= 'z') return false;
      if (!is_ident(c)) return false;
      letter = letter || (c >= 'A' && c <= 'Z');
    }
    return letter;
  };
  std::size_t i = 0;
  while (i < t.size()) {
    if (t[i] != '$' || i + 1 >= t.size()) {
      ++i;
      continue;
    }
    if (t[i + 1] == '{') {
      const std::size_t e = t.find('}', i + 2);
      if (e != std::string_view::npos && capital_name(t.substr(i + 2, e - i - 2))) {
        m.expression(i, e + 1);
        i = e + 1;
        continue;
      }
      ++i;
      continue;
    }
    std::size_t e = i + 1;
    while (e < t.size() && is_ident(t[e])) ++e;
    if (capital_name(t.substr(i + 1, e - i - 1))) m.expression(i, e);
    i = std::max(e, i + 1);
  }
}

}  // namespace

std::string_view to_string(TemplateEngine e) {
  switch (e) {
    case TemplateEngine::jinja:
      return "jinja";
    case TemplateEngine::go:
      return "go";
    case TemplateEngine::erb:
      return "erb";
    case TemplateEngine::envsubst:
      return "envsubst";
  }
  return "jinja";
}

std::optional<TemplateEngine> parse_template_engine(std::string_view name) {
  if (name == "jinja" || name == "jinja2" || name == "j2") return TemplateEngine::jinja;
  if (name == "go" || name == "gotmpl" || name == "helm") return TemplateEngine::go;
  if (name == "erb") return TemplateEngine::erb;
  if (name == "envsubst") return TemplateEngine::envsubst;
  return std::nullopt;
}

std::optional<TemplateName> template_by_name(std::string_view path) {
  struct Suffix {
    std::string_view ext;
    TemplateEngine engine;
  };
  static constexpr std::array<Suffix, 8> kSuffixes{{{".j2", TemplateEngine::jinja},
                                                    {".jinja", TemplateEngine::jinja},
                                                    {".jinja2", TemplateEngine::jinja},
                                                    {".tmpl", TemplateEngine::go},
                                                    {".tpl", TemplateEngine::go},
                                                    {".gotmpl", TemplateEngine::go},
                                                    {".erb", TemplateEngine::erb},
                                                    {".template", TemplateEngine::envsubst}}};
  const std::size_t slash = path.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (const Suffix& s : kSuffixes) {
    if (base.size() > s.ext.size() && ends_with(base, s.ext)) {
      return TemplateName{s.engine, std::string(path.substr(0, path.size() - s.ext.size()))};
    }
  }
  return std::nullopt;
}

bool TemplateMask::in_hole(Range r) const {
  // holes are in order and do not overlap: the first that ends past r.begin
  auto it = std::upper_bound(holes.begin(), holes.end(), r.begin,
                             [](std::uint32_t at, const Range& h) { return at < h.end; });
  return it != holes.end() && it->begin < std::max(r.end, r.begin + 1);
}

bool has_optional_condition(const TemplateMask& m) {
  return std::any_of(m.regions.begin(), m.regions.end(), [](const TemplateRegion& g) {
    return g.kind == TemplateRegion::Kind::condition && !g.alternatives;
  });
}

void leave_out_conditions(TemplateMask& m) {
  std::vector<Range> out;
  for (const TemplateRegion& g : m.regions) {
    if (g.kind != TemplateRegion::Kind::condition || g.alternatives) continue;
    if (!out.empty() && g.range.begin < out.back().end) continue;  // inside one left out already
    out.push_back(g.range);
  }
  auto inside = [&](Range r) {
    const auto it =
        std::upper_bound(out.begin(), out.end(), r.begin, [](std::uint32_t at, const Range& o) { return at < o.end; });
    return it != out.end() && it->begin <= r.begin && r.end <= it->end;
  };
  for (const Range& o : out) {
    for (std::uint32_t i = o.begin; i < o.end && i < m.text.size(); ++i) {
      if (m.text[i] != '\n' && m.text[i] != '\r') m.text[i] = ' ';
    }
  }
  std::erase_if(m.holes, inside);
  std::erase_if(m.values, [&](const TemplateMask::Value& v) { return inside(v.range); });
}

const TemplateMask::Value* TemplateMask::value_in(Range r) const {
  auto it = std::upper_bound(values.begin(), values.end(), r.begin,
                             [](std::uint32_t at, const Value& v) { return at < v.range.end; });
  return it != values.end() && it->range.begin < std::max(r.end, r.begin + 1) ? &*it : nullptr;
}

bool TemplateMask::touches_markup(Range r) const {
  auto it = std::upper_bound(masked.begin(), masked.end(), r.begin,
                             [](std::uint32_t at, const Range& m) { return at < m.end; });
  if (it == masked.end()) return false;
  if (r.begin == r.end) return it->begin < r.begin;  // strictly inside
  return it->begin < r.end;
}

const TemplateRegion* TemplateMask::region_of(Range r) const {
  // Regions are in order of their starts and nest: from the last one that
  // starts at or before r, walk out through the parents (at most
  // kMaxTemplateNesting of them) to the first that holds r.
  auto it = std::upper_bound(regions.begin(), regions.end(), r.begin,
                             [](std::uint32_t at, const TemplateRegion& g) { return at < g.range.begin; });
  if (it == regions.begin()) return nullptr;
  std::int32_t k = static_cast<std::int32_t>(it - regions.begin()) - 1;
  while (k >= 0) {
    const TemplateRegion& g = regions[static_cast<std::size_t>(k)];
    if (g.kind != TemplateRegion::Kind::insertion && g.range.begin <= r.begin && r.end <= g.range.end) return &g;
    k = g.parent;
  }
  return nullptr;
}

TemplateMask mask_template(std::string_view text, TemplateEngine engine) {
  TemplateMask out;
  Masker m(text, out);
  switch (engine) {
    case TemplateEngine::jinja:
      mask_jinja(m);
      break;
    case TemplateEngine::go:
      mask_go(m);
      break;
    case TemplateEngine::erb:
      mask_erb(m);
      break;
    case TemplateEngine::envsubst:
      mask_envsubst(m);
      break;
  }
  m.finish();
  return out;
}

std::optional<TemplateMarker> template_marker_at(std::string_view text, std::uint32_t at) {
  at = std::min<std::uint32_t>(at, static_cast<std::uint32_t>(text.size()));
  const std::size_t nl = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
  const std::size_t begin = nl == std::string_view::npos ? 0 : nl + 1;
  const std::size_t end = std::min(text.find('\n', at), text.size());
  const std::string_view line = text.substr(begin, end - begin);
  struct Kind {
    std::string_view open, close;
    TemplateEngine engine;
  };
  static constexpr std::array<Kind, 3> kKinds{
      {{"{%", "%}", TemplateEngine::jinja}, {"<%", "%>", TemplateEngine::erb}, {"{{", "}}", TemplateEngine::jinja}}};
  std::optional<TemplateMarker> first;
  for (const Kind& k : kKinds) {
    const std::size_t o = line.find(k.open);
    if (o == std::string_view::npos || text.find(k.close, begin + o + k.open.size()) == std::string_view::npos)
      continue;
    if (first && first->range.begin <= begin + o) continue;
    TemplateMarker m{k.engine, {static_cast<std::uint32_t>(begin + o), static_cast<std::uint32_t>(begin + o + 2)}};
    if (k.open == "{{") {
      std::string_view after = trim(line.substr(o + 2));
      if (!after.empty() && after.front() == '-') after = trim(after.substr(1));
      const std::string_view word = first_word(after);
      if ((!after.empty() && (after.front() == '.' || after.front() == '$')) || word == "end" || word == "range" ||
          word == "include" || word == "template" || word == "with") {
        m.engine = TemplateEngine::go;
      }
    }
    first = m;
  }
  return first;
}

}  // namespace staplint
