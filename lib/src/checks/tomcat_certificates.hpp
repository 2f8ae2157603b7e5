// Tomcat: what the certificates and keystores a TLS connector names say about
// its stapling (the facts SL4001..SL4004 and the endpoint verdict share).
#pragma once

#include <memory>
#include <vector>

#include "certificate_helpers.hpp"
#include "staplint/jvm_model.hpp"
#include "staplint/tomcat_model.hpp"

namespace staplint::checks {

struct TomcatStaplingFacts {
  /// Each certificate of each <SSLHostConfig> (certificateFile, or
  /// certificateKeystoreFile); empty when certificates are not read.
  std::vector<ServedCertificate> served;
  /// JSSE's -Djdk.tls.stapling.responderURI: the responder for certificates
  /// without an OCSP URL (and, with responderOverride=true, for all).
  bool responder_override = false;

  bool none_stapled() const { return checks::none_stapled(served, responder_override); }
};

/// The <SSLHostConfig> elements of a connector; a connector without one
/// stands for its own (Tomcat 9 and earlier: the attributes on <Connector>).
std::vector<const Node*> tomcat_host_configs(const Node& connector);

/// A certificateVerification (legacy clientAuth) value that asks for client
/// certificates and checks them against trusted CAs.
bool tomcat_verifies_clients(std::string_view value);

/// `certs` may be nullptr (not read): then `served` is empty. Computed once
/// per endpoint and tree (kept in `certs->derived`).
std::shared_ptr<const TomcatStaplingFacts> tomcat_stapling_facts(const CertificateLookup* certs, const TomcatModel& tomcat,
                                          const JvmModel& jvm, const TomcatConnector& c);

}  // namespace staplint::checks
