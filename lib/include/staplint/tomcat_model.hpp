// The Tomcat model: the TLS connectors of a server.xml and the TLS
// implementation each one uses (JSSE, or OpenSSL through tcnative/APR or FFM).
#pragma once

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
};

struct TomcatModel {
  std::vector<TomcatConnector> tls_connectors;
};

TomcatModel build_tomcat_model(const ConfigTree& tree);

/// The attribute node `name` of an XML element, or nullptr.
const Node* xml_attribute(const Node& element, std::string_view name);

}  // namespace staplint
