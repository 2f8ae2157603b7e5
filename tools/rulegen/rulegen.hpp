// staplint-rulegen's parts: the C++ text helpers they share, the catalog
// and check declarations (checks.cpp), and the documentation copies
// (docs.cpp).
#pragma once

#include <string>
#include <vector>

#include "staplint/rules.hpp"

namespace rulegen {

/// A C++ string literal for any bytes.
std::string literal(const std::string& s);
/// `{"a", "b", }`
std::string strings(const std::vector<std::string>& v);
/// `Severity::warning`
std::string severity(staplint::Severity s);
/// The whole file; `ok` false when it cannot be read.
std::string read_all(const std::string& path, bool& ok);
/// Writes `text` to `path` through a temporary file and a rename.
bool write_all(const std::string& path, const std::string& text);
/// Writes only when the text changed, so that an unchanged output rebuilds
/// nothing; false when it cannot be written.
bool write_if_changed(const std::string& path, const std::string& text);

/// --docs check|write README SCHEMA: 0 when the copies match (or were
/// written), 1 when `check` finds one that differs, 2 when a file cannot be
/// read, lacks its markers, or cannot be written.
int docs(const std::string& mode, const std::string& readme_path, const std::string& schema_path,
         const staplint::RuleCatalog& catalog);

/// One rule's check in one folder of lib/src/checks/: the dialects it
/// serves and the union of their message fields, by name.
struct CheckUnit {
  const staplint::RuleSpec* rule;
  std::string folder;
  std::vector<std::string> dialects;
  std::vector<std::string> messages;
  std::vector<std::string> fields;
};

/// Every (rule, folder) pair of the catalog, in catalog order.
std::vector<CheckUnit> check_units(const staplint::RuleCatalog& catalog);

/// The problems of matching `units` with the check files (paths under
/// `checks_root`): a rule without its file, a file without its rule. Empty
/// when they match.
std::vector<std::string> match_check_files(const std::vector<CheckUnit>& units, const std::string& checks_root,
                                           const std::vector<std::string>& check_files);

/// The generated header of one check: its class with the `Fields` struct and
/// the `check` declaration.
std::string check_header(const CheckUnit& unit);

/// The path of that header under the generated include directory:
/// `rules/nginx/SL1003_stapling_no_resolver.hpp`.
std::string check_header_path(const CheckUnit& unit);

/// builtin_rules.cpp: the catalog as data, with each binding's check.
std::string catalog_source(const staplint::RuleCatalog& catalog, const staplint::JvmPropertyCatalog& properties,
                           const std::vector<CheckUnit>& units);

}  // namespace rulegen
