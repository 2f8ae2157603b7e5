// Templates read as configuration with holes, without rendering them
// (issue 17). A template's text is masked into text of the same length that
// the host dialect's grammar reads: every byte keeps its offset, so every
// finding points at the template's own line and column.
//   - An expression (`{{ x }}`, `<%= x %>`, `${VAR}`) becomes a hole: its bytes
//     become filler word characters (line ends are kept), and its range is
//     recorded; a value that overlaps a hole is unknown.
//   - A control tag (`{% if %}`, `{{ range }}`, `<% if %>`, `{% include %}`) and
//     a comment become blanks. The text between a tag that opens a
//     condition, a loop or a block and its end is a conditional region;
//     a tag that inserts text staplint cannot see (`{% include %}`,
//     `{{ template }}`) is recorded as an insertion.
// Loop bodies are read once. Nothing is evaluated.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "staplint/source.hpp"

namespace staplint {

enum class TemplateEngine : std::uint8_t {
  jinja,     ///< Jinja2 (Ansible): {{ }}, {% %}, {# #}
  go,        ///< Go's text/template (Helm, docker-gen, gomplate): {{ }}, {{/* */}}
  erb,       ///< ERB (Chef, Puppet): <%= %>, <% %>, <%# %>
  envsubst,  ///< envsubst (official Docker images): ${VAR}, $VAR in capitals
};
std::string_view to_string(TemplateEngine e);
/// `jinja`, `go`, `erb` or `envsubst` (and `jinja2`, `gotmpl`); nullopt otherwise.
std::optional<TemplateEngine> parse_template_engine(std::string_view name);

/// The engine a file's name says (`nginx.conf.j2`, `default.conf.template`,
/// `vhost.erb`, `nginx.tmpl`), and the name it renders to (`nginx.conf`);
/// nullopt when the name says none. (A Helm chart's `templates/` folder is
/// recognised by ConfigLoader::template_engine, which can look for the chart.)
struct TemplateName {
  TemplateEngine engine = TemplateEngine::jinja;
  std::string rendered;  ///< the path without the template's extension
};
std::optional<TemplateName> template_by_name(std::string_view path);

/// A region whose text a renderer may leave out, repeat or replace.
struct TemplateRegion {
  enum class Kind : std::uint8_t {
    condition,  ///< if / unless / elif / else / with (Go): may be left out
    loop,       ///< for / range / each: read once
    block,      ///< block / macro / define / call / filter: may be overridden or never called
    insertion,  ///< include / template / import: text staplint cannot see (the tag itself)
  };
  Kind kind = Kind::condition;
  Range range;  ///< from the opening tag's start to the closing tag's end
  Range tag;    ///< the opening tag
  /// The index in TemplateMask::regions of the region it lies in; -1: none.
  std::int32_t parent = -1;
  /// A condition with an `else` or `elif` (`elsif`, `when`): one of its
  /// branches renders, so it never leaves everything out.
  bool alternatives = false;
};

struct TemplateMask {
  std::string text;          ///< same length as the template, holes filled, tags blanked
  std::vector<Range> holes;  ///< expressions whose values are unknown, in order
  /// An expression that names a variable the repository gives a literal
  /// value (template_vars.hpp): the nodes read the value, not the filler.
  struct Value {
    Range range;
    std::string value;              ///< as the engine renders it
    std::string variable;           ///< as the template names it
    std::string source;             ///< where the value is given
    std::string yaml_boolean = {};  ///< the bare YAML word read as a boolean, if it was one
  };
  std::vector<Value> values;  ///< in order; never in `holes`
  /// Every span the mask changed (holes, tags, comments), in order: a fix
  /// may not edit them.
  std::vector<Range> masked;
  std::vector<TemplateRegion> regions;  ///< in order of their opening tags
  /// The first marker the masker could not read (an unterminated `{{`, an
  /// `{% endif %}` without its `{% if %}`): the mask is still whole, and this
  /// becomes a syntax finding at the template's own position.
  struct Problem {
    Range range;
    std::string message;
  };
  std::optional<Problem> problem;

  /// Whether [begin, end) overlaps a hole (a value only rendering knows).
  bool in_hole(Range r) const;
  /// The first value that [begin, end) overlaps, or nullptr.
  const Value* value_in(Range r) const;
  /// Whether an edit of `r` would touch template markup: it overlaps a masked
  /// span, or inserts (an empty `r`) strictly inside one.
  bool touches_markup(Range r) const;
  /// The innermost region that holds `r`, or nullptr.
  const TemplateRegion* region_of(Range r) const;
};

/// The filler byte that stands for a hole's text in the masked text.
inline constexpr char kHoleFiller = 'X';
/// Most regions a template may open before the masker stops (SL0005-like).
inline constexpr std::size_t kMaxTemplateNesting = 200;

TemplateMask mask_template(std::string_view text, TemplateEngine engine);

/// Whether `m` has a condition without an `else` (one that may render
/// nothing).
bool has_optional_condition(const TemplateMask& m);
/// The mask as the template renders when each condition without an `else`
/// is false: their text blanked (line ends kept, so the offsets and lines
/// are the same), with the holes and values inside them.
void leave_out_conditions(TemplateMask& m);

/// A template marker found in a file whose name says no engine.
struct TemplateMarker {
  TemplateEngine engine = TemplateEngine::jinja;
  Range range;  ///< the marker's opening (`{{`, `{%`, `<%`)
};
/// The first template marker on the line that holds `at` (a syntax error's
/// position), with its closing on the same or a later line: the error is
/// then the template's, and SL0008 says so instead. Go and Jinja2 share
/// `{{`: Go's is told by a leading `.`, `$` or keyword.
std::optional<TemplateMarker> template_marker_at(std::string_view text, std::uint32_t at);

}  // namespace staplint
