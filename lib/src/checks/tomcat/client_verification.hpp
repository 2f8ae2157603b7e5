// Tomcat: how an <SSLHostConfig> (or a legacy <Connector>) verifies client
// certificates (SL2001, SL2004).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "checks/tomcat/certificate_facts.hpp"
#include "staplint/engine.hpp"
#include "staplint/text.hpp"

namespace staplint::checks::tomcat {

/// An attribute's value with ${property} replaced; nullopt when unknown.
inline std::optional<std::string> attr(const CheckContext& ctx, const Node& element, std::string_view name) {
  return ctx.tomcat.attribute(element, name);
}

/// An SSLHostConfig attribute, or on a legacy connector its old name.
inline std::optional<std::string> host_attr(const CheckContext& ctx, const Node& host, std::string_view name,
                                            std::string_view legacy) {
  if (host.name() == "Connector" && !xml_attribute(host, name)) return attr(ctx, host, legacy);
  return attr(ctx, host, name);
}

/// certificateVerification (legacy clientAuth) asks for client certificates
/// and checks them against trusted CAs; nullopt when a placeholder hides it.
inline std::optional<bool> verifies_clients(const CheckContext& ctx, const Node& host) {
  const auto v = host_attr(ctx, host, "certificateVerification", "clientAuth");
  if (!v) return std::nullopt;
  return tomcat_verifies_clients(*v);
}

/// The attribute a finding about client verification points at.
inline const Node* verification_attribute(const Node& host) {
  if (const Node* a = xml_attribute(host, "certificateVerification")) return a;
  return host.name() == "Connector" ? xml_attribute(host, "clientAuth") : nullptr;
}

}  // namespace staplint::checks::tomcat
