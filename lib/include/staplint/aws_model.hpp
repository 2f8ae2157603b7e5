// The AWS model: the resources a CloudFormation template or a Terraform
// module declares that bear on revocation (ELBv2 listeners and their trust
// stores, trust store revocations, CloudFront distributions, AWS IoT domain
// configurations, API Gateway custom domains), the values their properties
// hold, and the references between them. A value staplint cannot follow (a
// parameter, a variable, a module output, an import, a condition) is
// `unknown`: the verdicts that depend on it are unknown, never a guess.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "staplint/config_tree.hpp"

namespace staplint {

enum class AwsKind : std::uint8_t {
  listener,                ///< AWS::ElasticLoadBalancingV2::Listener, aws_lb_listener
  trust_store,             ///< AWS::ElasticLoadBalancingV2::TrustStore, aws_lb_trust_store
  trust_store_revocation,  ///< ...::TrustStoreRevocation, aws_lb_trust_store_revocation
  cloudfront,              ///< AWS::CloudFront::Distribution, aws_cloudfront_distribution
  iot_domain,              ///< AWS::IoT::DomainConfiguration, aws(cc)_iot_domain_configuration
  api_domain,              ///< AWS::ApiGateway(V2)::DomainName, aws_api_gateway(v2)_domain_name
};

/// How a resource is written.
enum class AwsSyntax : std::uint8_t { cloudformation, terraform, terraform_json };

struct AwsResource {
  AwsKind kind = AwsKind::listener;
  AwsSyntax syntax = AwsSyntax::cloudformation;
  std::string type;  ///< as written: `AWS::IoT::DomainConfiguration`, `aws_lb_listener`
  std::string name;  ///< the logical id, or the Terraform resource name
  /// The resource's statement: CloudFormation's logical-id entry, Terraform's
  /// `resource` block (or, in JSON, the name's entry).
  const Node* node = nullptr;
  /// Where its properties are: CloudFormation's `Properties` (nullptr when
  /// it has none), Terraform's block body.
  const Node* body = nullptr;
  bool terraform() const { return syntax != AwsSyntax::cloudformation; }
  /// `aws_lb_listener.https` or `HttpsListener`.
  std::string display() const { return terraform() ? type + "." + name : name; }
};

/// A property's value, as far as the configuration settles it.
struct AwsValue {
  enum class Kind : std::uint8_t {
    absent,     ///< not written
    literal,    ///< a constant: `text` holds it
    reference,  ///< names a resource of the model: `target`
    unknown,    ///< a parameter, a variable, a function, a module output...
  };
  Kind kind = Kind::absent;
  std::string text;
  const AwsResource* target = nullptr;
  const Node* node = nullptr;  ///< where it is written
  /// The literal as a boolean: CloudFormation and Terraform take `true`,
  /// `"true"` and `"True"` alike.
  std::optional<bool> boolean() const;
};

class AwsModel {
 public:
  std::vector<AwsResource> resources;
  /// Which resources a tree holds of each kind, in order.
  std::vector<const AwsResource*> of(AwsKind kind) const;
  /// The resource a CloudFormation logical id or a Terraform `type.name` names.
  const AwsResource* find(std::string_view key) const;

  /// The child of `block` named `name` (a property, an argument or a nested
  /// block); nullptr when it has none. CloudFormation names are matched as
  /// written, Terraform's too.
  static const Node* child(const Node* block, std::string_view name);
  /// A resource's property: CloudFormation's `cfn` in Properties, else
  /// Terraform's `tf` in the body.
  static const Node* property(const AwsResource& r, std::string_view cfn, std::string_view tf);
  /// The bodies of Terraform's nested block `name` (`mutual_authentication
  /// { ... }`, in JSON an object or a list of objects), or CloudFormation's
  /// property of that name when it is a mapping.
  static std::vector<const Node*> blocks(const Node* body, std::string_view name);

  /// What the property node `n` holds (nullptr: absent).
  AwsValue value(const Node* n) const;
  /// A Terraform object expression's entry `key` (`{ enable_ocsp_check =
  /// true }`), as a literal when it is one.
  static std::optional<std::string> object_entry(std::string_view expression, std::string_view key);

  /// Whether any revocation resource names a trust store staplint cannot
  /// follow: then no trust store is known to have none.
  bool unknown_revocation_target = false;
  /// The trust stores that some revocation resource adds CRLs to.
  std::vector<const AwsResource*> revoked_stores;

 private:
  std::unordered_map<std::string, std::size_t> index_;
  friend AwsModel build_aws_model(const ConfigTree& tree);
};

AwsModel build_aws_model(const ConfigTree& tree);

std::string_view to_string(AwsKind k);

}  // namespace staplint
