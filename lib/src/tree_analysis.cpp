// Per-tree analysis: a loaded tree's models, its rules' findings filtered by
// the run's policy and the tree's suppressions, and its TLS endpoints with
// their stapling verdicts. lint.cpp finds the trees; this judges each one.
#include "tree_analysis.hpp"

#include <algorithm>
#include <unordered_map>

#include "checks/apache/certificate_facts.hpp"
#include "checks/aws/facts.hpp"
#include "checks/nginx/certificate_facts.hpp"
#include "checks/tomcat/certificate_facts.hpp"
#include "phase_timer.hpp"
#include "staplint/jvm_parse.hpp"
#include "staplint/suppressions.hpp"
#include "staplint/verdict.hpp"
#include "template_findings.hpp"

namespace staplint {

namespace {

/// A server name a client can send: not `_`, empty, a wildcard or a regex.
bool sni_name(std::string_view n) {
  return !n.empty() && n != "_" && n != "\"\"" && n.find_first_of("*~") == std::string_view::npos;
}

/// nginx: the TLS `listen`s of a server (every `listen` where `ssl on` makes
/// it TLS), and its first server name.
void nginx_addresses(const NginxServer& s, EndpointReport& e) {
  const bool by_listen = s.tls_marker && s.tls_marker->name() == "listen";
  for (const Node* n : s.own) {
    if (n->name() != "listen") continue;
    const ArgList a = n->args();
    if (a.empty()) continue;
    const bool ssl = std::any_of(a.begin() + 1, a.end(), [](const Arg& w) { return w.value == "ssl"; });
    if (by_listen && !ssl) continue;
    if (auto addr = parse_endpoint_address(a[0].value, 80)) e.addresses.push_back(*addr);
  }
  for (const Node* n : s.own) {
    if (n->name() != "server_name") continue;
    for (const Arg& a : n->args()) {
      if (sni_name(a.value)) {
        e.server_name = std::string(a.value);
        return;
      }
    }
  }
}

/// Apache: the <VirtualHost>'s addresses, and its ServerName.
void apache_addresses(const ApacheHost& h, EndpointReport& e) {
  if (!h.node) return;  // the main server: its Listen lines say nothing of names
  for (const Arg& a : h.node->args()) {
    if (auto addr = parse_endpoint_address(a.value, 443)) e.addresses.push_back(*addr);
  }
  for (const std::string& n : h.names) {
    if (sni_name(n)) {
      e.server_name = n;
      return;
    }
  }
}

/// Tomcat: the connector's port and address, and its first SSLHostConfig's
/// hostName.
void tomcat_addresses(const TomcatConnector& c, const TomcatModel& m, EndpointReport& e) {
  const auto port = m.attribute(*c.node, "port");
  if (!port) return;
  const auto address = m.attribute(*c.node, "address");
  if (auto addr = parse_endpoint_address((address ? *address + ":" : std::string()) + *port, 443)) {
    e.addresses.push_back(*addr);
  }
  for (const Node& child : c.node->children()) {
    if (child.name() != "SSLHostConfig") continue;
    if (const auto host = m.attribute(child, "hostName"); host && sni_name(*host) && *host != "_default_") {
      e.server_name = *host;
      return;
    }
  }
}

/// For each file of a tree, its first inclusion (index into tree.inclusions).
std::unordered_map<FileId, std::size_t> first_inclusions(const ConfigTree& tree) {
  std::unordered_map<FileId, std::size_t> first;
  for (std::size_t i = 1; i < tree.inclusions.size(); ++i) first.emplace(tree.inclusions[i].file, i);
  return first;
}

/// How `file` entered `tree`: its first inclusion's include sites, innermost
/// first.
std::vector<Note> include_chain(const ConfigTree& tree, const std::unordered_map<FileId, std::size_t>& first,
                                FileId file) {
  std::vector<Note> chain;
  const auto it = first.find(file);
  if (it == first.end()) return chain;
  for (std::size_t at = it->second; at != 0 && chain.size() < 64; at = tree.inclusions[at].parent) {
    const Inclusion& inc = tree.inclusions[at];
    if (inc.site_file == kNoFile) break;  // an adopted file: no include names it
    chain.push_back({inc.site_file, inc.site, "included from here"});
  }
  return chain;
}

/// AWS's TLS endpoints: ELB listeners (verdict unknown: AWS documents no
/// stapling for them), CloudFront distributions with a certificate of their
/// own (on: CloudFront staples by itself), AWS IoT custom domains (their
/// switch). `refused`: the template or module is refused (a syntax error, a
/// property that does not exist): every endpoint is `fatal`.
void aws_endpoints(const AwsModel& m, bool refused, const std::function<bool(FileId)>& reported, LintResult& result) {
  for (const AwsResource& r : m.resources) {
    if (!r.node || !reported(r.node->file())) continue;
    EndpointReport e{Dialect::aws, r.node->file(), r.node->name_range(), r.display(), Stapling::unknown};
    switch (r.kind) {
      case AwsKind::listener:
        if (checks::aws::listener_tls(m, r) == false) continue;
        e.note = std::string(checks::aws::kListenerNote);
        break;
      case AwsKind::cloudfront:
        if (!checks::aws::cloudfront_certificate(m, r)) continue;
        e.stapling = Stapling::on;
        e.note = std::string(checks::aws::kCloudFrontNote);
        break;
      case AwsKind::iot_domain: {
        if (!checks::aws::iot_custom_domain(m, r)) continue;
        const checks::aws::IotStapling s = checks::aws::iot_stapling(m, r);
        e.stapling = s.verdict;
        e.note = s.reason;
        break;
      }
      default:
        continue;
    }
    if (refused) e.stapling = Stapling::fatal;
    result.endpoints.push_back(std::move(e));
  }
}

}  // namespace

void analyze_tree(ConfigTree tree, const TreeAnalysisInputs& in, const std::function<bool(FileId)>& reported,
                  LintResult& result) {
  PhaseTimer timer;
  const bool apache = tree.dialect == Dialect::apache;
  const unsigned jobs = in.request.load.jobs;
  const NginxModel model = tree.dialect == Dialect::nginx ? build_nginx_model(tree, jobs) : NginxModel{};
  const ApacheModel apache_model = apache ? build_apache_model(tree, in.sources, jobs) : ApacheModel{};
  const bool jvm = tree.dialect == Dialect::jvm || tree.dialect == Dialect::tomcat;
  const JvmModel jvm_model =
      jvm ? build_jvm_model(tree, in.sources, in.request.load.limits.max_value_length) : JvmModel{};
  tree.problems.insert(tree.problems.end(), jvm_model.problems.begin(), jvm_model.problems.end());
  const AwsModel aws_model = tree.dialect == Dialect::aws ? build_aws_model(tree) : AwsModel{};
  const TomcatModel tomcat_model = tree.dialect == Dialect::tomcat
                                       ? build_tomcat_model(tree, jvm_model, jvm_instance_base(tree, in.sources))
                                       : TomcatModel{};
  timer.lap("models");
  const std::vector<Suppression> suppressions = collect_suppressions(tree, in.sources, jobs);
  // Tomcat resolves relative paths against CATALINA_BASE.
  const TreeCertificates certificates(
      in.certificates, in.request.load,
      tree.dialect == Dialect::tomcat ? jvm_instance_base(tree, in.sources) : tree.base_dir, in.now);
  CheckContext ctx{tree,       model,           apache_model,  jvm_model,  tomcat_model, in.catalog.jvm_properties(),
                   in.sources, in.request.lint, &suppressions, &in.catalog};
  if (in.request.lint.read_certificates) ctx.certificates = &certificates;
  if (tree.dialect == Dialect::aws) ctx.aws = &aws_model;
  bool refused = false;  // the server refuses the whole configuration, or does not start
  const auto first = first_inclusions(tree);
  const TemplateBlocks template_blocks(tree, in.sources);
  std::vector<Finding> findings = run_rules(in.catalog, ctx, in.request.load.jobs, in.request.load.rule_thread_bytes);
  timer.lap("rules");
  for (Finding& f : findings) {
    // In a template: a finding about a hole's value is no finding, and what a
    // condition holds is conditional; both before deciding what is refused.
    if (!judge_template_finding(f, template_blocks, in.sources)) continue;
    if (f.severity == Severity::error && !f.conditional) {
      const RuleSpec* rule = in.catalog.find(f.rule_id);
      refused = refused || (rule && rule->refuses);
    }
    if (!in.request.policy.runs(f.rule_id) || !reported(f.file)) continue;
    if (auto s = in.request.policy.severity.find(f.rule_id); s != in.request.policy.severity.end())
      f.severity = s->second;
    f.included_from = include_chain(tree, first, f.file);
    if (tree.adopted != kNoFile) {
      // The adopted file's findings may not edit the tree that adopted it.
      std::erase_if(f.fixes, [&](const Fix& fix) {
        return std::any_of(fix.edits.begin(), fix.edits.end(),
                           [&](const TextEdit& e) { return !e.create.empty() || e.file != tree.adopted; });
      });
    }
    if (tree.dialect_guessed) {
      // A guess proves no error: what the guessed server would refuse is a warning.
      f.fixes.clear();
      if (f.severity == Severity::error) f.severity = Severity::warning;
    }
    if (const Suppression* s = suppressing(suppressions, f, in.catalog)) {
      result.suppressed.push_back({std::move(f), s->reason});
      continue;
    }
    result.findings.push_back(std::move(f));
  }
  timer.lap("findings");
  if (!in.request.lint.endpoints) return;
  // Sized for this tree at once (20,000 endpoints would be copied as the
  // list grows), and still geometrically across the trees of a run.
  const std::size_t needed =
      result.endpoints.size() + tomcat_model.tls_connectors.size() + apache_model.hosts.size() + model.servers.size();
  if (needed > result.endpoints.capacity()) {
    result.endpoints.reserve(std::max(needed, 2 * result.endpoints.capacity()));
  }
  for (const TomcatConnector& c : tomcat_model.tls_connectors) {
    if (!reported(c.node->file())) continue;
    result.endpoints.push_back(
        {Dialect::tomcat, c.node->file(), c.node->name_range(),
         show_holes(c.display_name, c.node->file(), c.node->range, in.sources),
         refused ? Stapling::fatal
                 : template_verdict(tomcat_stapling_verdict(c, jvm_model, in.catalog.jvm_properties(), in.request.lint,
                                                            &tomcat_model, ctx.certificates),
                                    *c.node, in.sources),
         in.endpoint_certificates.of(ctx.certificates, [&] {
           return checks::tomcat_stapling_facts(ctx.certificates, tomcat_model, jvm_model, c);
         })});
    if (!in.sources.file(c.node->file()).template_mask()) tomcat_addresses(c, tomcat_model, result.endpoints.back());
  }
  for (const ApacheHost& h : apache_model.hosts) {
    if (!apache_model.tls(h)) continue;
    const Node& at = h.node ? *h.node : *apache_model.effective(h, "SSLEngine").node();
    if (!reported(at.file())) continue;
    result.endpoints.push_back(
        {Dialect::apache, at.file(), at.name_range(),
         show_holes(h.node ? h.display_name : "main server", at.file(), at.range, in.sources),
         refused ? Stapling::fatal
                 : template_verdict(apache_stapling_verdict(apache_model, h, ctx.certificates), at, in.sources),
         in.endpoint_certificates.of(
             ctx.certificates, [&] { return checks::apache_stapling_facts(ctx.certificates, apache_model, h); })});
    if (!in.sources.file(at.file()).template_mask()) apache_addresses(h, result.endpoints.back());
  }
  for (const NginxServer& s : model.servers) {
    if (!s.tls || s.rejects_handshakes) continue;
    if (!reported(s.node->file())) continue;
    result.endpoints.push_back(
        {Dialect::nginx, s.node->file(), s.node->name_range(),
         show_holes(s.display_name, s.node->file(), s.node->range, in.sources),
         refused ? Stapling::fatal
                 : template_verdict(stapling_verdict(s, in.request.lint, ctx.certificates), *s.node, in.sources),
         in.endpoint_certificates.of(ctx.certificates,
                                     [&] { return checks::nginx_stapling_facts(ctx.certificates, s); })});
    // A template's addresses are its holes: none for `probe --from`.
    if (!in.sources.file(s.node->file()).template_mask()) nginx_addresses(s, result.endpoints.back());
  }
  if (tree.dialect == Dialect::aws) aws_endpoints(aws_model, refused, reported, result);
  timer.lap("endpoints");
}

std::optional<EndpointReport::Address> parse_endpoint_address(std::string_view text, std::uint16_t default_port) {
  auto number = [](std::string_view p) -> std::optional<std::uint16_t> {
    if (p.empty() || p.size() > 5 || !std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    const long v = std::stol(std::string(p));
    if (v < 1 || v > 65535) return std::nullopt;
    return static_cast<std::uint16_t>(v);
  };
  if (text.empty() || text.rfind("unix:", 0) == 0) return std::nullopt;
  EndpointReport::Address a;
  std::string_view host = text, port;
  if (text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') return std::nullopt;
      port = text.substr(close + 2);
    }
  } else if (const auto colon = text.rfind(':'); colon != std::string_view::npos) {
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  } else if (number(text)) {
    host = {};
    port = text;
  }
  const auto p = port.empty() ? std::optional<std::uint16_t>(default_port) : number(port);
  if (!p) return std::nullopt;
  a.port = *p;
  if (host != "*" && host != "_default_" && host != "::" && host != "0.0.0.0") a.host = std::string(host);
  return a;
}

}  // namespace staplint
