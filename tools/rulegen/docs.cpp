// The copies of the catalog the documentation keeps: the README's rule table
// and the JSON schema's list of rule ids and names.
#include <iostream>
#include <optional>
#include <string_view>
#include <tuple>

#include "rulegen.hpp"

namespace rulegen {

namespace {

constexpr std::string_view kTableBegin =
    "<!-- rule table: generated from rules/*.yaml by staplint-rulegen --docs write; edit the YAML -->\n";
constexpr std::string_view kTableEnd = "<!-- end of rule table -->\n";

std::string dialect_label(staplint::Dialect d) {
  switch (d) {
    case staplint::Dialect::apache:
      return "Apache";
    case staplint::Dialect::jvm:
      return "JVM";
    case staplint::Dialect::tomcat:
      return "Tomcat";
    case staplint::Dialect::live:
      return "live (probe)";
    case staplint::Dialect::aws:
      return "AWS (CloudFormation, Terraform)";
    case staplint::Dialect::nginx:
      break;
  }
  return "nginx";
}

/// The README's table of rules, between its markers.
std::string rule_table(const staplint::RuleCatalog& catalog) {
  std::string out = "| id | name | severity | dialects |\n|---|---|---|---|\n";
  for (const staplint::RuleSpec& r : catalog.rules()) {
    std::string sev(staplint::to_string(r.severity));
    if (r.also_severity) sev += " or " + std::string(staplint::to_string(*r.also_severity));
    std::string dialects;
    for (const staplint::Dialect d : r.dialects) dialects += (dialects.empty() ? "" : ", ") + dialect_label(d);
    out += "| " + r.id + " | " + r.name + " | " + sev + " | " + dialects + " |\n";
  }
  return out;
}

/// `text` with the part between `begin` and `end` (markers kept) replaced
/// by `body`; nullopt when the markers are missing.
std::optional<std::string> replace_between(const std::string& text, std::string_view begin, std::string_view end,
                                           const std::string& body) {
  const std::size_t b = text.find(begin);
  if (b == std::string::npos) return std::nullopt;
  const std::size_t e = text.find(end, b + begin.size());
  if (e == std::string::npos) return std::nullopt;
  return text.substr(0, b + begin.size()) + body + text.substr(e);
}

/// The schema with the `enum` of its `"rule"` definition listing every id,
/// then every name, in catalog order.
std::optional<std::string> schema_with_rules(const std::string& schema, const staplint::RuleCatalog& catalog) {
  const std::size_t def = schema.find("\"rule\": {");
  if (def == std::string::npos) return std::nullopt;
  const std::size_t open = schema.find("\"enum\": [\n", def);
  if (open == std::string::npos) return std::nullopt;
  const std::size_t first = open + std::string_view("\"enum\": [\n").size();
  const std::size_t close = schema.find(']', first);
  if (close == std::string::npos) return std::nullopt;
  // The items' indentation is the enum's plus two; the `]` keeps its own.
  const std::size_t line = schema.rfind('\n', open) + 1;
  const std::string indent(open - line + 2, ' ');
  std::vector<std::string> items;
  for (const staplint::RuleSpec& r : catalog.rules()) items.push_back(r.id);
  for (const staplint::RuleSpec& r : catalog.rules()) items.push_back(r.name);
  std::string body;
  for (std::size_t i = 0; i < items.size(); ++i) {
    body += indent + "\"" + items[i] + "\"" + (i + 1 < items.size() ? ",\n" : "\n");
  }
  const std::size_t close_line = schema.rfind('\n', close) + 1;
  return schema.substr(0, first) + body + schema.substr(close_line);
}

}  // namespace

int docs(const std::string& mode, const std::string& readme_path, const std::string& schema_path,
         const staplint::RuleCatalog& catalog) {
  bool ok_readme = false, ok_schema = false;
  const std::string readme = read_all(readme_path, ok_readme);
  const std::string schema = read_all(schema_path, ok_schema);
  if (!ok_readme || !ok_schema) {
    std::cerr << (ok_readme ? schema_path : readme_path) << ": cannot read\n";
    return 2;
  }
  const auto new_readme = replace_between(readme, kTableBegin, kTableEnd, rule_table(catalog));
  if (!new_readme) {
    std::cerr << readme_path << ": the rule table's markers are missing (" << kTableBegin.substr(0, 16) << "...)\n";
    return 2;
  }
  const auto new_schema = schema_with_rules(schema, catalog);
  if (!new_schema) {
    std::cerr << schema_path << ": no \"enum\" list under the \"rule\" definition\n";
    return 2;
  }
  int status = 0;
  for (const auto& [path, old_text, new_text, what] :
       {std::tuple{readme_path, readme, *new_readme, "the rule table"},
        std::tuple{schema_path, schema, *new_schema, "the list of rule ids and names"}}) {
    if (old_text == new_text) continue;
    if (mode == "write") {
      if (!write_all(path, new_text)) {
        std::cerr << path << ": cannot write\n";
        return 2;
      }
      std::cerr << path << ": " << what << " updated\n";
    } else {
      std::cerr << path << ": " << what << " differs from rules/*.yaml; run "
                << "'cmake --build build --target update-rule-docs'\n";
      status = 1;
    }
  }
  return status;
}

}  // namespace rulegen
