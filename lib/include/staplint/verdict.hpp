// The stapling verdict of each TLS endpoint, per dialect: what the endpoint
// reports (text summary, JSON `endpoints`), and what SL4004 weighs a
// Must-Staple certificate against. Each is defined beside its dialect's checks:
// lib/src/checks/{nginx,apache,tomcat}/verdict.cpp.
#pragma once

#include <cstdint>
#include <string_view>

#include "staplint/apache_model.hpp"
#include "staplint/certificate.hpp"
#include "staplint/engine.hpp"
#include "staplint/jvm_model.hpp"
#include "staplint/nginx_model.hpp"
#include "staplint/result.hpp"
#include "staplint/tomcat_model.hpp"

namespace staplint {

/// The stapling verdict for one TLS server: `fatal` (nginx refuses the
/// configuration because of its stapling settings), `off`, `ineffective`
/// (enabled but nginx will not staple: certificates named through variables,
/// or certificates that, as read through `certificates`, have no OCSP URL or
/// no findable issuer), `unknown` (verification without a trusted chain:
/// it depends on who signs the responses), or `on` (enabled, and nothing
/// staplint can see stops it).
Stapling stapling_verdict(const NginxServer& s, const LintOptions& options,
                          const CertificateLookup* certificates = nullptr);
/// The same for an Apache host that serves TLS, when httpd accepts the
/// configuration (else `fatal`): on, off, ineffective (the certificates, as
/// read through `certificates`, have no OCSP URL or no findable issuer), or
/// unknown when it depends on a condition staplint cannot evaluate.
Stapling apache_stapling_verdict(const ApacheModel& m, const ApacheHost& h,
                                 const CertificateLookup* certificates = nullptr);

/// The same for a Tomcat TLS connector: `on` only for JSSE in a JVM that
/// surely gets -Djdk.tls.server.enableStatusRequestExtension=true;
/// `ineffective` for OpenSSL, or when the switch (or a known mistake for it)
/// sits where the JVM never reads it, or the JDK (`options`) predates server
/// stapling; `unknown` when it depends on a branch or on whether the native
/// library loads; else `off`.
/// With `tomcat` and `certificates`, `on` becomes `ineffective` when the
/// certificates settle that JSSE staples none of them (no OCSP URL, a chain
/// of one).
Stapling tomcat_stapling_verdict(const TomcatConnector& c, const JvmModel& jvm, const JvmPropertyCatalog& properties,
                                 const LintOptions& options, const TomcatModel* tomcat = nullptr,
                                 const CertificateLookup* certificates = nullptr);

}  // namespace staplint
