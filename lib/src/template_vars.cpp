// A template's variables where the repository gives them as literals, and
// their values read into the nodes (template_vars.hpp).
#include "staplint/template_vars.hpp"

#include <algorithm>
#include <regex>
#include <vector>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

namespace staplint {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

/// `s` without `open` and `close`, and without one whitespace-control mark
/// (`-`, and Jinja2's `+`) inside each; nullopt when `s` is not so delimited.
std::optional<std::string_view> inside(std::string_view s, std::string_view open, std::string_view close,
                                       std::string_view marks) {
  if (s.size() < open.size() + close.size() || s.substr(0, open.size()) != open ||
      s.substr(s.size() - close.size()) != close) {
    return std::nullopt;
  }
  s = s.substr(open.size(), s.size() - open.size() - close.size());
  if (!s.empty() && marks.find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  if (!s.empty() && marks.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  return trim(s);
}

/// `a.b.c`: identifiers joined by dots, with a leading dot when `dotted`.
bool is_path(std::string_view s, bool leading_dot) {
  if (leading_dot) {
    if (s.empty() || s.front() != '.') return false;
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  bool start = true;
  for (char c : s) {
    if (c == '.') {
      if (start) return false;
      start = true;
      continue;
    }
    if (start ? !is_ident_start(c) : !is_ident(c)) return false;
    start = false;
  }
  return !start;
}

/// A value the host dialects read as one word, as the template wrote it: no
/// blank, quote, escape or character that ends or opens a statement, and
/// printable ASCII only (what a message may show).
bool one_word(std::string_view v) {
  if (v.empty() || v.size() > kMaxTemplateValueLength) return false;
  return std::all_of(v.begin(), v.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return false;
    return std::string_view("\"'\\;{}#<>&`").find(c) == std::string_view::npos;
  });
}

bool is_yaml11_true(std::string_view s, TemplateEngine engine) {
  for (std::string_view t : {"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
    if (s == t) return true;
  }
  // go-yaml v2 (Helm) also reads `y` and `Y`; PyYAML does not.
  return engine == TemplateEngine::go && (s == "y" || s == "Y");
}
bool is_yaml11_false(std::string_view s, TemplateEngine engine) {
  for (std::string_view t : {"no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
    if (s == t) return true;
  }
  return engine == TemplateEngine::go && (s == "n" || s == "N");
}

/// A plain decimal integer that renders as written: no sign other than `-`,
/// no leading zero (YAML 1.1 reads `0755` as octal), no `_` or `:`.
bool is_plain_int(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  if (s.empty() || (s.size() > 1 && s.front() == '0')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Whether a plain scalar is a YAML 1.1 int, float or timestamp, by
/// PyYAML's resolver patterns (go-yaml v2's are close to them).
bool is_yaml11_typed(const std::string& s) {
  if (s.size() > 64) return false;  // no number or date is this long
  static const std::regex typed(
      "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
      "|[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
      "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)"
      "|[0-9]{4}-[0-9]{2}-[0-9]{2}"
      "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?"
      "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?");
  return std::regex_match(s, typed);
}

/// How `engine` renders a YAML scalar; nullopt when staplint cannot say
/// (a null, a float, a timestamp-like or other typed plain scalar, a string
/// that is itself a template).
std::optional<std::string> rendered(const YAML::Node& n, TemplateEngine engine) {
  const std::string& s = n.Scalar();
  if (n.Tag() != "?") {
    // Quoted (`!`), or with an explicit tag: a string only when quoted.
    if (n.Tag() != "!") return std::nullopt;
    if (s.find("{{") != std::string::npos || s.find("{%") != std::string::npos) return std::nullopt;
    return s;
  }
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return std::nullopt;
  const bool jinja = engine == TemplateEngine::jinja;
  if (is_yaml11_true(s, engine)) return std::string(jinja ? "True" : "true");
  if (is_yaml11_false(s, engine)) return std::string(jinja ? "False" : "false");
  if (is_plain_int(s)) return s;
  // Numbers in other forms (floats, 0x, 1_000, 1:30) and timestamps render
  // otherwise than written; anything else is a string (`10.96.0.10`).
  if (is_yaml11_typed(s)) return std::nullopt;
  if (s.find("{{") != std::string::npos || s.find("{%") != std::string::npos) return std::nullopt;
  return s;
}

struct Flattener {
  const std::string& shown_path;
  TemplateEngine engine;
  TemplateVariables& out;
  std::size_t count = 0;

  void map(const YAML::Node& m, const std::string& prefix, std::size_t depth) {
    // Explicit work list: no recursion however the file nests (and aliases
    // are read once per place they are used, within the count's budget).
    struct Item {
      YAML::Node node;
      std::string name;
      std::size_t depth;
    };
    std::vector<Item> todo{{m, prefix, depth}};
    while (!todo.empty()) {
      Item it = std::move(todo.back());
      todo.pop_back();
      for (const auto& kv : it.node) {
        if (++count > kMaxTemplateVariables) return;
        if (!kv.first.IsScalar()) continue;
        const std::string key = kv.first.Scalar();
        if (!is_path(key, false) || key.find('.') != std::string::npos) continue;  // not a name a template can write
        const std::string name = it.name + key;
        const YAML::Node& v = kv.second;
        if (v.IsMap()) {
          out.unset(name);
          if (it.depth + 1 < kMaxTemplateVariableDepth) todo.push_back({v, name + ".", it.depth + 1});
          continue;
        }
        std::optional<std::string> value = v.IsScalar() ? rendered(v, engine) : std::nullopt;
        if (!value) {
          out.unset(name);
          continue;
        }
        const int line = v.Mark().line;
        const bool boolean =
            v.Tag() == "?" && (is_yaml11_true(v.Scalar(), engine) || is_yaml11_false(v.Scalar(), engine));
        out.set(name, {std::move(*value), line >= 0 ? shown_path + ":" + std::to_string(line + 1) : shown_path,
                       boolean ? v.Scalar() : std::string()});
      }
    }
  }
};

}  // namespace

std::optional<std::string> template_variable(std::string_view markup, TemplateEngine engine) {
  std::optional<std::string_view> body;
  switch (engine) {
    case TemplateEngine::jinja:
      body = inside(markup, "{{", "}}", "-+");
      if (body && is_path(*body, false)) return std::string(*body);
      return std::nullopt;
    case TemplateEngine::go:
      body = inside(markup, "{{", "}}", "-");
      // `{{- x -}}` needs a blank after the mark: inside() removed the mark.
      // `$.Values.x` is the root's, wherever it stands: named `.Values.x`.
      if (body && body->size() > 1 && body->front() == '$' && (*body)[1] == '.') body->remove_prefix(1);
      if (body && is_path(*body, true)) return std::string(*body);
      return std::nullopt;
    case TemplateEngine::erb:
      body = inside(markup, "<%=", "%>", "-");
      if (!body) return std::nullopt;
      if (!body->empty() && body->front() == '@' && is_path(body->substr(1), false) &&
          body->find('.') == std::string_view::npos) {
        return std::string(*body);
      }
      if (is_path(*body, false) && body->find('.') == std::string_view::npos) return std::string(*body);
      return std::nullopt;
    case TemplateEngine::envsubst:
      if (markup.size() > 3 && markup.substr(0, 2) == "${" && markup.back() == '}') {
        const std::string_view name = markup.substr(2, markup.size() - 3);
        if (is_path(name, false) && name.find('.') == std::string_view::npos) return std::string(name);
        return std::nullopt;
      }
      if (markup.size() > 1 && markup.front() == '$' && is_path(markup.substr(1), false) &&
          markup.find('.') == std::string_view::npos) {
        return std::string(markup.substr(1));
      }
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> read_template_variables(std::string_view yaml, const std::string& shown_path,
                                                   std::string_view prefix, TemplateEngine engine,
                                                   TemplateVariables& out) {
  if (yaml.find('\0') != std::string_view::npos) return "not a text file";
  try {
    const YAML::Node top = YAML::Load(std::string(yaml));
    if (top.IsNull()) return std::nullopt;  // an empty file: no variables
    if (!top.IsMap()) return "not a map of variables";
    Flattener f{shown_path, engine, out};
    f.map(top, std::string(prefix), 0);
    return std::nullopt;
  } catch (const YAML::DeepRecursion&) {
    return "nested too deep";
  } catch (const YAML::Exception& e) {
    return e.mark.line >= 0 ? "line " + std::to_string(e.mark.line + 1) + ": " + e.msg : e.msg;
  }
}

void apply_template_variables(TemplateMask& mask, std::string_view original, TemplateEngine engine,
                              const TemplateVariables& vars) {
  if (vars.empty()) return;
  std::vector<Range> unknown;
  // Go rebinds the dot inside `range` and `with`: `.Values.x` there is not
  // the chart's (`$.Values.x` is).
  auto dot_rebound = [&](Range h) {
    if (engine != TemplateEngine::go) return false;
    for (const TemplateRegion* g = mask.region_of(h); g; g = g->parent >= 0 ? &mask.regions[g->parent] : nullptr) {
      std::string_view tag = original.substr(g->tag.begin, g->tag.end - g->tag.begin);
      tag.remove_prefix(std::min(tag.find_first_not_of("{- \t"), tag.size()));
      if (g->kind == TemplateRegion::Kind::loop || (tag.substr(0, 4) == "with" && tag.size() > 4 && is_blank(tag[4]))) {
        return true;
      }
    }
    return false;
  };
  for (const Range& h : mask.holes) {
    const std::string_view markup = original.substr(h.begin, h.end - h.begin);
    std::optional<std::string> name = template_variable(markup, engine);
    const std::string_view body =
        markup.substr(std::min<std::size_t>(markup.find_first_not_of("{- \t"), markup.size()));
    if (name && !body.empty() && body.front() != '$' && dot_rebound(h)) name.reset();
    const TemplateValue* v = name ? vars.find(*name) : nullptr;
    if (!v || !one_word(v->value) || markup.find('\n') != std::string_view::npos) {
      unknown.push_back(h);
      continue;
    }
    mask.values.push_back({h, v->value, *name, v->source, v->yaml_boolean});
  }
  mask.holes = std::move(unknown);
}

void substitute_template_values(std::span<Node> top, TemplateMask& mask, SourceManager& sources) {
  if (mask.values.empty()) return;
  std::vector<bool> applied(mask.values.size(), false);
  auto first_value = [&](std::uint32_t at) {
    return std::lower_bound(mask.values.begin(), mask.values.end(), at,
                            [](const TemplateMask::Value& v, std::uint32_t a) { return v.range.end <= a; });
  };
  std::vector<std::span<Node>> todo{top};
  while (!todo.empty()) {
    const std::span<Node> nodes = todo.back();
    todo.pop_back();
    for (Node& n : nodes) {
      if (!n.children().empty()) todo.push_back(n.children());
      if (n.kind == NodeKind::comment || !n.unit()) continue;
      auto it = first_value(n.range.begin);
      if (it == mask.values.end() || it->range.begin >= n.range.end) continue;
      const std::string_view text = n.unit()->text;
      const ArgList old = n.args();
      std::span<Arg> args = sources.arena().make_array<Arg>(old.size());
      bool changed = false;
      for (std::size_t i = 0; i < old.size(); ++i) {
        Arg a = old[i];
        auto v = first_value(a.range.begin);
        if (v != mask.values.end() && v->range.begin >= a.range.begin && v->range.end <= a.range.end) {
          // The word as written, without its quotes, must be its value (no
          // escape): then the value's bytes stand where the filler was.
          // (An XML attribute's range is its value's, inside the quotes; a
          // quoted word's holds its quotes.)
          std::uint32_t from = a.range.begin, to = a.range.end;
          if (text.substr(from, to - from) != a.value && a.quote != Quote::none && to - from >= 2) {
            ++from;
            --to;
          }
          if (text.substr(from, to - from) == a.value) {
            std::string value;
            std::uint32_t at = from;
            for (; v != mask.values.end() && v->range.end <= to; ++v) {
              if (v->range.begin < at) break;
              value.append(text.substr(at, v->range.begin - at));
              value += v->value;
              at = v->range.end;
              applied[static_cast<std::size_t>(v - mask.values.begin())] = true;
            }
            value.append(text.substr(at, to - at));
            a.value = sources.keep(std::move(value));
            changed = true;
          }
        }
        args[i] = a;
      }
      if (!changed) continue;  // a block around the value, or a value in its name
      NodeUnit& unit = sources.own(*n.unit());
      unit.details.push_back({n.name(), n.name_range(), n.body_range(), args});
      Node d = Node::detailed(unit, n.kind, n.range, static_cast<std::uint32_t>(unit.details.size() - 1));
      d.set_children(n.children());
      n = d;
    }
  }
  // What no word took whole stays unknown.
  std::vector<TemplateMask::Value> kept;
  for (std::size_t i = 0; i < mask.values.size(); ++i) {
    if (applied[i]) {
      kept.push_back(std::move(mask.values[i]));
    } else {
      mask.holes.push_back(mask.values[i].range);
    }
  }
  mask.values = std::move(kept);
  std::sort(mask.holes.begin(), mask.holes.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
}

}  // namespace staplint
