// Builds the AWS model from a CloudFormation template's or a Terraform
// module's nodes (aws_model.hpp).
#include "staplint/aws_model.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "staplint/text.hpp"

namespace staplint {

namespace {

struct KindName {
  std::string_view type;
  AwsKind kind;
};
constexpr std::array kCloudFormation{
    KindName{"AWS::ElasticLoadBalancingV2::Listener", AwsKind::listener},
    KindName{"AWS::ElasticLoadBalancingV2::TrustStore", AwsKind::trust_store},
    KindName{"AWS::ElasticLoadBalancingV2::TrustStoreRevocation", AwsKind::trust_store_revocation},
    KindName{"AWS::CloudFront::Distribution", AwsKind::cloudfront},
    KindName{"AWS::IoT::DomainConfiguration", AwsKind::iot_domain},
    KindName{"AWS::ApiGateway::DomainName", AwsKind::api_domain},
    KindName{"AWS::ApiGatewayV2::DomainName", AwsKind::api_domain},
};
constexpr std::array kTerraform{
    KindName{"aws_lb_listener", AwsKind::listener},
    KindName{"aws_alb_listener", AwsKind::listener},
    KindName{"aws_lb_trust_store", AwsKind::trust_store},
    KindName{"aws_lb_trust_store_revocation", AwsKind::trust_store_revocation},
    KindName{"aws_cloudfront_distribution", AwsKind::cloudfront},
    KindName{"aws_iot_domain_configuration", AwsKind::iot_domain},
    KindName{"awscc_iot_domain_configuration", AwsKind::iot_domain},
    KindName{"aws_api_gateway_domain_name", AwsKind::api_domain},
    KindName{"aws_apigatewayv2_domain_name", AwsKind::api_domain},
};

template <std::size_t N>
std::optional<AwsKind> kind_of(const std::array<KindName, N>& table, std::string_view type) {
  for (const KindName& k : table) {
    if (k.type == type) return k.kind;
  }
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/// A Terraform reference to a resource's attribute: `TYPE.NAME` followed by
/// attributes or indexes (`aws_lb_trust_store.ts.arn`, `aws_x.y[0].arn`).
/// The key `TYPE.NAME`, or nullopt for anything else (var.x, local.x,
/// module.m.x, data.t.n.x, an expression).
std::optional<std::string> terraform_reference(std::string_view e) {
  e = trim(e);
  std::size_t i = 0;
  auto word = [&] {
    const std::size_t b = i;
    while (i < e.size() && ident_char(e[i])) ++i;
    return e.substr(b, i - b);
  };
  const std::string_view type = word();
  if (type.empty() || i >= e.size() || e[i] != '.') return std::nullopt;
  static constexpr std::array kNotResources{"var",   "local", "module",    "data", "each",
                                            "count", "path",  "terraform", "self", "provider"};
  if (std::find(kNotResources.begin(), kNotResources.end(), type) != kNotResources.end()) return std::nullopt;
  ++i;
  const std::string_view name = word();
  if (name.empty()) return std::nullopt;
  // The rest: `.attr` and `[index]` only.
  while (i < e.size()) {
    if (e[i] == '.') {
      ++i;
      if (word().empty() && !(i < e.size() && e[i] == '*')) return std::nullopt;
    } else if (e[i] == '[') {
      const std::size_t close = e.find(']', i);
      if (close == std::string_view::npos) return std::nullopt;
      i = close + 1;
    } else {
      return std::nullopt;
    }
  }
  return std::string(type) + "." + std::string(name);
}

/// A template that is one interpolation: `"${EXPR}"` (HCL, quotes included)
/// or `${EXPR}` (a JSON string's value). The expression, or nullopt.
std::optional<std::string_view> single_interpolation(std::string_view t) {
  t = trim(t);
  if (t.size() >= 2 && t.front() == '"' && t.back() == '"') t = t.substr(1, t.size() - 2);
  if (t.size() < 4 || t.substr(0, 2) != "${" || t.back() != '}') return std::nullopt;
  const std::string_view inner = t.substr(2, t.size() - 3);
  if (inner.find("${") != std::string_view::npos || inner.find('}') != std::string_view::npos) return std::nullopt;
  return inner;
}

bool is_comment(const Node& n) { return n.kind == NodeKind::comment; }

}  // namespace

std::string_view to_string(AwsKind k) {
  switch (k) {
    case AwsKind::listener:
      return "listener";
    case AwsKind::trust_store:
      return "trust store";
    case AwsKind::trust_store_revocation:
      return "trust store revocation";
    case AwsKind::cloudfront:
      return "CloudFront distribution";
    case AwsKind::iot_domain:
      return "AWS IoT domain configuration";
    case AwsKind::api_domain:
      return "API Gateway custom domain";
  }
  return "resource";
}

std::optional<bool> AwsValue::boolean() const {
  if (kind != Kind::literal) return std::nullopt;
  if (iequals(text, "true")) return true;
  if (iequals(text, "false")) return false;
  return std::nullopt;
}

std::vector<const AwsResource*> AwsModel::of(AwsKind kind) const {
  std::vector<const AwsResource*> out;
  for (const AwsResource& r : resources) {
    if (r.kind == kind) out.push_back(&r);
  }
  return out;
}

const AwsResource* AwsModel::find(std::string_view key) const {
  const auto it = index_.find(std::string(key));
  return it == index_.end() ? nullptr : &resources[it->second];
}

const Node* AwsModel::child(const Node* block, std::string_view name) {
  if (!block) return nullptr;
  const Node* found = nullptr;
  for (const Node& c : block->children()) {
    if (!is_comment(c) && c.name() == name) found = &c;  // the last, as YAML and JSON readers keep
  }
  return found;
}

const Node* AwsModel::property(const AwsResource& r, std::string_view cfn, std::string_view tf) {
  return child(r.body, r.terraform() ? tf : cfn);
}

std::vector<const Node*> AwsModel::blocks(const Node* body, std::string_view name) {
  std::vector<const Node*> out;
  if (!body) return out;
  for (const Node& c : body->children()) {
    if (is_comment(c) || c.name() != name || c.kind != NodeKind::block) continue;
    // JSON's list of objects: each item is a body.
    const auto items = c.children();
    const bool list = !items.empty() && std::all_of(items.begin(), items.end(), [](const Node& i) {
      return is_comment(i) || (i.name() == "-" && i.kind == NodeKind::block);
    });
    if (list) {
      for (const Node& i : items) {
        if (!is_comment(i)) out.push_back(&i);
      }
    } else {
      out.push_back(&c);
    }
  }
  return out;
}

std::optional<std::string> AwsModel::object_entry(std::string_view e, std::string_view key) {
  for (std::size_t at = e.find(key); at != std::string_view::npos; at = e.find(key, at + 1)) {
    std::size_t b = at;
    if (b > 0 && e[b - 1] == '"') --b;
    if (b > 0 && (ident_char(e[b - 1]) || e[b - 1] == '.')) continue;
    std::size_t i = at + key.size();
    if (i < e.size() && e[i] == '"') ++i;
    if (i < e.size() && ident_char(e[i])) continue;
    while (i < e.size() && (e[i] == ' ' || e[i] == '\t')) ++i;
    if (i >= e.size() || (e[i] != '=' && e[i] != ':')) continue;
    ++i;
    while (i < e.size() && (e[i] == ' ' || e[i] == '\t')) ++i;
    std::size_t end = i;
    while (end < e.size() && e[end] != ',' && e[end] != '}' && e[end] != '\n' && e[end] != '\r' && e[end] != '#') ++end;
    std::string_view v = trim(e.substr(i, end - i));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    return std::string(v);
  }
  return std::nullopt;
}

AwsValue AwsModel::value(const Node* n) const {
  AwsValue v;
  if (!n) return v;
  v.node = n;
  if (n->kind == NodeKind::block) {
    // CloudFormation's intrinsic functions: `{Ref: X}`, `{Fn::GetAtt: [X, A]}`
    // (the short forms lower alike).
    const Node* only = nullptr;
    std::size_t count = 0;
    for (const Node& c : n->children()) {
      if (is_comment(c)) continue;
      only = &c;
      ++count;
    }
    if (count == 1 && (only->name() == "Ref" || only->name().rfind("Fn::", 0) == 0 || only->name() == "Condition")) {
      v.kind = AwsValue::Kind::unknown;
      std::string target;
      if (only->name() == "Ref" && only->kind == NodeKind::attribute && !only->args().empty()) {
        target = std::string(only->args()[0].value);
      } else if (only->name() == "Fn::GetAtt") {
        if (only->kind == NodeKind::attribute && !only->args().empty()) {
          const std::string_view a = only->args()[0].value;
          target = std::string(a.substr(0, a.find('.')));
        } else {
          for (const Node& item : only->children()) {
            if (!is_comment(item) && item.kind == NodeKind::attribute && !item.args().empty()) {
              target = std::string(item.args()[0].value);
              break;
            }
          }
        }
      }
      if (!target.empty()) {
        if (const AwsResource* r = find(target); r && !r->terraform()) {
          v.kind = AwsValue::Kind::reference;
          v.target = r;
        }
      }
      v.text = std::string(only->name());
      return v;
    }
    v.kind = AwsValue::Kind::literal;  // a mapping or a list: see its children
    return v;
  }
  if (n->kind != NodeKind::attribute || n->args().empty()) {
    v.kind = AwsValue::Kind::absent;
    return v;
  }
  const Arg a = n->args()[0];
  const std::string_view text = a.value;
  // HCL writes `name = value`; YAML and JSON `name: value`.
  const std::string_view file = n->unit() ? n->unit()->text : std::string_view();
  std::size_t after = n->name_range().end;
  while (after < file.size() && (file[after] == ' ' || file[after] == '\t' || file[after] == '"')) ++after;
  const bool hcl = after < file.size() && file[after] == '=';
  auto follow = [&](std::string_view e) {
    if (std::optional<std::string> key = terraform_reference(e)) {
      if (const AwsResource* r = find(*key); r && r->terraform()) {
        v.kind = AwsValue::Kind::reference;
        v.target = r;
        v.text = std::string(trim(e));
        return;
      }
    }
    v.kind = AwsValue::Kind::unknown;
    v.text = std::string(text);
  };
  // A Terraform template that is one interpolation: `"${x.y.arn}"` in HCL,
  // `"${x.y.arn}"` as a JSON string's value.
  if (auto inner = single_interpolation(text); inner && (!hcl || a.quote == Quote::none)) {
    follow(*inner);
    return v;
  }
  if (!hcl && a.quote == Quote::none && text.starts_with('*')) {
    v.kind = AwsValue::Kind::unknown;  // a YAML alias: never expanded
    v.text = std::string(text);
    return v;
  }
  if (!hcl || a.quote != Quote::none) {
    // Any other string that interpolates is Terraform's template (a
    // CloudFormation string holds `${` only inside Fn::Sub).
    v.kind = text.find("${") == std::string_view::npos ? AwsValue::Kind::literal : AwsValue::Kind::unknown;
    v.text = std::string(text);
    return v;
  }
  const std::string_view e = trim(text);
  if (e == "true" || e == "false" ||
      (!e.empty() && std::all_of(e.begin(), e.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; }))) {
    v.kind = AwsValue::Kind::literal;
    v.text = std::string(e);
    return v;
  }
  if (e == "null") {
    v.kind = AwsValue::Kind::absent;
    return v;
  }
  follow(e);
  return v;
}

AwsModel build_aws_model(const ConfigTree& tree) {
  AwsModel m;
  auto add = [&](AwsKind kind, AwsSyntax syntax, std::string type, std::string name, const Node* node,
                 const Node* body) {
    const std::string key = syntax == AwsSyntax::cloudformation ? name : type + "." + name;
    if (m.index_.count(key)) return;  // declared twice: the first one (Terraform refuses the second)
    m.index_.emplace(key, m.resources.size());
    m.resources.push_back({kind, syntax, std::move(type), std::move(name), node, body});
  };
  for (const Node& top : tree.nodes) {
    if (top.kind != NodeKind::block) continue;
    if (top.name() == "Resources") {
      for (const Node& r : top.children()) {
        if (r.kind != NodeKind::block) continue;
        const Node* type = AwsModel::child(&r, "Type");
        if (!type || type->kind != NodeKind::attribute || type->args().empty()) continue;
        const std::string_view t = type->args()[0].value;
        if (auto kind = kind_of(kCloudFormation, t)) {
          add(*kind, AwsSyntax::cloudformation, std::string(t), std::string(r.name()), &r,
              AwsModel::child(&r, "Properties"));
        }
      }
    } else if (top.name() == "resource" && top.args().size() >= 2) {
      const ArgList labels = top.args();
      if (auto kind = kind_of(kTerraform, labels[0].value)) {
        add(*kind, AwsSyntax::terraform, std::string(labels[0].value), std::string(labels[1].value), &top, &top);
      }
    } else if (top.name() == "resource" && top.args().empty()) {
      // Terraform JSON: {"resource": {"TYPE": {"NAME": {...} or [{...}]}}}
      for (const Node& type : top.children()) {
        if (type.kind != NodeKind::block) continue;
        const auto kind = kind_of(kTerraform, type.name());
        if (!kind) continue;
        for (const Node& name : type.children()) {
          if (name.kind != NodeKind::block) continue;
          const std::vector<const Node*> bodies = AwsModel::blocks(&type, name.name());
          add(*kind, AwsSyntax::terraform_json, std::string(type.name()), std::string(name.name()), &name,
              bodies.empty() ? &name : bodies.front());
        }
      }
    }
  }
  for (const AwsResource& r : m.resources) {
    if (r.kind != AwsKind::trust_store_revocation) continue;
    const AwsValue store = m.value(AwsModel::property(r, "TrustStoreArn", "trust_store_arn"));
    const bool contents = r.terraform() ? AwsModel::property(r, "", "revocations_s3_key") != nullptr
                                        : AwsModel::property(r, "RevocationContents", "") != nullptr;
    if (!contents) continue;
    if (store.kind == AwsValue::Kind::reference && store.target->kind == AwsKind::trust_store) {
      m.revoked_stores.push_back(store.target);
    } else if (store.kind != AwsValue::Kind::absent) {
      m.unknown_revocation_target = true;
    }
  }
  return m;
}

}  // namespace staplint
