// What the AWS rules and the endpoint verdicts read of a resource: a
// listener's protocol and mutual TLS, a CloudFront distribution's
// certificate, an AWS IoT domain configuration's OCSP switch.
#pragma once

#include <string>
#include <string_view>

#include "staplint/aws_model.hpp"
#include "staplint/diagnostic.hpp"
#include "staplint/result.hpp"

namespace staplint::checks::aws {

/// AWS documents no stapling for ELB listeners (revocation-facts.md §4).
inline constexpr std::string_view kListenerNote =
    "AWS documents no OCSP stapling setting for Elastic Load Balancing listeners, and does not say whether they "
    "staple; 'staplint probe' can check the live endpoint";
/// CloudFront staples by itself, per edge server (Developer Guide, "OCSP stapling").
inline constexpr std::string_view kCloudFrontNote =
    "CloudFront staples OCSP responses by itself, with no setting; each edge server fetches its own response, so a "
    "client (or a scanner) that reaches one that has not yet may see no staple";

/// Whether a listener serves TLS (`HTTPS` or `TLS`): nullopt when its
/// protocol is not a constant.
std::optional<bool> listener_tls(const AwsModel& m, const AwsResource& r);

/// A listener's mutual TLS: its mode (lower case; empty when not set, as
/// `off`) and trust store.
struct MutualTls {
  AwsValue mode;
  AwsValue store;
  const Node* block = nullptr;  ///< MutualAuthentication / mutual_authentication
};
MutualTls mutual_tls(const AwsModel& m, const AwsResource& listener);

/// Whether a trust store has revocation contents: true (a revocation resource
/// adds CRLs to it), false (none can), nullopt (one names a store staplint
/// cannot follow).
std::optional<bool> store_has_revocation(const AwsModel& m, const AwsResource& store);

/// A CloudFront distribution's viewer certificate settings
/// (DistributionConfig.ViewerCertificate, viewer_certificate); nullptr when
/// it has none.
const Node* cloudfront_viewer(const AwsResource& r);

/// A CloudFront distribution's certificate of its own (ACM or IAM), where it
/// is written; nullptr when it serves CloudFront's default certificate.
const Node* cloudfront_certificate(const AwsModel& m, const AwsResource& r);

/// An AWS IoT domain configuration for a custom domain (its DomainName).
bool iot_custom_domain(const AwsModel& m, const AwsResource& r);

struct IotStapling {
  Stapling verdict = Stapling::off;
  const Node* at = nullptr;  ///< the switch, or the resource when none is written
  std::string reason;
  /// The resource type has no argument for the switch (hashicorp/aws's
  /// aws_iot_domain_configuration).
  bool provider_lacks = false;
  bool written_false = false;  ///< the switch is written, false
};
IotStapling iot_stapling(const AwsModel& m, const AwsResource& r);

/// JSON (a CDK synth output, a JSON template, Terraform JSON): the file's
/// first byte is `{`.
bool json_file(const SourceManager& sources, const Node& n);

/// Removes property `n` of `parent` where the result stays valid: an HCL
/// argument alone on its line, a YAML entry of a block mapping, a JSON member
/// with its comma (not the last one: the comma before it would dangle).
/// nullopt elsewhere (a flow mapping, a one-line block).
std::optional<TextEdit> remove_property(const SourceManager& sources, const Node& parent, const Node& n);

/// A MutualTlsAuthentication (mutual_tls_authentication) with a truststore.
const Node* api_mutual_tls(const AwsModel& m, const AwsResource& r);

}  // namespace staplint::checks::aws
