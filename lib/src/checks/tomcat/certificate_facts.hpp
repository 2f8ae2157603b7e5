// Tomcat: what the certificates and keystores a TLS connector names say about
// its stapling (the facts SL4001..SL4004 and the endpoint verdict share).
#pragma once

#include <memory>
#include <vector>

#include "checks/common/certificates.hpp"
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

/// The elements that carry certificate attributes: each <Certificate> of a
/// host, else the host itself (its implicit default certificate).
std::vector<const Node*> certificate_elements(const Node& host);

/// An attribute, or on a legacy <Connector> its old name.
const Node* attribute_node(const Node& element, std::string_view name, std::string_view legacy);

/// The attribute's value, with ${...} replaced; "" when it is absent, nullopt
/// when a property cannot be resolved.
std::optional<std::string> value_of(const TomcatModel& tomcat, const Node* attribute);

/// `certs` may be nullptr (not read): then `served` is empty. Computed once
/// per endpoint and tree (kept in `certs->derived`).
std::shared_ptr<const TomcatStaplingFacts> tomcat_stapling_facts(const CertificateLookup* certs,
                                                                 const TomcatModel& tomcat, const JvmModel& jvm,
                                                                 const TomcatConnector& c);

/// A host's CRL file and the CA files its client certificates are checked
/// with (truststoreFile, caCertificateFile), when it verifies clients.
struct TomcatCrl {
  const Node* crl = nullptr;
  const NamedFile* crl_file = nullptr;
  std::vector<const CertificateFile*> cas;
  bool openssl = false;
};

/// The CRL of every host that verifies clients; needs `ctx.certificates`.
std::vector<TomcatCrl> tomcat_crls(const CheckContext& ctx);

}  // namespace staplint::checks
