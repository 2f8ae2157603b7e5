// Apache httpd: the stapling verdict of a TLS host (staplint/verdict.hpp),
// beside the rules that explain each way it can go.
#include "staplint/verdict.hpp"
#include "checks/apache/certificate_facts.hpp"

namespace staplint {

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

}  // namespace staplint
