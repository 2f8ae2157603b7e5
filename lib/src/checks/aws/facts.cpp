#include "checks/aws/facts.hpp"

#include <array>

#include "checks/common/edits.hpp"

#include "staplint/text.hpp"

namespace staplint::checks::aws {

std::optional<bool> listener_tls(const AwsModel& m, const AwsResource& r) {
  const AwsValue p = m.value(AwsModel::property(r, "Protocol", "protocol"));
  if (p.kind == AwsValue::Kind::absent) return false;
  if (p.kind != AwsValue::Kind::literal) return std::nullopt;
  return iequals(p.text, "HTTPS") || iequals(p.text, "TLS");
}

MutualTls mutual_tls(const AwsModel& m, const AwsResource& listener) {
  MutualTls out;
  const std::vector<const Node*> blocks =
      AwsModel::blocks(listener.body, listener.terraform() ? "mutual_authentication" : "MutualAuthentication");
  if (blocks.empty()) return out;
  out.block = blocks.front();
  out.mode = m.value(AwsModel::child(out.block, listener.terraform() ? "mode" : "Mode"));
  out.store = m.value(AwsModel::child(out.block, listener.terraform() ? "trust_store_arn" : "TrustStoreArn"));
  if (out.mode.kind == AwsValue::Kind::literal) out.mode.text = ascii_lowered(out.mode.text);
  return out;
}

std::optional<bool> store_has_revocation(const AwsModel& m, const AwsResource& store) {
  for (const AwsResource* s : m.revoked_stores) {
    if (s == &store) return true;
  }
  if (m.unknown_revocation_target) return std::nullopt;
  return false;
}

const Node* cloudfront_viewer(const AwsResource& r) {
  if (!r.terraform()) return AwsModel::child(AwsModel::child(r.body, "DistributionConfig"), "ViewerCertificate");
  const std::vector<const Node*> b = AwsModel::blocks(r.body, "viewer_certificate");
  return b.empty() ? nullptr : b.front();
}

const Node* cloudfront_certificate(const AwsModel& m, const AwsResource& r) {
  const Node* viewer = cloudfront_viewer(r);
  if (!viewer) return nullptr;
  static constexpr std::array<std::string_view, 2> kTerraform{"acm_certificate_arn", "iam_certificate_id"};
  static constexpr std::array<std::string_view, 2> kCloudFormation{"AcmCertificateArn", "IamCertificateId"};
  for (const std::string_view name : r.terraform() ? kTerraform : kCloudFormation) {
    const AwsValue v = m.value(AwsModel::child(viewer, name));
    if (v.kind != AwsValue::Kind::absent && !(v.kind == AwsValue::Kind::literal && v.text.empty())) return v.node;
  }
  return nullptr;
}

bool iot_custom_domain(const AwsModel& m, const AwsResource& r) {
  const AwsValue d = m.value(AwsModel::property(r, "DomainName", "domain_name"));
  return d.kind != AwsValue::Kind::absent && !(d.kind == AwsValue::Kind::literal && d.text.empty());
}

IotStapling iot_stapling(const AwsModel& m, const AwsResource& r) {
  IotStapling out;
  out.at = r.node;
  if (r.type == "aws_iot_domain_configuration") {
    out.provider_lacks = true;
    out.reason =
        "the 'hashicorp/aws' provider's 'aws_iot_domain_configuration' has no argument for it, and the switch "
        "defaults to off";
    return out;
  }
  AwsValue v;
  if (r.type == "awscc_iot_domain_configuration") {
    const Node* config = AwsModel::property(r, "", "server_certificate_config");
    if (config && config->kind == NodeKind::block) {
      v = m.value(AwsModel::child(config, "enable_ocsp_check"));
    } else if (config && config->kind == NodeKind::attribute && !config->args().empty()) {
      const std::optional<std::string> e = AwsModel::object_entry(config->args()[0].value, "enable_ocsp_check");
      v.node = config;
      if (!e) {
        v.kind = AwsValue::Kind::absent;
      } else if (*e == "true" || *e == "false") {
        v.kind = AwsValue::Kind::literal;
        v.text = *e;
      } else {
        v.kind = AwsValue::Kind::unknown;
      }
    }
    if (config) out.at = config;
  } else {
    const Node* config = AwsModel::property(r, "ServerCertificateConfig", "");
    if (config) out.at = config;
    v = m.value(AwsModel::child(config, "EnableOCSPCheck"));
  }
  const std::string_view name =
      r.terraform() ? "server_certificate_config.enable_ocsp_check" : "ServerCertificateConfig.EnableOCSPCheck";
  switch (v.kind) {
    case AwsValue::Kind::absent:
      out.reason = "'" + std::string(name) + "' is not set, and it defaults to false";
      return out;
    case AwsValue::Kind::literal:
      if (v.node && v.node->kind == NodeKind::attribute) out.at = v.node;
      if (v.boolean() == true) {
        out.verdict = Stapling::on;
        return out;
      }
      out.written_false = v.boolean() == false;
      out.reason = "'" + std::string(name) + "' is " + (out.written_false ? "false" : "'" + v.text + "'");
      return out;
    default:
      out.verdict = Stapling::unknown;
      if (v.node) out.at = v.node;
      out.reason = "'" + std::string(name) + "' is not a constant";
      return out;
  }
}

const Node* api_mutual_tls(const AwsModel& m, const AwsResource& r) {
  const std::vector<const Node*> b =
      AwsModel::blocks(r.body, r.terraform() ? "mutual_tls_authentication" : "MutualTlsAuthentication");
  if (b.empty()) return nullptr;
  const AwsValue uri = m.value(AwsModel::child(b.front(), r.terraform() ? "truststore_uri" : "TruststoreUri"));
  if (uri.kind == AwsValue::Kind::absent || (uri.kind == AwsValue::Kind::literal && uri.text.empty())) return nullptr;
  return b.front();
}

bool json_file(const SourceManager& sources, const Node& n) {
  const std::string& t = sources.file(n.file()).text();
  const std::size_t first = t.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  return first != std::string::npos && t[first] == '{';
}

std::optional<TextEdit> remove_property(const SourceManager& sources, const Node& parent, const Node& n) {
  const SourceFile& src = sources.file(n.file());
  const std::string& t = src.text();
  if (!line_indent(src, n.range.begin)) return std::nullopt;  // something before it on its line
  const std::string& path = src.path();
  if (path.ends_with(".tf")) {
    if (parent.kind == NodeKind::block &&
        sources.file(parent.file()).line_col(parent.range.begin).line == src.line_col(n.range.begin).line) {
      return std::nullopt;  // a one-line block
    }
    return delete_statement(sources, n);
  }
  if (json_file(sources, n)) {
    const Node* last = nullptr;
    for (const Node& c : parent.children()) {
      if (c.kind != NodeKind::comment) last = &c;
    }
    if (last == &n) return std::nullopt;
    std::size_t i = n.range.end;
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
    if (i >= t.size() || t[i] != ',') return std::nullopt;
    ++i;
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
    if (i < t.size() && t[i] == '\r') ++i;
    if (i >= t.size() || t[i] != '\n') return std::nullopt;
    std::uint32_t begin = n.range.begin;
    while (begin > 0 && (t[begin - 1] == ' ' || t[begin - 1] == '\t')) --begin;
    return TextEdit{n.file(), begin, static_cast<std::uint32_t>(i + 1 - begin), {}, {}};
  }
  const std::uint32_t body = parent.body_range().begin;
  if (body < t.size() && (t[body] == '{' || t[body] == '[')) return std::nullopt;  // a flow mapping
  return delete_statement(sources, n);
}

}  // namespace staplint::checks::aws
