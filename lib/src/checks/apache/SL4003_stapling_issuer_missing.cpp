// SL4003: stapling is on but the issuer of the certificate is in none of the files the server looks in.
#include <set>

#include "checks/apache/certificate_facts.hpp"
#include "checks/apache/directives.hpp"
#include "checks/apache/stapling.hpp"
#include "rules/apache/SL4003_stapling_issuer_missing.hpp"

namespace staplint::checks::apache {

void SL4003_stapling_issuer_missing::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const ApacheHost* h : tls_hosts(ctx.apache)) {
    if (!ctx.apache.effective(*h, "SSLUseStapling").is_on() || ctx.apache.md_stapling(*h)) continue;
    const auto facts_owner = apache_stapling_facts(ctx.certificates, ctx.apache, *h);
    const ApacheStaplingFacts& facts = *facts_owner;
    for (const ServedCertificate& c : facts.served) {
      if (!c.leaf || !c.issuer_known || c.issuer || !reported.insert(c.directive).second) continue;
      Finding& f =
          r.report(c.directive->file(), c.directive->range, Fields{.certificate = c.path, .issuer = c.leaf->issuer});
      f.notes.push_back({c.directive->file(), c.directive->range,
                         "httpd logs AH02217 and looks in the rest of this file, 'SSLCertificateChainFile' and "
                         "'SSLCACertificateFile': put the intermediate certificates after the leaf in this file"});
      note_conditions(f, {directive_of(facts, c.directive)});
    }
  }
}

}  // namespace staplint::checks::apache
