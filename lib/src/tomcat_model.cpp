// Builds the Tomcat model from server.xml. Facts: revocation-facts.md section
// 3.4 (the OpenSSL implementations do not staple; the JSSE one staples through
// the JVM's system property).
#include "staplint/tomcat_model.hpp"

#include <algorithm>
#include <cctype>

#include "staplint/text.hpp"

namespace staplint {

namespace {

bool contains_ci(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    if (iequals(hay.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

void walk(std::span<const Node> nodes, std::vector<const Node*>& connectors,
          std::vector<const Node*>& listeners) {
  for (const Node& n : nodes) {
    if (n.kind != NodeKind::block) continue;
    if (n.name() == "Connector") connectors.push_back(&n);
    if (n.name() == "Listener") listeners.push_back(&n);
    walk(n.children(), connectors, listeners);
  }
}

}  // namespace

const Node* xml_attribute(const Node& element, std::string_view name) {
  for (const Node& c : element.children()) {
    if (c.kind == NodeKind::attribute && c.name() == name) return &c;
  }
  return nullptr;
}

TomcatModel build_tomcat_model(const ConfigTree& tree) {
  TomcatModel model;
  std::vector<const Node*> connectors, listeners;
  walk(tree.nodes, connectors, listeners);
  // A native-library listener that turns OpenSSL on for connectors that do
  // not choose an implementation themselves.
  const Node* native = nullptr;
  for (const Node* l : listeners) {
    const Node* cls = xml_attribute(*l, "className");
    if (!cls) continue;
    const std::string_view name = cls->args()[0].value;
    if (!ends_with(name, "AprLifecycleListener") && !ends_with(name, "OpenSSLLifecycleListener")) continue;
    const Node* use = xml_attribute(*l, "useOpenSSL");
    if (use && iequals(use->args()[0].value, "false")) continue;
    native = l;
  }
  for (const Node* c : connectors) {
    const Node* enabled = xml_attribute(*c, "SSLEnabled");
    if (!enabled || !iequals(enabled->args()[0].value, "true")) continue;
    TomcatConnector tc;
    tc.node = c;
    const Node* port = xml_attribute(*c, "port");
    tc.display_name = port ? "port " + std::string(port->args()[0].value) : "connector";
    const Node* impl = xml_attribute(*c, "sslImplementationName");
    const Node* protocol = xml_attribute(*c, "protocol");
    if (impl && contains_ci(impl->args()[0].value, "openssl")) {
      tc.implementation = TlsImplementation::openssl;
      tc.implementation_source = impl;
    } else if (impl) {
      tc.implementation = TlsImplementation::jsse;
      tc.implementation_source = impl;
    } else if (protocol && contains_ci(protocol->args()[0].value, "AprProtocol")) {
      tc.implementation = TlsImplementation::openssl;
      tc.implementation_source = protocol;
    } else if (native) {
      tc.implementation = TlsImplementation::openssl_if_native;
      tc.implementation_source = native;
    }
    model.tls_connectors.push_back(std::move(tc));
  }
  return model;
}

}  // namespace staplint
