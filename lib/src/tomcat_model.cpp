// Builds the Tomcat model from server.xml. Facts: docs/server-facts.md §3.4
// (the OpenSSL implementations do not staple; the JSSE one staples through the
// JVM's system property).
#include "staplint/tomcat_model.hpp"

#include <algorithm>
#include <cctype>

#include "staplint/jvm_model.hpp"
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

void walk(std::span<const Node> nodes, std::vector<const Node*>& connectors, std::vector<const Node*>& listeners) {
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

std::optional<std::string> TomcatModel::value(const Node& attribute) const {
  const ArgList args = attribute.args();
  const std::string_view v = args.empty() ? std::string_view{} : args[0].value;
  std::string out;
  std::size_t i = 0;
  while (i < v.size()) {
    const std::size_t open = v.find("${", i);
    if (open == std::string_view::npos) break;
    const std::size_t close = v.find('}', open + 2);
    if (close == std::string_view::npos) break;  // no placeholder: kept as written
    out.append(v.substr(i, open - i));
    const std::string_view name = v.substr(open + 2, close - open - 2);
    const auto it = properties.find(name);
    if (it == properties.end() || uncertain.count(name)) return std::nullopt;
    out += it->second;
    i = close + 1;
  }
  out.append(v.substr(i));
  return out;
}

std::optional<std::string> TomcatModel::attribute(const Node& element, std::string_view name) const {
  const Node* a = xml_attribute(element, name);
  return a ? value(*a) : std::optional<std::string>(std::string());
}

TomcatModel build_tomcat_model(const ConfigTree& tree, const JvmModel& jvm, const std::string& instance_base) {
  TomcatModel model;
  if (!instance_base.empty()) {
    model.properties["catalina.base"] = instance_base;
    model.properties["catalina.home"] = instance_base;
  }
  // In order: the JVM keeps the last -D; catalina.properties entries come
  // last in the model, as Tomcat sets them over the -D options.
  for (const JvmOption& o : jvm.options) {
    if (!o.has_value) continue;
    model.properties[o.name] = o.value;
    if (o.certain)
      model.uncertain.erase(o.name);
    else
      model.uncertain.insert(o.name);
  }
  std::vector<const Node*> connectors, listeners;
  walk(tree.nodes, connectors, listeners);
  // A native-library listener that turns OpenSSL on for connectors that do
  // not choose an implementation themselves.
  const Node* native = nullptr;
  for (const Node* l : listeners) {
    const std::string name = model.attribute(*l, "className").value_or("");
    if (!ends_with(name, "AprLifecycleListener") && !ends_with(name, "OpenSSLLifecycleListener")) continue;
    const auto use = model.attribute(*l, "useOpenSSL");
    if (use && iequals(*use, "false")) continue;
    native = l;
  }
  for (const Node* c : connectors) {
    const auto enabled = model.attribute(*c, "SSLEnabled");
    if (enabled && !iequals(*enabled, "true")) continue;
    TomcatConnector tc;
    tc.node = c;
    if (!enabled) tc.unresolved = xml_attribute(*c, "SSLEnabled");
    const Node* port = xml_attribute(*c, "port");
    const auto port_value = port ? model.value(*port) : std::nullopt;
    const std::string_view port_written = port && port->unit() ? port->unit()->shown(port->args()[0].value) : "";
    tc.display_name = !port                                   ? "connector"
                      : port_written != port->args()[0].value ? "port " + std::string(port_written)  // a template's
                      : port_value                            ? "port " + *port_value
                                                              : "port " + std::string(port->args()[0].value);
    const Node* impl = xml_attribute(*c, "sslImplementationName");
    const Node* protocol = xml_attribute(*c, "protocol");
    const auto impl_value = impl ? model.value(*impl) : std::nullopt;
    const auto protocol_value = protocol ? model.value(*protocol) : std::nullopt;
    if (impl && !impl_value) tc.unresolved = impl;
    if (protocol && !protocol_value) tc.unresolved = protocol;
    if (impl && contains_ci(impl_value.value_or(""), "openssl")) {
      tc.implementation = TlsImplementation::openssl;
      tc.implementation_source = impl;
    } else if (impl && impl_value) {
      tc.implementation = TlsImplementation::jsse;
      tc.implementation_source = impl;
    } else if (protocol && contains_ci(protocol_value.value_or(""), "AprProtocol")) {
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
