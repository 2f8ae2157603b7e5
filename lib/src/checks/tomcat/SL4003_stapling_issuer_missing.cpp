// SL4003: stapling is on but the issuer of the certificate is in none of the files the server looks in.
#include <set>

#include "checks/tomcat/certificate_facts.hpp"
#include "checks/tomcat/stapling.hpp"
#include "rules/tomcat/SL4003_stapling_issuer_missing.hpp"

namespace staplint::checks::tomcat {

void SL4003_stapling_issuer_missing::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    if (!jsse_staples(ctx, c)) continue;
    const auto facts_owner = tomcat_stapling_facts(ctx.certificates, ctx.tomcat, ctx.jvm, c);
    for (const ServedCertificate& s : facts_owner->served) {
      if (!s.leaf || s.issuer || !s.issuer_known || !reported.insert(s.directive).second) continue;
      Finding& f = r.report(s.directive->file(), s.directive->name_range(),
                            Fields{.certificate = s.path, .issuer = s.leaf->issuer});
      f.notes.push_back({s.directive->file(), s.directive->name_range(),
                         "JSSE staples only for a chain of two or more: import the certificate with its "
                         "chain into the keystore, or name the chain in 'certificateChainFile'"});
    }
  }
}

}  // namespace staplint::checks::tomcat
