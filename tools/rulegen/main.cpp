// staplint-rulegen: validates rules/*.yaml and writes them as C++ data, so the
// staplint binary starts without parsing YAML (clang-tidy and ninja compile
// their tables in the same way). An invalid rule file fails the build with the
// loader's message.
//   staplint-rulegen OUT.cpp RULE.yaml...
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: staplint-rulegen OUT.cpp RULE.yaml...\n";
    return 3;
  }
  std::vector<staplint::RuleText> texts;
  std::optional<staplint::RuleText> jvm_properties;
  for (int i = 2; i < argc; ++i) {
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
  std::ofstream file(std::string(argv[1]) + ".tmp", std::ios::binary);
  file << text;
  file.close();
  if (!file || std::rename((std::string(argv[1]) + ".tmp").c_str(), argv[1]) != 0) {
    std::cerr << argv[1] << ": cannot write\n";
    return 2;
  }
  return 0;
}
