// SL5001: no staple, though the certificate names a responder.
#include "rules/live/SL5001_live_no_staple.hpp"
#include "checks/live/verdicts.hpp"

namespace staplint::checks::live {

void SL5001_live_no_staple::check(const LiveContext& ctx, Reporter& r) {
  const ProbedEndpoint& e = ctx.endpoint;
  auto pick = [](const LiveResult& x) { return x.verdict == LiveVerdict::no_staple && x.leaf; };
  auto key = [](const LiveResult& x) { return handshakes_text(x.handshakes) + "\n" + x.leaf->ocsp_urls.front(); };
  for (const VerdictGroup& g : group_results(e, pick, key)) {
    r.report(e.file, e.range,
             Fields{.endpoint = endpoint_name(e),
                    .responder = g.first->leaf->ocsp_urls.front(),
                    .tls = g.versions,
                    .tries = handshakes_text(g.first->handshakes)});
  }
}

}  // namespace staplint::checks::live
