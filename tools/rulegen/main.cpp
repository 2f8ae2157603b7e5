// staplint-rulegen: validates rules/*.yaml and writes them as C++, so the
// staplint binary starts without parsing YAML and never looks a check up by
// a hand-kept name (clang-tidy and ninja compile their tables in the same
// way). An invalid rule file, a rule without its check file or a check file
// without its rule fails the build with a message that names the file.
//   staplint-rulegen OUT.cpp --headers DIR --checks ROOT CHECK.cpp... RULE.yaml...
// writes the catalog (OUT.cpp) and, under DIR, one header per rule and check
// folder (rules/FOLDER/SLnnnn_name.hpp) that the check file includes.
// It also writes the copies of the catalog the documentation keeps: the
// README's rule table and the JSON schema's list of rule ids and names.
//   staplint-rulegen --docs check|write README.md SCHEMA.json RULE.yaml...
// `check` fails when a copy differs (a test runs it); `write` updates them.
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "rulegen.hpp"
#include "staplint/jvm_properties.hpp"
#include "staplint/rules.hpp"

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

int usage() {
  std::cerr << "usage: staplint-rulegen OUT.cpp --headers DIR --checks ROOT CHECK.cpp... RULE.yaml...\n"
               "       staplint-rulegen --docs check|write README.md SCHEMA.json RULE.yaml...\n";
  return 3;
}

/// Writes each check's header under `dir` and removes the headers of checks
/// that are gone; false (with a message) when one cannot be written.
bool write_headers(const std::string& dir, const std::vector<rulegen::CheckUnit>& units) {
  namespace fs = std::filesystem;
  std::set<fs::path> written;
  for (const rulegen::CheckUnit& u : units) {
    const fs::path path = fs::path(dir) / rulegen::check_header_path(u);
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (!rulegen::write_if_changed(path.string(), rulegen::check_header(u))) {
      std::cerr << path.string() << ": cannot write\n";
      return false;
    }
    written.insert(path);
  }
  std::error_code ec;
  const fs::path rules_dir = fs::path(dir) / "rules";
  for (auto it = fs::recursive_directory_iterator(rules_dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".hpp" && !written.count(it->path())) {
      fs::remove(it->path(), ec);
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const bool docs_mode = !args.empty() && args[0] == "--docs";
  std::string out_path, headers_dir, checks_root, docs_verb, readme, schema;
  std::vector<std::string> rule_files, check_files;
  if (docs_mode) {
    if (args.size() < 5 || (args[1] != "check" && args[1] != "write")) return usage();
    docs_verb = args[1], readme = args[2], schema = args[3];
    rule_files.assign(args.begin() + 4, args.end());
  } else {
    if (args.empty()) return usage();
    out_path = args[0];
    for (std::size_t i = 1; i < args.size(); ++i) {
      if ((args[i] == "--headers" || args[i] == "--checks") && i + 1 < args.size()) {
        (args[i] == "--headers" ? headers_dir : checks_root) = args[i + 1];
        ++i;
      } else if (ends_with(args[i], ".cpp")) {
        check_files.push_back(args[i]);
      } else {
        rule_files.push_back(args[i]);
      }
    }
    if (headers_dir.empty() || checks_root.empty() || rule_files.empty()) return usage();
  }

  std::vector<staplint::RuleText> texts;
  std::optional<staplint::RuleText> jvm_properties;
  for (const std::string& file : rule_files) {
    bool ok = false;
    const std::string text = rulegen::read_all(file, ok);
    if (!ok) {
      std::cerr << file << ": cannot read\n";
      return 2;
    }
    std::string path = file;
    if (const auto slash = path.rfind("/rules/"); slash != std::string::npos) path = path.substr(slash + 1);
    // rules/jvm-properties.yaml is the JDK property catalog, not a rule.
    if (ends_with(path, "jvm-properties.yaml")) {
      jvm_properties = staplint::RuleText{path, text};
    } else {
      texts.push_back({path, text});
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
  if (docs_mode) return rulegen::docs(docs_verb, readme, schema, catalog);

  const std::vector<rulegen::CheckUnit> units = rulegen::check_units(catalog);
  const std::vector<std::string> problems = rulegen::match_check_files(units, checks_root, check_files);
  for (const std::string& p : problems) std::cerr << "error: " << p << "\n";
  if (!problems.empty()) return 1;
  if (!write_headers(headers_dir, units)) return 2;
  if (!rulegen::write_if_changed(out_path, rulegen::catalog_source(catalog, properties, units))) {
    std::cerr << out_path << ": cannot write\n";
    return 2;
  }
  return 0;
}
