// SL1001 (AWS): an AWS IoT Core custom domain that does not staple.
#include "rules/aws/SL1001_stapling_disabled.hpp"
#include "checks/aws/facts.hpp"
#include "checks/common/edits.hpp"

namespace staplint::checks::aws {

namespace {

const Node* first_statement(const Node* block) {
  if (!block) return nullptr;
  for (const Node& c : block->children()) {
    if (c.kind != NodeKind::comment) return &c;
  }
  return nullptr;
}

/// The indentation step of a YAML block: its first child's indentation
/// beyond the block's own key.
std::string yaml_step(const SourceManager& sources, const Node& block, const Node& child) {
  const auto outer = line_indent(sources.file(block.file()), block.range.begin);
  const auto inner = line_indent(sources.file(child.file()), child.range.begin);
  if (outer && inner && inner->size() > outer->size()) return std::string(inner->size() - outer->size(), ' ');
  return "  ";
}

std::optional<Fix> fix_for(const CheckContext& ctx, const AwsResource& r, const IotStapling& s) {
  const SourceManager& sm = ctx.sources;
  Fix fix;
  fix.description = "enable OCSP stapling (EnableOCSPCheck)";
  if (s.written_false && s.at && s.at->kind == NodeKind::attribute && !s.at->args().empty()) {
    const Arg a = s.at->args()[0];
    if (r.syntax == AwsSyntax::terraform && s.at->name() == "server_certificate_config") {
      // Inside an object expression: the value after `enable_ocsp_check =`.
      const std::string_view e =
          std::string_view(sm.file(s.at->file()).text()).substr(a.range.begin, a.range.end - a.range.begin);
      const std::size_t key = e.find("enable_ocsp_check");
      const std::size_t value = key == std::string_view::npos ? key : e.find("false", key);
      if (value == std::string_view::npos) return std::nullopt;
      fix.edits.push_back({s.at->file(), a.range.begin + static_cast<std::uint32_t>(value), 5, "true", {}});
      return fix;
    }
    fix.edits.push_back(replace_first_arg(*s.at, "true"));
    return fix;
  }
  if (r.syntax == AwsSyntax::terraform) {
    if (r.type != "awscc_iot_domain_configuration" || AwsModel::property(r, "", "server_certificate_config")) {
      return std::nullopt;
    }
    const Node* first = first_statement(r.body);
    if (!first) return std::nullopt;
    fix.edits.push_back(
        insert_before(sm, *first, {"server_certificate_config = {", "  enable_ocsp_check = true", "}"}));
    return fix;
  }
  if (r.syntax != AwsSyntax::cloudformation || !r.body) return std::nullopt;
  const bool json = json_file(sm, *r.body);
  const Node* config = AwsModel::property(r, "ServerCertificateConfig", "");
  if (config) {
    // The mapping is there without the switch: add it first in it.
    const Node* first = first_statement(config);
    if (!first || config->kind != NodeKind::block) return std::nullopt;
    const std::string_view opening =
        std::string_view(sm.file(config->file()).text()).substr(config->body_range().begin, 1);
    if (!json && opening == "{") return std::nullopt;  // a flow mapping: left to the user
    fix.edits.push_back(insert_before(sm, *first, {json ? "\"EnableOCSPCheck\": true," : "EnableOCSPCheck: true"}));
    return fix;
  }
  const Node* first = first_statement(r.body);
  if (!first) return std::nullopt;
  if (json) {
    fix.edits.push_back(insert_before(sm, *first, {"\"ServerCertificateConfig\": {\"EnableOCSPCheck\": true},"}));
  } else {
    const std::string_view opening =
        std::string_view(sm.file(r.body->file()).text()).substr(r.body->body_range().begin, 1);
    if (opening == "{") return std::nullopt;
    fix.edits.push_back(insert_before(
        sm, *first, {"ServerCertificateConfig:", yaml_step(sm, *r.body, *first) + "EnableOCSPCheck: true"}));
  }
  return fix;
}

}  // namespace

void SL1001_stapling_disabled::check(const CheckContext& ctx, Reporter& r) {
  const AwsModel& m = *ctx.aws;
  for (const AwsResource* res : m.of(AwsKind::iot_domain)) {
    if (!iot_custom_domain(m, *res)) continue;
    const IotStapling s = iot_stapling(m, *res);
    if (s.verdict != Stapling::off) continue;
    const Node& at = *s.at;
    Finding& f = r.report(at.file(), at.name_range(), Fields{.reason = s.reason, .server = res->display()});
    if (&at != res->node) f.notes.push_back({res->node->file(), res->node->name_range(), "the domain configuration"});
    if (std::optional<Fix> fix = fix_for(ctx, *res, s)) f.fixes.push_back(std::move(*fix));
  }
}

}  // namespace staplint::checks::aws
