// SL5005: the served certificate names no OCSP responder.
#include "rules/live/SL5005_live_no_ocsp_url.hpp"
#include "checks/live/verdicts.hpp"

namespace staplint::checks::live {

void SL5005_live_no_ocsp_url::check(const LiveContext& ctx, Reporter& r) {
  const ProbedEndpoint& e = ctx.endpoint;
  auto revocation = [](const LiveResult& x) {
    return x.leaf->crl_urls.empty() ? std::string("it names no CRL either: clients cannot check its revocation")
                                    : "clients check its CRL '" + x.leaf->crl_urls.front() + "'";
  };
  auto pick = [](const LiveResult& x) { return x.verdict == LiveVerdict::no_ocsp_url && x.leaf; };
  for (const VerdictGroup& g : group_results(e, pick, revocation)) {
    r.report(e.file, e.range,
             Fields{.endpoint = endpoint_name(e), .revocation = revocation(*g.first), .tls = g.versions});
  }
}

}  // namespace staplint::checks::live
