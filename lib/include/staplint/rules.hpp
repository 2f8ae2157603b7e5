// Rule metadata, from the YAML files in rules/ (compiled in at build time).
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "staplint/config_tree.hpp"
#include "staplint/diagnostic.hpp"
#include "staplint/jvm_properties.hpp"

namespace staplint {

struct RuleExample {
  Dialect dialect = Dialect::nginx;
  std::string fires;   ///< a configuration on which the rule must fire
  std::string silent;  ///< one on which it must stay silent
  /// The file name the example is linted as, when the name matters (a JVM
  /// security file, catalina.sh); empty: the dialect's usual entry file.
  std::string path = {};
  /// The server version the example is judged for (nginx, httpd or Tomcat,
  /// by `dialect`), for version-dependent rules; empty: the default.
  std::string version = {};
};

struct CheckContext;
struct LiveContext;
class Reporter;
/// The C++ check of one rule for one dialect.
using Predicate = void (*)(const CheckContext&, Reporter&);
/// The check of a live rule (dialect `live`): one endpoint as probed.
using LivePredicate = void (*)(const LiveContext&, Reporter&);

/// How a rule runs for one dialect: its check and message template.
struct RuleBinding {
  Dialect dialect = Dialect::nginx;
  /// The folder of lib/src/checks/ that holds its check (YAML `check`;
  /// default: the dialect): `nginx`, `apache`, `tomcat`, `jvm`, `input` or
  /// `live`.
  std::string check;
  std::string message;  ///< fmt template with named fields
  /// The compiled check, set in the built-in catalog only (staplint-rulegen
  /// binds it); a catalog loaded from YAML at run time has none. A `live`
  /// binding has `live_fn` instead of `fn`.
  Predicate fn = nullptr;
  LivePredicate live_fn = nullptr;
};

/// The one C++ file a rule's check lives in for a folder of checks, by
/// convention: `nginx/SL1003_stapling_no_resolver.cpp` under lib/src/checks/.
std::string check_file(const std::string& folder, const std::string& id, const std::string& name);
/// The C++ name of that check's class: `SL1003_stapling_no_resolver`.
std::string check_class(const std::string& id, const std::string& name);

/// The named fields of an fmt message template, in order of first use:
/// `{server}` and `{server:>8}` name `server`; `{{` is a literal brace.
/// Throws RuleError for a positional (`{}`, `{0}`) or malformed field.
std::vector<std::string> message_fields(const std::string& tmpl);

struct RuleSpec {
  std::string id;    ///< SLnnnn
  std::string name;  ///< kebab-case
  Severity severity = Severity::warning;
  /// The server refuses the configuration or does not start (YAML
  /// `refuses: true`, for error rules only): every endpoint of the tree is
  /// then `fatal`. Other errors (an expired CRL) fail at run time.
  bool refuses = false;
  /// A lesser severity some of its findings take (YAML `also_severity`): an
  /// expired CRL is an error, one about to expire a warning.
  std::optional<Severity> also_severity;
  std::vector<Dialect> dialects;
  std::string summary;
  /// One per dialect, in the order of `dialects`. In YAML, `check` and
  /// `message` are either one string for every dialect or a mapping by dialect.
  std::vector<RuleBinding> bindings;
  std::map<std::string, std::vector<std::string>> args;
  std::string explain_problem, explain_why, explain_fix;
  std::vector<std::string> references;
  std::vector<RuleExample> examples;
  std::string source;  ///< the YAML file it came from

  bool applies_to(Dialect d) const;
  const RuleBinding* binding_for(Dialect d) const;
};

struct RuleText {
  std::string path;
  std::string yaml;
};

/// Thrown for an invalid rule file; the message names the file and the key.
struct RuleError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class RuleCatalog {
 public:
  /// Parses and validates every rule; throws RuleError on the first problem.
  static RuleCatalog load(const std::vector<RuleText>& texts);
  /// The rules compiled into this binary from rules/*.yaml by staplint-rulegen,
  /// which validated them with load() at build time.
  static const RuleCatalog& builtin();
  /// A catalog of rules that load() has already validated (generated code).
  static RuleCatalog from_validated(std::vector<RuleSpec> rules, JvmPropertyCatalog jvm_properties = {});

  /// The JDK properties the JVM rules know (rules/jvm-properties.yaml).
  const JvmPropertyCatalog& jvm_properties() const { return jvm_properties_; }

  const std::vector<RuleSpec>& rules() const { return rules_; }
  /// By id (`SL1001`) or name (`stapling-disabled`), case-insensitive id.
  const RuleSpec* find(std::string_view id_or_name) const;
  /// "unknown rule 'KEY'", with "; did you mean 'X'?" when one is near.
  std::string unknown_rule_message(std::string_view key) const;
  /// The closest id or name, for "did you mean".
  std::optional<std::string> suggest(std::string_view id_or_name) const;

 private:
  std::vector<RuleSpec> rules_;  // sorted by id
  JvmPropertyCatalog jvm_properties_;
};

/// Levenshtein distance, for did-you-mean suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
/// Words longer than this get no did-you-mean: nothing suggested is that
/// long, and the distance costs the product of the lengths.
inline constexpr std::size_t kMaxSuggestedLength = 256;
/// The option nearest to `word` when it is near enough to be a typo of it.
std::optional<std::string> closest_word(std::string_view word, const std::vector<std::string>& options);

}  // namespace staplint
