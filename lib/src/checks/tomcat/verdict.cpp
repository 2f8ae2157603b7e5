// Tomcat: the stapling verdict of a TLS connector (staplint/verdict.hpp),
// beside the rules that explain each way it can go.
#include "staplint/verdict.hpp"
#include "checks/tomcat/certificate_facts.hpp"
#include "staplint/text.hpp"

namespace staplint {

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
