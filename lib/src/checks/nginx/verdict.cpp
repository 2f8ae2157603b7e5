// nginx: the stapling verdict of a TLS server (staplint/verdict.hpp), beside
// the rules that explain each way it can go.
#include "staplint/verdict.hpp"
#include "checks/nginx/certificate_facts.hpp"

namespace staplint {

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
    const ArgList path = c->args(1);
    if (!path.empty() && path[0].has_variable()) return Stapling::ineffective;
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

}  // namespace staplint
