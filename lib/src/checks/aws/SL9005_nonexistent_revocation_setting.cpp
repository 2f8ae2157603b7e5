// SL9005: a property or argument about OCSP or stapling that the AWS resource
// does not have.
#include "rules/aws/SL9005_nonexistent_revocation_setting.hpp"
#include "checks/aws/facts.hpp"
#include "checks/common/edits.hpp"
#include "staplint/text.hpp"

namespace staplint::checks::aws {

namespace {

bool names_stapling(std::string_view name) {
  const std::string n = ascii_lowered(name);
  return n.find("ocsp") != std::string::npos || n.find("stapl") != std::string::npos;
}

constexpr std::string_view kListenerProperties =
    "its properties are AlpnPolicy, Certificates, DefaultActions, ListenerAttributes, LoadBalancerArn, "
    "MutualAuthentication, Port, Protocol and SslPolicy, and AWS documents no stapling setting for listeners";
constexpr std::string_view kListenerArguments =
    "its arguments are alpn_policy, certificate_arn, default_action, load_balancer_arn, mutual_authentication, port, "
    "protocol, the routing_http_* header settings, ssl_policy, tags and tcp_idle_timeout_seconds, and AWS documents "
    "no stapling setting for listeners";
constexpr std::string_view kCloudFront = "CloudFront staples OCSP responses by itself, with no setting";
constexpr std::string_view kIot =
    "its arguments are authorizer_config, domain_name, name, server_certificate_arns, service_type, status, tags, "
    "tls_config and validation_certificate_arn; the switch is in awscc_iot_domain_configuration of the "
    "'hashicorp/awscc' provider (server_certificate_config.enable_ocsp_check)";

void report(const CheckContext& ctx, Reporter& r, const AwsResource& res, const Node& parent, const Node& n,
            std::string_view what, std::string_view detail, bool removable) {
  Finding& f = r.report(n.file(), n.name_range(),
                        SL9005_nonexistent_revocation_setting::Fields{
                            .detail = detail, .name = n.name(), .type = res.type, .what = what});
  if (!removable) return;
  std::optional<TextEdit> edit = remove_property(ctx.sources, parent, n);
  if (!edit) return;
  Fix fix;
  fix.description = "remove '" + std::string(n.name()) + "': it sets nothing";
  // It changes nothing AWS does: the resource has no such setting.
  fix.safe = true;
  fix.edits.push_back(std::move(*edit));
  f.fixes.push_back(std::move(fix));
}

}  // namespace

void SL9005_nonexistent_revocation_setting::check(const CheckContext& ctx, Reporter& r) {
  const AwsModel& m = *ctx.aws;
  for (const AwsResource& res : m.resources) {
    const std::string_view what = res.terraform() ? "argument" : "property";
    if (res.kind == AwsKind::listener && res.body) {
      for (const Node& n : res.body->children()) {
        if (n.kind == NodeKind::comment) continue;
        if (names_stapling(n.name())) {
          report(ctx, r, res, *res.body, n, what, res.terraform() ? kListenerArguments : kListenerProperties, true);
        }
      }
      // ListenerAttributes: [{Key: ..., Value: ...}]
      for (const Node* item : AwsModel::blocks(res.body, "ListenerAttributes")) {
        const AwsValue key = m.value(AwsModel::child(item, "Key"));
        if (key.kind == AwsValue::Kind::literal && names_stapling(key.text)) {
          r.report(key.node->file(), key.node->range,
                   Fields{.detail = "the listener attributes AWS documents set mutual TLS header names "
                                    "and timeouts, none about OCSP",
                          .name = key.text,
                          .type = res.type,
                          .what = "listener attribute"});
        }
      }
    } else if (res.kind == AwsKind::cloudfront) {
      for (const Node* block : {res.body, cloudfront_viewer(res)}) {
        if (!block) continue;
        for (const Node& n : block->children()) {
          if (n.kind != NodeKind::comment && names_stapling(n.name())) {
            report(ctx, r, res, *block, n, what, kCloudFront, true);
          }
        }
      }
    } else if (res.kind == AwsKind::iot_domain && res.type == "aws_iot_domain_configuration") {
      for (const Node& n : res.body->children()) {
        if (n.kind == NodeKind::comment) continue;
        if (n.name() == "server_certificate_config" || names_stapling(n.name())) {
          report(ctx, r, res, *res.body, n, what, kIot, false);
        }
      }
    }
  }
}

}  // namespace staplint::checks::aws
