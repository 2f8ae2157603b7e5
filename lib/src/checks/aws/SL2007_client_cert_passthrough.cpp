// SL2007: an ALB listener that passes client certificates through unchecked.
#include "rules/aws/SL2007_client_cert_passthrough.hpp"
#include "checks/aws/facts.hpp"

namespace staplint::checks::aws {

void SL2007_client_cert_passthrough::check(const CheckContext& ctx, Reporter& r) {
  const AwsModel& m = *ctx.aws;
  for (const AwsResource* l : m.of(AwsKind::listener)) {
    const MutualTls mtls = mutual_tls(m, *l);
    if (mtls.mode.kind != AwsValue::Kind::literal || mtls.mode.text != "passthrough") continue;
    r.report(mtls.mode.node->file(), mtls.mode.node->name_range(), Fields{.server = l->display()});
  }
}

}  // namespace staplint::checks::aws
