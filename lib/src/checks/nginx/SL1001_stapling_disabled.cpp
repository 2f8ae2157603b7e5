// SL1001: a TLS server does not staple OCSP responses.
#include <map>
#include <set>

#include "checks/common/edits.hpp"
#include "checks/common/ocsp_urls.hpp"
#include "checks/nginx/certificate_facts.hpp"
#include "checks/nginx/servers.hpp"
#include "rules/nginx/SL1001_stapling_disabled.hpp"

namespace staplint::checks::nginx {

namespace {

bool is_stapling_anchor(const Node& n) { return n.name().rfind("ssl_", 0) == 0 && n.kind == NodeKind::directive; }

/// One of the server's certificates is Let's Encrypt's (lets_encrypt_by_path).
bool certificate_is_lets_encrypt(const CheckContext& ctx, const NginxServer& s) {
  for (const Node* c : s.all("ssl_certificate")) {
    const ArgList path = c->args(1);
    if (!path.empty() && lets_encrypt_by_path(ctx.certificates, path[0].value)) return true;
  }
  return false;
}

/// Every certificate of the server was read and none names an OCSP
/// responder, nor does 'ssl_stapling_responder': stapling could do nothing.
bool no_certificate_has_ocsp_url(const CheckContext& ctx, const NginxServer& s) {
  if (!ctx.certificates) return false;
  const NginxStaplingFacts& facts = *nginx_stapling_facts(ctx.certificates, s);
  return !facts.stapling_file && no_served_ocsp_url(facts.served, facts.responder_override);
}

/// The TLS servers (not rejecting handshakes) of each `http {}` block.
std::map<const Node*, std::vector<const NginxServer*>> tls_servers_by_http_block(const CheckContext& ctx) {
  std::map<const Node*, std::vector<const NginxServer*>> out;
  for (const NginxServer& o : ctx.nginx.servers) {
    if (o.parent && !o.stream && o.tls && !o.rejects_handshakes) out[o.parent].push_back(&o);
  }
  return out;
}

/// Every TLS server of the block (two or more) lacks any stapling directive:
/// there one http-level fix serves them all.
bool all_lack_stapling(const std::vector<const NginxServer*>& servers) {
  return servers.size() >= 2 && std::none_of(servers.begin(), servers.end(), [](const NginxServer* o) {
           return o->effective("ssl_stapling").node != nullptr;
         });
}

/// nginx 1.29.3 and later refuse stapling together with certificate
/// compression (SL1010): a fix that turns stapling on for `servers` turns
/// compression off where they get it from.
void turn_off_compression(const CheckContext& ctx, const std::vector<const NginxServer*>& servers, Fix& fix) {
  if (ctx.options.nginx_version && *ctx.options.nginx_version < Version{1, 29, 3}) return;
  std::set<const Node*> seen;
  for (const NginxServer* s : servers) {
    const Effective c = s->effective("ssl_certificate_compression");
    if (!c.is_on() || c.node->args().size() != 1 || !seen.insert(c.node).second) continue;
    fix.edits.push_back(replace_first_arg(*c.node, "off"));
  }
  if (!seen.empty()) fix.description += ", and turn off certificate compression, which nginx refuses with it";
}

}  // namespace

void SL1001_stapling_disabled::check(const CheckContext& ctx, Reporter& r) {
  const auto servers_of = tls_servers_by_http_block(ctx);
  std::set<const Node*> http_wide;  // decided once per block, not once per server
  for (const auto& [block, servers] : servers_of) {
    if (all_lack_stapling(servers)) http_wide.insert(block);
  }
  // The http-wide edit is the same for each server of a block: made once (a
  // block of n servers would otherwise be scanned n times).
  std::map<std::pair<const Node*, bool>, Fix> wide_fixes;
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!s.tls || s.rejects_handshakes) continue;
    const Effective stapling = s.effective("ssl_stapling");
    // An invalid value is SL9002's to report.
    if (stapling.is_on() || stapling.is_invalid_flag()) continue;
    if (no_certificate_has_ocsp_url(ctx, s)) continue;  // SL4001: enabling would do nothing

    const bool explicit_off = stapling.node && stapling.origin == Origin::server;
    const Node& at = explicit_off ? *stapling.node : *s.node;
    Finding& f = r.report(at.file(), explicit_off ? at.range : at.name_range(), Fields{.server = s.display_name});
    if (stapling.node && stapling.origin == Origin::parent) {
      f.notes.push_back({stapling.node->file(), stapling.node->range,
                         "'ssl_stapling " + std::string(stapling.value()) + "' is inherited from here"});
    }
    if (certificate_is_lets_encrypt(ctx, s)) {
      f.notes.push_back({s.node->file(), s.node->name_range(),
                         "Let's Encrypt certificates issued since 2025-05-07 carry no OCSP URL; "
                         "stapling them does nothing"});
    }
    if (s.stream && !stream_stapling_supported(ctx)) {
      f.notes.push_back({s.node->file(), s.node->name_range(), "stapling in 'stream' needs nginx 1.27.2 or later"});
      continue;  // no fix that this nginx would reject
    }

    std::vector<std::string> lines;
    const bool verify_on = s.effective("ssl_stapling_verify").is_on();
    Fix fix;
    if (explicit_off && stapling.node->args().size() != 1) {
      continue;  // a malformed directive: nginx rejects it, no mechanical fix
    } else if (explicit_off) {
      fix.description = "turn on 'ssl_stapling'";
      fix.edits.push_back(replace_first_arg(*stapling.node, "on"));
      if (!verify_on) fix.edits.push_back(insert_after(ctx.sources, *stapling.node, {"ssl_stapling_verify on;"}));
    } else {
      lines = {"ssl_stapling on;"};
      if (!verify_on) lines.push_back("ssl_stapling_verify on;");
      // When every TLS server of the http block lacks stapling, the first fix
      // (the one applied by default) enables it once for all of them; the
      // per-server insertion stays available as an alternative.
      if (!stapling.node && http_wide.count(s.parent)) {
        auto [wide, fresh] = wide_fixes.try_emplace({s.parent, verify_on});
        if (fresh) {
          wide->second.description = "enable OCSP stapling for every server in 'http'";
          wide->second.edits.push_back(insert_into_block(ctx.sources, *s.parent, lines, is_stapling_anchor));
          turn_off_compression(ctx, servers_of.at(s.parent), wide->second);
        }
        f.fixes.push_back(wide->second);
      }
      fix.description = "enable OCSP stapling in this server";
      fix.edits.push_back(insert_into_block(ctx.sources, *s.node, lines, is_stapling_anchor));
    }
    turn_off_compression(ctx, {&s}, fix);
    f.fixes.push_back(std::move(fix));
  }
}

}  // namespace staplint::checks::nginx
