// Values of a template's variables where the repository gives them as plain
// literals (issue 17): an Ansible role's defaults and vars, a Helm chart's
// values.yaml, `--template-var` and `.staplint.yaml`'s `template-vars`. A hole
// whose expression names such a variable, and nothing else, reads as its
// value; anything computed (a filter, a call, a default, a value that is
// itself a template) stays unknown.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "staplint/ast.hpp"
#include "staplint/source.hpp"
#include "staplint/template_mask.hpp"

namespace staplint {

/// Most names one file of variables gives, and how deep its maps nest.
inline constexpr std::size_t kMaxTemplateVariables = 10000;
inline constexpr std::size_t kMaxTemplateVariableDepth = 16;
/// Longest value that substitutes (a longer one stays unknown).
inline constexpr std::size_t kMaxTemplateValueLength = 1024;

/// A variable's value as its engine renders it, and where it was given.
struct TemplateValue {
  std::string value;
  std::string source;  ///< `roles/web/defaults/main.yml:4`, `--template-var`
  /// A bare YAML scalar read as a boolean (`on`, `yes`): how it was written.
  std::string yaml_boolean = {};
};

/// The variable a hole's markup names, and nothing else, as the template
/// writes it:
///   - Jinja2: `{{ name }}`, `{{ a.b }}`, `{{- name -}}`;
///   - Go: `{{ .Values.a.b }}`, `{{- .Values.a -}}`;
///   - ERB: `<%= @name %>`, `<%= name %>`;
///   - envsubst: `${NAME}`, `$NAME`.
/// nullopt for anything else (a filter, a call, an index, an operator).
std::optional<std::string> template_variable(std::string_view markup, TemplateEngine engine);

/// Variables by the name template_variable() gives; a later set() of a name
/// overrides an earlier one (role vars over role defaults, the command line
/// over both).
class TemplateVariables {
 public:
  void set(std::string name, TemplateValue v) { values_[std::move(name)] = std::move(v); }
  /// Forgets `name`: a later source gives it a value staplint cannot know.
  void unset(std::string_view name) {
    if (auto it = values_.find(name); it != values_.end()) values_.erase(it);
  }
  const TemplateValue* find(std::string_view name) const {
    const auto it = values_.find(name);
    return it == values_.end() ? nullptr : &it->second;
  }
  bool empty() const { return values_.empty(); }
  std::size_t size() const { return values_.size(); }
  void merge(const TemplateVariables& later) {
    for (const auto& [k, v] : later.values_) values_[k] = v;
  }

 private:
  std::map<std::string, TemplateValue, std::less<>> values_;
};

/// Reads a YAML file of variables (Ansible's `defaults/main.yml`, Helm's
/// `values.yaml`) into `out`: each key whose value is a plain scalar, with
/// nested maps giving dotted names after `prefix` (`.Values.` for Helm).
/// Values render as `engine` renders them: YAML 1.1 booleans (`yes`, `on`,
/// `true`, as PyYAML and Helm read them) become `True`/`False` in Jinja2 and
/// `true`/`false` in Go; a null, a list, a map and a string that holds a
/// template expression give no value, and hide the same name from an earlier
/// file. At most kMaxTemplateVariables names and kMaxTemplateVariableDepth
/// levels; an error (with its line) for a file that is not such YAML.
std::optional<std::string> read_template_variables(std::string_view yaml, const std::string& shown_path,
                                                   std::string_view prefix, TemplateEngine engine,
                                                   TemplateVariables& out);

/// Gives each hole of `mask` whose variable `vars` holds a value of one word
/// (no blank, quote or markup character the host dialect reads) that value:
/// the hole moves from `holes` to `values`. The masked text is unchanged;
/// substitute_template_values() puts the values in the nodes.
void apply_template_variables(TemplateMask& mask, std::string_view original, TemplateEngine engine,
                              const TemplateVariables& vars);

/// Reads each value of `mask.values` into the nodes whose words hold it (the
/// node becomes detailed, its arguments kept with the value in place of the
/// hole's filler). A value no word takes whole (in a name, a comment, a
/// word with escapes) goes back to `holes`: unknown, as before.
void substitute_template_values(std::span<Node> nodes, TemplateMask& mask, SourceManager& sources);

}  // namespace staplint
