// Apache httpd: what the certificate files a TLS host names say about its
// stapling (the facts SL4001..SL4004 and the endpoint verdict share).
#pragma once

#include <memory>
#include <vector>

#include "checks/common/certificates.hpp"
#include "staplint/apache_model.hpp"

namespace staplint::checks {

struct ApacheStaplingFacts {
  /// Each `SSLCertificateFile` in force, or mod_md's pubcert.pem for a
  /// domain it manages (the directive: its MDomain); empty when certificates
  /// are not read.
  std::vector<ServedCertificate> served;
  std::vector<const ApacheDirective*> served_directives;
  bool responder_override = false;  ///< SSLStaplingForceURL
  /// Where httpd looks for an issuer after the certificate's own file
  /// (ssl_util_stapling.c stapling_get_issuer: the chain, then the store):
  /// SSLCertificateChainFile, SSLCACertificateFile, SSLCACertificatePath (its
  /// hashed files).
  std::vector<const Node*> store_directives;

  bool none_stapled() const { return checks::none_stapled(served, responder_override); }
};

/// The directives `name` in force for `h`: its own (outside inner sections)
/// when it has any, else the server-level ones, as mod_ssl merges arrays.
std::vector<const ApacheDirective*> apache_in_force(const ApacheModel& m, const ApacheHost& h, std::string_view name);

/// `certs` may be nullptr (not read): then `served` is empty. Computed once
/// per endpoint and tree (kept in `certs->derived`).
std::shared_ptr<const ApacheStaplingFacts> apache_stapling_facts(const CertificateLookup* certs, const ApacheModel& m,
                                                                 const ApacheHost& h);

/// The directive of `facts.served_directives` whose node is `node`, or nullptr.
inline const ApacheDirective* directive_of(const ApacheStaplingFacts& facts, const Node* node) {
  for (const ApacheDirective* d : facts.served_directives) {
    if (d->node == node) return d;
  }
  return nullptr;
}

/// The CRL files httpd checks peer certificates against: `SSLCARevocationFile`
/// with `SSLCARevocationCheck chain|leaf` for hosts that verify clients, and
/// the `SSLProxy*` twins for verified TLS backends.
struct ApacheCrl {
  const ApacheDirective* crl = nullptr;
  std::vector<const Node*> cas;
  bool whole_chain = false;  ///< `chain` without `no_crl_for_cert_ok`
  bool proxy = false;
};

/// Every CRL file httpd checks, each once (SL4006 and SL4008).
std::vector<ApacheCrl> apache_checked_crls(const ApacheModel& m);

}  // namespace staplint::checks
