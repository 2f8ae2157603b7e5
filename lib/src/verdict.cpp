#include "staplint/verdict.hpp"

#include "checks/apache/certificate_facts.hpp"
#include "checks/nginx/certificate_facts.hpp"
#include "checks/tomcat/certificate_facts.hpp"
#include "staplint/text.hpp"

namespace staplint {

std::string_view to_string(Stapling v) {
  switch (v) {
    case Stapling::on:
      return "on";
    case Stapling::off:
      return "off";
    case Stapling::ineffective:
      return "ineffective";
    case Stapling::unknown:
      return "unknown";
    case Stapling::fatal:
      return "fatal";
  }
  return "unknown";
}

Stapling stapling_verdict(const NginxServer& s, const LintOptions& options, const CertificateLookup* certificates) {
  const auto& version = options.nginx_version;
  // fatal: nginx refuses the configuration because of its stapling settings.
  if (s.effective("ssl_stapling").is_invalid_flag() || s.effective("ssl_stapling_verify").is_invalid_flag()) {
    return Stapling::fatal;
  }
  const Effective stapling = s.effective("ssl_stapling");
  if (s.stream && version && *version < Version{1, 27, 2}) {
    for (const char* name : {"ssl_stapling", "ssl_stapling_verify", "ssl_stapling_file", "ssl_stapling_responder"}) {
      if (s.effective(name).node) return Stapling::fatal;
    }
  }
  if (stapling.is_on() && s.effective("ssl_certificate_compression").is_on() &&
      !(version && *version < Version{1, 29, 3})) {
    return Stapling::fatal;
  }
  if (!stapling.is_on()) return Stapling::off;
  for (const Node* c : s.all("ssl_certificate")) {
    if (!c->args().empty() && c->args()[0].has_variable()) return Stapling::ineffective;
  }
  const Node* stapling_file = s.effective("ssl_stapling_file").node;
  if (certificates && checks::nginx_stapling_facts(certificates, s)->none_stapled()) return Stapling::ineffective;
  // SL1004: verifying responses without a trusted chain works only when the
  // issuer signs them itself, which no file here tells.
  if (!stapling_file && s.effective("ssl_stapling_verify").is_on() && !s.effective("ssl_trusted_certificate").node) {
    return Stapling::unknown;
  }
  return Stapling::on;
}

Stapling apache_stapling_verdict(const ApacheModel& m, const ApacheHost& h, const CertificateLookup* certificates) {
  const ApacheEffective engine = m.effective(h, "SSLEngine");
  const ApacheEffective use = m.effective(h, "SSLUseStapling");
  if (const ApacheDirective* md = m.md_stapling(h)) {
    if (!md->certain()) return Stapling::unknown;
    return checks::apache_stapling_facts(certificates, m, h)->none_stapled() ? Stapling::ineffective : Stapling::on;
  }
  if ((engine && !engine.directive->certain()) || (use && !use.directive->certain())) {
    return Stapling::unknown;
  }
  if (!use.is_on()) return Stapling::off;
  if (checks::apache_stapling_facts(certificates, m, h)->none_stapled()) return Stapling::ineffective;
  return Stapling::on;
}

Stapling tomcat_stapling_verdict(const TomcatConnector& c, const JvmModel& jvm, const JvmPropertyCatalog& properties,
                                 const LintOptions& options, const TomcatModel* tomcat,
                                 const CertificateLookup* certificates) {
  if (c.unresolved) return Stapling::unknown;  // TLS or the implementation depends on a ${property}
  if (c.implementation == TlsImplementation::openssl) return Stapling::ineffective;
  const JvmOption* last = last_stapling_switch(jvm);
  if (last && iequals(last->value, "true")) {
    if (!options.jdk_staples()) return Stapling::ineffective;
    if (!last->certain || c.implementation != TlsImplementation::jsse) return Stapling::unknown;
    if (tomcat && checks::tomcat_stapling_facts(certificates, *tomcat, jvm, c)->none_stapled())
      return Stapling::ineffective;
    return Stapling::on;
  }
  // The switch with another value, or written where the JVM never reads it.
  if (last || misplaced_stapling_switch(jvm, properties)) return Stapling::ineffective;
  return c.implementation == TlsImplementation::jsse ? Stapling::off : Stapling::unknown;
}

}  // namespace staplint
