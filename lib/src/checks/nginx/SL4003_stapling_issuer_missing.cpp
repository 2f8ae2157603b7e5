// SL4003: stapling is on but the issuer of the certificate is in none of the files the server looks in.
#include <set>

#include "checks/nginx/certificate_facts.hpp"
#include "rules/nginx/SL4003_stapling_issuer_missing.hpp"

namespace staplint::checks::nginx {

namespace {

std::string where_nginx_looks(const NginxStaplingFacts& facts) {
  std::string out = "the rest of the certificate file";
  for (const Node* d : facts.store_directives) out += ", '" + std::string(d->name()) + "'";
  return out;
}

}  // namespace

void SL4003_stapling_issuer_missing::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!judged(s)) continue;
    const NginxStaplingFacts& facts = *nginx_stapling_facts(ctx.certificates, s);
    if (!facts.any_known || facts.stapling_file || !s.effective("ssl_stapling").is_on()) continue;
    for (const ServedCertificate& c : facts.served) {
      if (!c.leaf || !c.issuer_known || c.issuer || !reported.insert(c.directive).second) continue;
      Finding& f =
          r.report(c.directive->file(), c.directive->range, Fields{.certificate = c.path, .issuer = c.leaf->issuer});
      f.notes.push_back({c.directive->file(), c.directive->range,
                         "nginx looks in " + where_nginx_looks(facts) +
                             "; put the intermediate certificates after the leaf in this file, or "
                             "the issuer chain in 'ssl_trusted_certificate'"});
    }
  }
}

}  // namespace staplint::checks::nginx
