// SL2001 (AWS): client certificates verified without a revocation check: an
// ALB listener in `verify` mode whose trust store has no CRL, and API
// Gateway custom domains with mutual TLS.
#include "rules/aws/SL2001_client_cert_no_revocation.hpp"
#include "checks/aws/facts.hpp"

namespace staplint::checks::aws {

void SL2001_client_cert_no_revocation::check(const CheckContext& ctx, Reporter& r) {
  const AwsModel& m = *ctx.aws;
  for (const AwsResource* l : m.of(AwsKind::listener)) {
    const MutualTls mtls = mutual_tls(m, *l);
    if (mtls.mode.kind != AwsValue::Kind::literal || mtls.mode.text != "verify") continue;
    // A trust store staplint cannot see, or a revocation it cannot place:
    // the verdict is unknown, and nothing is said.
    if (mtls.store.kind != AwsValue::Kind::reference || mtls.store.target->kind != AwsKind::trust_store) continue;
    const AwsResource& store = *mtls.store.target;
    if (store_has_revocation(m, store) != false) continue;
    const Node& at = *mtls.mode.node;
    Finding& f = r.report(at.file(), at.name_range(), Fields{.servers = "listener '" + l->display() + "'"});
    f.notes.push_back({store.node->file(), store.node->name_range(),
                       "trust store '" + store.display() + "' has no revocation list: no " +
                           (store.terraform() ? "aws_lb_trust_store_revocation" : "TrustStoreRevocation") +
                           " adds one to it"});
  }
  for (const AwsResource* d : m.of(AwsKind::api_domain)) {
    const Node* mtls = api_mutual_tls(m, *d);
    if (!mtls) continue;
    Finding& f = r.report(mtls->file(), mtls->name_range(),
                          Fields{.servers = "API Gateway custom domain '" + d->display() + "'"});
    f.notes.push_back({d->node->file(), d->node->name_range(),
                       "API Gateway documents no revocation check of client certificates; it passes them to "
                       "Lambda authorizers, which must check them against a CRL"});
  }
}

}  // namespace staplint::checks::aws
