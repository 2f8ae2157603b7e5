// The JDK property catalog (rules/jvm-properties.yaml, compiled into the
// built-in RuleCatalog by staplint-rulegen): the known names of the property
// families SL1101 checks, each a system or a security property, with its type.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace staplint {

struct JvmProperty {
  enum class Type : std::uint8_t { boolean, integer, string, uri };
  std::string name;
  bool security = false;  ///< read by Security.getProperty (java.security), else System.getProperty
  Type type = Type::string;
  std::string since;                  ///< the JDK release that introduced it, where confirmed; may be empty
  std::vector<std::string> intended;  ///< names guides write by mistake for this one
};

class JvmPropertyCatalog {
 public:
  /// Parses and validates the YAML text; throws RuleError naming `path`.
  static JvmPropertyCatalog load(const std::string& path, const std::string& yaml);
  static JvmPropertyCatalog from_validated(std::vector<JvmProperty> list);

  const std::vector<JvmProperty>& properties() const { return list_; }
  const JvmProperty* find(std::string_view name) const;
  /// The property that `wrong` is a known mistake for (`jdk.tls.ocsp.enable`).
  const JvmProperty* intended_for(std::string_view wrong) const;
  /// The closest known name, for did-you-mean.
  std::optional<std::string> suggest(std::string_view name) const;

 private:
  std::vector<JvmProperty> list_;  // sorted by name
};

/// The name is in one of the families SL1101 checks: jdk.tls.*, jdk.security.*,
/// ocsp.*, com.sun.net.ssl.*, com.sun.security.*.
bool in_checked_property_family(std::string_view name);

}  // namespace staplint
