// SL4007: the OCSP response in a stapling file is for another certificate, expired, revoked or an error.
#include <set>

#include "checks/nginx/certificate_facts.hpp"
#include "rules/nginx/SL4007_stapling_file_invalid.hpp"

namespace staplint::checks::nginx {

void SL4007_stapling_file_invalid::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<std::pair<const Node*, const Node*>> reported;
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!judged(s)) continue;
    const NginxStaplingFacts& facts = *nginx_stapling_facts(ctx.certificates, s);
    if (!facts.any_known || !facts.stapling_file || !s.effective("ssl_stapling").is_on()) continue;
    const std::string* der = ctx.certificates->raw(*facts.stapling_file);
    if (!der || der->empty()) continue;
    for (const ServedCertificate& c : facts.served) {
      if (!c.leaf || !reported.insert({facts.stapling_file, c.directive}).second) continue;
      const OcspResponseFacts o = read_ocsp_response(*der, *c.leaf, c.issuer);
      std::string problem;
      if (o.status == OcspResponseFacts::Status::not_ocsp) continue;  // SL4005
      if (o.status == OcspResponseFacts::Status::unsuccessful) {
        problem = "is an error response ('" + o.responder_status + "')";
      } else if (!o.for_certificate) {
        problem = "is for another certificate";
      } else if (o.cert_status == OcspResponseFacts::CertStatus::revoked) {
        problem = "says the certificate is revoked";
      } else if (o.next_update && *o.next_update < ctx.certificates->now()) {
        problem = "expired on " + format_date(*o.next_update);
      } else if (o.cert_status == OcspResponseFacts::CertStatus::unknown) {
        problem = "says the responder does not know the certificate";
      } else {
        continue;
      }
      Finding& f = r.report(facts.stapling_file->file(), facts.stapling_file->range,
                            Fields{.certificate = c.path, .problem = problem});
      f.notes.push_back(
          {c.directive->file(), c.directive->range, "the certificate is named here (serial " + c.leaf->serial + ")"});
    }
  }
}

}  // namespace staplint::checks::nginx
