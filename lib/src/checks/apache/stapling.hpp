// Apache httpd: the TLS hosts, the hosts that staple through mod_ssl, and
// where the server-level stapling cache goes (shared by SL1001, SL1005,
// SL1013 and the certificate rules).
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checks/common/edits.hpp"
#include "staplint/engine.hpp"
#include "staplint/text.hpp"

namespace staplint::checks::apache {

/// The hosts with TLS on (`SSLEngine on` in force).
inline std::vector<const ApacheHost*> tls_hosts(const ApacheModel& m) {
  std::vector<const ApacheHost*> out;
  for (const ApacheHost& h : m.hosts) {
    if (m.tls(h)) out.push_back(&h);
  }
  return out;
}

/// Where the host's TLS comes from: its own `SSLEngine on`, else the
/// <VirtualHost> line (inherited from the server config).
inline const Node& tls_anchor(const ApacheModel& m, const ApacheHost& h) {
  const ApacheEffective engine = m.effective(h, "SSLEngine");
  if (!engine.inherited || !h.node) return *engine.node();
  return *h.node;
}

/// The last of `v`, or nullptr.
inline const ApacheDirective* last_of(const std::vector<const ApacheDirective*>& v) {
  return v.empty() ? nullptr : v.back();
}

/// Some <VirtualHost> sets `SSLStaplingCache` (httpd ignores it there).
inline bool any_vhost_cache(const ApacheModel& m) {
  return std::any_of(m.directives.begin(), m.directives.end(),
                     [](const ApacheDirective& d) { return d.vhost && iequals(d.node->name(), "SSLStaplingCache"); });
}

/// The server-level cache line, in the layout of the distribution.
inline std::string cache_line(const ApacheModel& m) {
  return m.debian ? "SSLStaplingCache \"shmcb:${APACHE_RUN_DIR}/ssl_stapling(32768)\""
                  : "SSLStaplingCache \"shmcb:logs/ssl_stapling(32768)\"";
}

/// Adds the server-level cache where mod_ssl is configured: after the
/// server-level `SSLSessionCache` (Debian's mods-available/ssl.conf, RHEL's
/// conf.d/ssl.conf), else next to the first server-level `SSLUseStapling`,
/// else just above the <VirtualHost> that turns stapling on.
inline std::optional<TextEdit> cache_edit(const CheckContext& ctx, const ApacheDirective* use) {
  const ApacheModel& m = ctx.apache;
  const std::vector<std::string> line = {cache_line(m)};
  if (const ApacheDirective* session = last_of(m.at_server("SSLSessionCache"))) {
    return insert_after(ctx.sources, *session->node, line);
  }
  if (const ApacheDirective* global = last_of(m.at_server("SSLUseStapling"))) {
    return insert_after(ctx.sources, *global->node, line);
  }
  if (use && use->vhost) return insert_before(ctx.sources, *use->vhost, line);
  return std::nullopt;
}

/// The hosts whose stapling is on through mod_ssl (not mod_md), with the
/// directive that turns it on.
inline std::vector<std::pair<const ApacheHost*, const ApacheDirective*>> stapling_hosts(const ApacheModel& m) {
  std::vector<std::pair<const ApacheHost*, const ApacheDirective*>> out;
  for (const ApacheHost* h : tls_hosts(m)) {
    const ApacheEffective use = m.effective(*h, "SSLUseStapling");
    if (use.is_on() && !m.md_stapling(*h)) out.emplace_back(h, use.directive);
  }
  return out;
}

}  // namespace staplint::checks::apache
