// The Tomcat model: the TLS connectors of a server.xml and the TLS
// implementation each one uses (JSSE, or OpenSSL through tcnative/APR or FFM).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "staplint/config_tree.hpp"

namespace staplint {

enum class TlsImplementation : std::uint8_t {
  jsse,
  openssl,
  /// OpenSSL if Tomcat can load the native library at start (an
  /// AprLifecycleListener or OpenSSLLifecycleListener without an explicit
  /// implementation on the connector), else JSSE: only the run knows.
  openssl_if_native,
};

struct TomcatConnector {
  const Node* node = nullptr;  ///< the <Connector> element
  std::string display_name;    ///< `port 8443`
  TlsImplementation implementation = TlsImplementation::jsse;
  /// The attribute or <Listener> that decides the implementation; nullptr for
  /// the default (JSSE).
  const Node* implementation_source = nullptr;
  /// An attribute that decides whether the connector speaks TLS, or which
  /// implementation it uses, and holds a `${name}` staplint cannot resolve.
  const Node* unresolved = nullptr;
};

struct JvmModel;

struct TomcatModel {
  std::vector<TomcatConnector> tls_connectors;
  /// The system properties Tomcat replaces `${name}` with in server.xml: the
  /// -D options and catalina.properties entries of the JVM model, and
  /// catalina.base / catalina.home when the instance directory is known.
  std::map<std::string, std::string, std::less<>> properties;
  /// Properties set only on some runs: a placeholder naming one is unknown.
  std::set<std::string, std::less<>> uncertain;

  /// An attribute's value as Tomcat reads it (IntrospectionUtils
  /// replaceProperties): each `${name}` replaced by the property; nullopt when
  /// one names a property staplint does not know, since the run may set it
  /// (with -D on a command line staplint never sees).
  std::optional<std::string> value(const Node& attribute) const;
  /// The value of attribute `name` of `element`: empty if it has none.
  std::optional<std::string> attribute(const Node& element, std::string_view name) const;
};

TomcatModel build_tomcat_model(const ConfigTree& tree, const JvmModel& jvm, const std::string& instance_base);

/// The attribute node `name` of an XML element, or nullptr.
const Node* xml_attribute(const Node& element, std::string_view name);

}  // namespace staplint
