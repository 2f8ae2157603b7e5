// SL5011: the responder answers otherwise than the staple.
#include "rules/live/SL5011_live_responder_disagrees.hpp"
#include "checks/live/verdicts.hpp"

namespace staplint::checks::live {

void SL5011_live_responder_disagrees::check(const LiveContext& ctx, Reporter& r) {
  const ProbedEndpoint& e = ctx.endpoint;
  auto word = [](OcspResponseFacts::CertStatus s) {
    return std::string(s == OcspResponseFacts::CertStatus::good      ? "good"
                       : s == OcspResponseFacts::CertStatus::revoked ? "revoked"
                                                                     : "unknown");
  };
  auto pick = [](const LiveResult& x) {
    return x.responder && x.responder->status && x.staple && x.staple->for_leaf &&
           x.staple->signature != StapleCheck::Signature::invalid && *x.responder->status != x.staple->cert_status;
  };
  auto key = [&word](const LiveResult& x) {
    return x.responder->url + "\n" + word(*x.responder->status) + "\n" + word(x.staple->cert_status);
  };
  for (const VerdictGroup& g : group_results(e, pick, key)) {
    r.report(e.file, e.range,
             Fields{.endpoint = endpoint_name(e),
                    .now = word(*g.first->responder->status),
                    .responder = g.first->responder->url,
                    .stapled = word(g.first->staple->cert_status),
                    .tls = g.versions});
  }
}

}  // namespace staplint::checks::live
