// The checks' side of the catalog: which C++ file holds each rule's check
// (found by convention, never listed by hand), the header each check file
// includes (its Fields struct is the message template's fields, so the
// compiler holds the check to its template), and the catalog that binds
// every rule to its check.
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "rulegen.hpp"

namespace rulegen {

namespace {

bool is_check_name(const std::string& base) {
  // SLnnnn_name.cpp: anything else in lib/src/checks/ is a helper.
  return base.size() > 7 && base[0] == 'S' && base[1] == 'L' &&
         std::all_of(base.begin() + 2, base.begin() + 6, [](char c) { return c >= '0' && c <= '9'; }) && base[6] == '_';
}

/// `Dialect::nginx`
std::string dialect_value(staplint::Dialect d) { return "Dialect::" + std::string(to_string(d)); }

std::string quote_list(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + ("'" + s + "'");
  return out;
}

}  // namespace

std::vector<CheckUnit> check_units(const staplint::RuleCatalog& catalog) {
  std::vector<CheckUnit> units;
  for (const staplint::RuleSpec& r : catalog.rules()) {
    for (const staplint::RuleBinding& b : r.bindings) {
      auto it = std::find_if(units.begin(), units.end(),
                             [&](const CheckUnit& u) { return u.rule == &r && u.folder == b.check; });
      if (it == units.end()) it = units.insert(units.end(), CheckUnit{&r, b.check, {}, {}, {}});
      it->dialects.emplace_back(to_string(b.dialect));
      it->messages.push_back(b.message);
      for (const std::string& f : staplint::message_fields(b.message)) {
        if (std::find(it->fields.begin(), it->fields.end(), f) == it->fields.end()) it->fields.push_back(f);
      }
    }
  }
  // By name: C++ wants designated initializers in declaration order, and an
  // order of their own keeps a reworded message from breaking its check.
  for (CheckUnit& u : units) std::sort(u.fields.begin(), u.fields.end());
  return units;
}

std::vector<std::string> match_check_files(const std::vector<CheckUnit>& units, const std::string& checks_root,
                                           const std::vector<std::string>& check_files) {
  std::string root = checks_root;
  if (!root.empty() && root.back() != '/') root += '/';
  std::set<std::string> present;  // folder/SLnnnn_name.cpp
  std::vector<std::string> problems;
  for (const std::string& f : check_files) {
    if (f.compare(0, root.size(), root) != 0) continue;
    const std::string rel = f.substr(root.size());
    const std::size_t slash = rel.rfind('/');
    const std::string base = slash == std::string::npos ? rel : rel.substr(slash + 1);
    if (is_check_name(base)) present.insert(rel);
  }
  std::set<std::string> expected;
  std::map<std::string, const CheckUnit*> by_id;  // SLnnnn -> a unit, for "did you rename"
  for (const CheckUnit& u : units) {
    const std::string rel = staplint::check_file(u.folder, u.rule->id, u.rule->name);
    expected.insert(rel);
    by_id.emplace(u.rule->id, &u);
    if (!present.count(rel)) {
      problems.push_back(u.rule->source + ": no check file lib/src/checks/" + rel + " for dialect" +
                         (u.dialects.size() > 1 ? "s " : " ") + quote_list(u.dialects) +
                         " (tools/add_rule writes a first draft)");
    }
  }
  for (const std::string& rel : present) {
    if (expected.count(rel)) continue;
    const std::size_t slash = rel.rfind('/');
    const std::string base = slash == std::string::npos ? rel : rel.substr(slash + 1);
    std::string msg = "lib/src/checks/" + rel + ": no rule in rules/ has this check";
    if (auto it = by_id.find(base.substr(0, 6)); it != by_id.end()) {
      const CheckUnit& u = *it->second;
      msg += "; rule " + u.rule->id + " is '" + u.rule->name + "' (" + u.rule->source + "), so its check is " +
             "lib/src/checks/" + staplint::check_file(u.folder, u.rule->id, u.rule->name);
    } else {
      msg += " (a check file is named SLnnnn_name.cpp after its rule's id and name)";
    }
    problems.push_back(msg);
  }
  return problems;
}

std::string check_header_path(const CheckUnit& unit) {
  return "rules/" + unit.folder + "/" + staplint::check_class(unit.rule->id, unit.rule->name) + ".hpp";
}

std::string check_header(const CheckUnit& unit) {
  const staplint::RuleSpec& r = *unit.rule;
  const std::string cls = staplint::check_class(r.id, r.name);
  std::ostringstream out;
  out << "// Generated from " << r.source << " by staplint-rulegen. Do not edit.\n"
      << "// The check: lib/src/checks/" << staplint::check_file(unit.folder, r.id, r.name) << "\n"
      << "#pragma once\n\n#include \"staplint/" << (unit.folder == "live" ? "live_rules" : "engine") << ".hpp\"\n\n"
      << "namespace staplint::checks::" << unit.folder << " {\n\n"
      << "/// " << r.id << " " << r.name << ": " << r.summary << "\n";
  for (std::size_t i = 0; i < unit.dialects.size(); ++i) {
    // Comments may not end in a backslash; the message is shown as in YAML.
    std::string m = unit.messages[i];
    std::replace(m.begin(), m.end(), '\n', ' ');
    out << "/// " << unit.dialects[i] << ": " << m << (m.empty() || m.back() != '\\' ? "" : " ") << "\n";
  }
  out << "struct " << cls << " {\n"
      << "  /// The message's fields, each required, in this (alphabetical) order:\n"
      << "  /// `r.report(file, range, Fields{";
  for (std::size_t i = 0; i < unit.fields.size(); ++i) {
    out << (i ? ", " : "") << "." << unit.fields[i] << " = ...";
  }
  out << "})`.\n  struct Fields {\n";
  for (const std::string& f : unit.fields) out << "    MessageField " << f << ";\n";
  out << "    Reporter::Fields pairs() const { return {";
  for (std::size_t i = 0; i < unit.fields.size(); ++i) {
    out << (i ? ", " : "") << "{" << literal(unit.fields[i]) << ", " << unit.fields[i] << ".value}";
  }
  out << "}; }\n  };\n"
      << "  static void check(const " << (unit.folder == "live" ? "LiveContext" : "CheckContext")
      << "& ctx, Reporter& r);\n};\n\n"
      << "}  // namespace staplint::checks::" << unit.folder << "\n";
  return out.str();
}

std::string catalog_source(const staplint::RuleCatalog& catalog, const staplint::JvmPropertyCatalog& properties,
                           const std::vector<CheckUnit>& units) {
  std::ostringstream out;
  out << "// Generated from rules/*.yaml by staplint-rulegen. Do not edit.\n"
         "#include \"staplint/jvm_properties.hpp\"\n#include \"staplint/rules.hpp\"\n";
  for (const CheckUnit& u : units) out << "#include \"" << check_header_path(u) << "\"\n";
  out << "\nnamespace staplint {\n\n"
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
    out << "    r.dialects = {";
    for (const staplint::Dialect d : r.dialects) out << dialect_value(d) << ", ";
    out << "};\n";
    out << "    r.summary = " << literal(r.summary) << ";\n";
    for (const staplint::RuleBinding& b : r.bindings) {
      // A live check takes a LiveContext: it is bound as live_fn.
      const bool live = b.check == "live";
      out << "    r.bindings.push_back({" << dialect_value(b.dialect) << ", " << literal(b.check) << ", "
          << literal(b.message) << ", " << (live ? "nullptr, " : "") << "&checks::" << b.check
          << "::" << staplint::check_class(r.id, r.name) << "::check});\n";
    }
    for (const auto& [key, values] : r.args) {
      out << "    r.args[" << literal(key) << "] = " << strings(values) << ";\n";
    }
    out << "    r.explain_problem = " << literal(r.explain_problem) << ";\n";
    out << "    r.explain_why = " << literal(r.explain_why) << ";\n";
    out << "    r.explain_fix = " << literal(r.explain_fix) << ";\n";
    out << "    r.references = " << strings(r.references) << ";\n";
    for (const staplint::RuleExample& e : r.examples) {
      out << "    r.examples.push_back({" << dialect_value(e.dialect) << ",\n    " << literal(e.fires) << ",\n    "
          << literal(e.silent) << ", " << literal(e.path) << ", " << literal(e.version) << "});\n";
    }
    out << "    r.source = " << literal(r.source) << ";\n  }\n";
  }
  out << "  return v;\n}\n\n"
         "JvmPropertyCatalog builtin_jvm_properties() {\n"
         "  return JvmPropertyCatalog::from_validated({\n";
  for (const staplint::JvmProperty& p : properties.properties()) {
    static const char* types[] = {"boolean", "integer", "string", "uri"};
    out << "      {" << literal(p.name) << ", " << (p.security ? "true" : "false")
        << ", JvmProperty::Type::" << types[static_cast<int>(p.type)] << ", " << literal(p.since) << ", "
        << strings(p.intended) << "},\n";
  }
  out << "  });\n}\n}  // namespace\n\n"
         "const RuleCatalog& RuleCatalog::builtin() {\n"
         "  static const RuleCatalog catalog = from_validated(builtin_specs(), builtin_jvm_properties());\n"
         "  return catalog;\n}\n\n}  // namespace staplint\n";
  return out.str();
}

}  // namespace rulegen
