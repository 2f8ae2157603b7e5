// staplint-rulegen: validates rules/*.yaml and writes them as C++ data, so the
// staplint binary starts without parsing YAML (clang-tidy and ninja compile
// their tables in the same way). An invalid rule file fails the build with the
// loader's message.
//   staplint-rulegen OUT.cpp RULE.yaml...
// It also writes the copies of the catalog the documentation keeps: the
// README's rule table and the JSON schema's list of rule ids and names.
//   staplint-rulegen --docs check|write README.md SCHEMA.json RULE.yaml...
// `check` fails when a copy differs (a test runs it); `write` updates them.
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "staplint/jvm_properties.hpp"
#include "staplint/rules.hpp"

namespace {

/// A C++ string literal for any bytes: octal escapes are at most three digits,
/// so a following digit can never be read as part of one.
std::string literal(const std::string& s) {
  std::string out = "\"";
  for (const unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n\"\n    \"";
    } else if (c < 0x20 || c >= 0x7f || c == '?') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string strings(const std::vector<std::string>& v) {
  std::string out = "{";
  for (const std::string& s : v) out += literal(s) + ", ";
  return out + "}";
}

std::string severity(staplint::Severity s) {
  switch (s) {
    case staplint::Severity::info: return "Severity::info";
    case staplint::Severity::warning: return "Severity::warning";
    case staplint::Severity::error: return "Severity::error";
  }
  return "Severity::warning";
}

std::string read_all(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  ok = static_cast<bool>(in);
  return text.str();
}

/// Writes `text` to `path` through a temporary file and a rename.
bool write_all(const std::string& path, const std::string& text) {
  std::ofstream file(path + ".tmp", std::ios::binary);
  file << text;
  file.close();
  return file && std::rename((path + ".tmp").c_str(), path.c_str()) == 0;
}

constexpr std::string_view kTableBegin =
    "<!-- rule table: generated from rules/*.yaml by staplint-rulegen --docs write; edit the YAML -->\n";
constexpr std::string_view kTableEnd = "<!-- end of rule table -->\n";

std::string dialect_label(const std::string& d) {
  if (d == "apache") return "Apache";
  if (d == "jvm") return "JVM";
  if (d == "tomcat") return "Tomcat";
  return d;
}

/// The README's table of rules, between its markers.
std::string rule_table(const staplint::RuleCatalog& catalog) {
  std::string out = "| id | name | severity | dialects |\n|---|---|---|---|\n";
  for (const staplint::RuleSpec& r : catalog.rules()) {
    std::string sev(staplint::to_string(r.severity));
    if (r.also_severity) sev += " or " + std::string(staplint::to_string(*r.also_severity));
    std::string dialects;
    for (const std::string& d : r.dialects) dialects += (dialects.empty() ? "" : ", ") + dialect_label(d);
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

/// --docs check|write README SCHEMA: 0 when the copies match (or were
/// written), 1 when `check` finds one that differs, 2 when a file cannot be
/// read, lacks its markers, or cannot be written.
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

}  // namespace

int main(int argc, char** argv) {
  const bool docs_mode = argc >= 2 && std::string(argv[1]) == "--docs";
  if (argc < 3 || (docs_mode && (argc < 6 || (std::string(argv[2]) != "check" && std::string(argv[2]) != "write")))) {
    std::cerr << "usage: staplint-rulegen OUT.cpp RULE.yaml...\n"
                 "       staplint-rulegen --docs check|write README.md SCHEMA.json RULE.yaml...\n";
    return 3;
  }
  std::vector<staplint::RuleText> texts;
  std::optional<staplint::RuleText> jvm_properties;
  for (int i = docs_mode ? 5 : 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::cerr << argv[i] << ": cannot read\n";
      return 2;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::string path = argv[i];
    const auto slash = path.rfind("/rules/");
    if (slash != std::string::npos) path = path.substr(slash + 1);
    // rules/jvm-properties.yaml is the JDK property catalog, not a rule.
    if (path.size() >= 19 && path.compare(path.size() - 19, 19, "jvm-properties.yaml") == 0) {
      jvm_properties = staplint::RuleText{path, text.str()};
    } else {
      texts.push_back({path, text.str()});
    }
  }
  staplint::RuleCatalog catalog;
  staplint::JvmPropertyCatalog properties;
  try {
    catalog = staplint::RuleCatalog::load(texts);
    if (jvm_properties) {
      properties = staplint::JvmPropertyCatalog::load(jvm_properties->path, jvm_properties->yaml);
    }
  } catch (const staplint::RuleError& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  if (docs_mode) return docs(argv[2], argv[3], argv[4], catalog);
  std::ostringstream out;
  out << "// Generated from rules/*.yaml by staplint-rulegen. Do not edit.\n"
         "#include \"staplint/jvm_properties.hpp\"\n#include \"staplint/rules.hpp\"\n\nnamespace staplint {\n\n"
         "namespace {\nstd::vector<RuleSpec> builtin_specs() {\n  std::vector<RuleSpec> v;\n"
         "  v.reserve("
      << catalog.rules().size() << ");\n";
  for (const staplint::RuleSpec& r : catalog.rules()) {
    out << "  {\n    RuleSpec& r = v.emplace_back();\n";
    out << "    r.id = " << literal(r.id) << ";\n";
    out << "    r.name = " << literal(r.name) << ";\n";
    out << "    r.severity = " << severity(r.severity) << ";\n";
    out << "    r.refuses = " << (r.refuses ? "true" : "false") << ";\n";
    if (r.also_severity) out << "    r.also_severity = " << severity(*r.also_severity) << ";\n";
    out << "    r.dialects = " << strings(r.dialects) << ";\n";
    out << "    r.summary = " << literal(r.summary) << ";\n";
    for (const staplint::RuleBinding& b : r.bindings) {
      out << "    r.bindings.push_back({" << literal(b.dialect) << ", " << literal(b.predicate) << ", "
          << literal(b.message) << "});\n";
    }
    for (const auto& [key, values] : r.args) {
      out << "    r.args[" << literal(key) << "] = " << strings(values) << ";\n";
    }
    out << "    r.explain_problem = " << literal(r.explain_problem) << ";\n";
    out << "    r.explain_why = " << literal(r.explain_why) << ";\n";
    out << "    r.explain_fix = " << literal(r.explain_fix) << ";\n";
    out << "    r.references = " << strings(r.references) << ";\n";
    for (const staplint::RuleExample& e : r.examples) {
      out << "    r.examples.push_back({" << literal(e.dialect) << ",\n    " << literal(e.fires)
          << ",\n    " << literal(e.silent) << ", " << literal(e.path) << ", " << literal(e.version) << "});\n";
    }
    out << "    r.source = " << literal(r.source) << ";\n  }\n";
  }
  out << "  return v;\n}\n\n"
         "JvmPropertyCatalog builtin_jvm_properties() {\n"
         "  return JvmPropertyCatalog::from_validated({\n";
  for (const staplint::JvmProperty& p : properties.properties()) {
    static const char* types[] = {"boolean", "integer", "string", "uri"};
    out << "      {" << literal(p.name) << ", " << (p.security ? "true" : "false")
        << ", JvmProperty::Type::" << types[static_cast<int>(p.type)] << ", " << literal(p.since)
        << ", " << strings(p.intended) << "},\n";
  }
  out << "  });\n}\n}  // namespace\n\n"
         "const RuleCatalog& RuleCatalog::builtin() {\n"
         "  static const RuleCatalog catalog = from_validated(builtin_specs(), builtin_jvm_properties());\n"
         "  return catalog;\n}\n\n}  // namespace staplint\n";
  // Write only when the text changed, so an unchanged catalog rebuilds nothing.
  const std::string text = out.str();
  {
    std::ifstream old(argv[1], std::ios::binary);
    std::ostringstream prev;
    if (old) prev << old.rdbuf();
    if (old && prev.str() == text) return 0;
  }
  if (!write_all(argv[1], text)) {
    std::cerr << argv[1] << ": cannot write\n";
    return 2;
  }
  return 0;
}
