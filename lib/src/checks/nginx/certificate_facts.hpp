// nginx: what the certificate files a TLS server names say about its stapling
// (the facts SL4001..SL4004 and the endpoint verdict share).
#pragma once

#include <memory>
#include <vector>

#include "checks/common/certificates.hpp"
#include "staplint/engine.hpp"
#include "staplint/nginx_model.hpp"

namespace staplint::checks {

struct NginxStaplingFacts {
  /// Each `ssl_certificate` in force; empty when certificates are not read.
  std::vector<ServedCertificate> served;
  bool responder_override = false;      ///< ssl_stapling_responder
  const Node* stapling_file = nullptr;  ///< ssl_stapling_file: no issuer or URL needed
  /// The files nginx looks in for an issuer after the certificate's own:
  /// ssl_trusted_certificate, and ssl_client_certificate when clients are
  /// verified (both go into the SSL_CTX store).
  std::vector<const Node*> store_directives;
  /// Some served certificate was read, or certbot's renewal file speaks for
  /// it: else no certificate rule has anything to say about the server.
  bool any_known = false;

  /// The certificates settle that nginx staples nothing for this server.
  bool none_stapled() const { return !stapling_file && checks::none_stapled(served, responder_override); }
};

/// A CRL file nginx checks peer certificates against (its whole chain:
/// X509_V_FLAG_CRL_CHECK_ALL), with the CA files verification uses.
struct CheckedCrl {
  const Node* crl = nullptr;
  std::vector<const Node*> cas;
  bool upstream = false;  ///< proxy_/grpc_/uwsgi_ssl_crl, for a verified TLS upstream
};
/// The `*_ssl_crl` of every TLS upstream whose certificates are verified
/// (nginx/upstreams.cpp), each directive once.
std::vector<CheckedCrl> nginx_upstream_crls(const CheckContext& ctx);

/// `certs` may be nullptr (not read): then `served` is empty. Computed once
/// per server and lookup, and kept with the server (never nullptr; valid
/// while the server is and until it is asked with another lookup).
const NginxStaplingFacts* nginx_stapling_facts(const CertificateLookup* certs, const NginxServer& s);

/// The CRL files nginx checks client certificates against (servers that
/// verify them: on or optional; optional_no_ca ignores the result), then
/// those of verified TLS upstreams. Computed once per tree (SL4006 and
/// SL4008 both ask; the upstream part walks the whole tree); needs
/// `ctx.certificates`.
const std::vector<CheckedCrl>& nginx_checked_crls(const CheckContext& ctx);

/// The TLS servers the certificate rules judge (not mail, not rejecting
/// handshakes).
inline bool judged(const NginxServer& s) { return s.tls && !s.rejects_handshakes; }

}  // namespace staplint::checks
