// Apache httpd: OCSP stapling of the server certificate (SL1001, SL1005,
// SL1006, SL1007, SL1011, SL1013) and trailing comments (SL9003). Facts:
// ../shared/reference/revocation-facts.md section 2, checked against Debian's
// apache2 by test/system/apache_truth.sh.
#include <algorithm>
#include <cctype>

#include "apache_certificates.hpp"
#include "apache_helpers.hpp"
#include "checks.hpp"
#include "edit_helpers.hpp"
#include "staplint/text.hpp"

namespace staplint::checks {

namespace {

std::vector<const ApacheHost*> tls_hosts(const ApacheModel& m) {
  std::vector<const ApacheHost*> out;
  for (const ApacheHost& h : m.hosts) {
    if (m.tls(h)) out.push_back(&h);
  }
  return out;
}

/// Where the host's TLS comes from: its own `SSLEngine on`, else the
/// <VirtualHost> line (inherited from the server config).
const Node& tls_anchor(const ApacheModel& m, const ApacheHost& h) {
  const ApacheEffective engine = m.effective(h, "SSLEngine");
  if (!engine.inherited || !h.node) return *engine.node();
  return *h.node;
}

const ApacheDirective* last_of(const std::vector<const ApacheDirective*>& v) {
  return v.empty() ? nullptr : v.back();
}

bool any_vhost_cache(const ApacheModel& m) {
  return std::any_of(m.directives.begin(), m.directives.end(), [](const ApacheDirective& d) {
    return d.vhost && iequals(d.node->name(), "SSLStaplingCache");
  });
}

std::string cache_line(const ApacheModel& m) {
  return m.debian ? "SSLStaplingCache \"shmcb:${APACHE_RUN_DIR}/ssl_stapling(32768)\""
                  : "SSLStaplingCache \"shmcb:logs/ssl_stapling(32768)\"";
}

/// Adds the server-level cache where mod_ssl is configured: after the
/// server-level `SSLSessionCache` (Debian's mods-available/ssl.conf, RHEL's
/// conf.d/ssl.conf), else next to the first server-level `SSLUseStapling`,
/// else just above the <VirtualHost> that turns stapling on.
std::optional<TextEdit> cache_edit(const CheckContext& ctx, const ApacheDirective* use) {
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
std::vector<std::pair<const ApacheHost*, const ApacheDirective*>> stapling_hosts(
    const ApacheModel& m) {
  std::vector<std::pair<const ApacheHost*, const ApacheDirective*>> out;
  for (const ApacheHost* h : tls_hosts(m)) {
    const ApacheEffective use = m.effective(*h, "SSLUseStapling");
    if (use.is_on() && !m.md_stapling(*h)) out.emplace_back(h, use.directive);
  }
  return out;
}

}  // namespace

namespace {
/// Every certificate of the host was read and none names an OCSP responder,
/// nor does 'SSLStaplingForceURL': stapling could do nothing.
bool no_certificate_has_ocsp_url(const CheckContext& ctx, const ApacheHost& h) {
  if (!ctx.certificates) return false;
  const auto facts_owner = apache_stapling_facts(ctx.certificates, ctx.apache, h);
  const ApacheStaplingFacts& facts = *facts_owner;
  if (facts.served.empty() || facts.responder_override) return false;
  return std::all_of(facts.served.begin(), facts.served.end(),
                     [](const ServedCertificate& c) { return c.no_ocsp_url(); });
}
}  // namespace

void apache_stapling_disabled(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  const bool others_staple = !stapling_hosts(m).empty();
  // Whether a cache is to be offered is the same for every host: decided once.
  bool cache_offered = !m.at_server("SSLStaplingCache").empty() || others_staple || any_vhost_cache(m);
  for (const ApacheHost* h : tls_hosts(m)) {
    const ApacheEffective use = m.effective(*h, "SSLUseStapling");
    if (use.is_on() || m.md_stapling(*h)) continue;
    // A value other than On or Off stops httpd: SL9002 says so.
    if (use && !iequals(use.value(), "off")) continue;
    if (no_certificate_has_ocsp_url(ctx, *h)) continue;  // SL4001: enabling would do nothing
    const ApacheEffective engine = m.effective(*h, "SSLEngine");
    const Node& at = tls_anchor(m, *h);
    Finding& f = r.report(at.file(), at.name_range(), {{"server", h->display_name}});
    note_conditions(f, {engine.directive, use.directive});
    const ApacheEffective cert = m.effective(*h, "SSLCertificateFile");
    if (cert && lets_encrypt_by_path(ctx.certificates, cert.value())) {
      f.notes.push_back({cert.node()->file(), cert.node()->name_range(),
                         "Let's Encrypt certificates issued since 2025-05-07 carry no OCSP URL; "
                         "stapling them does nothing"});
    }
    Fix fix;
    if (use && !use.inherited) {
      fix.description = "turn 'SSLUseStapling' on";
      fix.edits.push_back(replace_first_arg(*use.node(), "On"));
    } else if (!engine.inherited) {
      fix.description = "add 'SSLUseStapling On' to the virtual host";
      fix.edits.push_back(insert_after(ctx.sources, *engine.node(), {"SSLUseStapling On"}));
    } else {
      continue;
    }
    // Stapling without a server-level cache stops httpd from starting: add one,
    // once, unless SL1005 or SL1006 already does.
    if (!cache_offered) {
      if (auto e = cache_edit(ctx, nullptr)) {
        fix.edits.push_back(*e);
        fix.description += ", and the server-level 'SSLStaplingCache' it needs";
        cache_offered = true;
      } else if (h->node) {
        fix.edits.push_back(insert_before(ctx.sources, *h->node, {cache_line(m)}));
        fix.description += ", and the server-level 'SSLStaplingCache' it needs";
        cache_offered = true;
      }
    }
    f.fixes.push_back(std::move(fix));
  }
}

void apache_stapling_cache_missing(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  if (!m.at_server("SSLStaplingCache").empty()) return;
  // A cache inside <VirtualHost> stops httpd earlier, at parse time: SL1006
  // reports it, and its fix moves it to where it serves.
  if (any_vhost_cache(m)) return;
  const auto hosts = stapling_hosts(m);
  if (hosts.empty()) return;
  const ApacheDirective* first = hosts.front().second;
  Finding& f = r.report(first->node->file(), first->node->name_range(),
                        {{"server", hosts.front().first->display_name}});
  note_conditions(f, {first});
  for (std::size_t i = 1; i < hosts.size() && i < 4; ++i) {
    if (hosts[i].second == first) continue;
    f.notes.push_back({hosts[i].second->node->file(), hosts[i].second->node->name_range(),
                       "stapling is also on for '" + hosts[i].first->display_name + "'"});
  }
  if (auto e = cache_edit(ctx, first)) {
    f.fixes.push_back({"add a server-level 'SSLStaplingCache'", {*e}});
  }
}

void apache_stapling_cache_in_vhost(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  bool moved = !m.at_server("SSLStaplingCache").empty();
  for (const ApacheDirective& d : m.directives) {
    if (!d.vhost || !iequals(d.node->name(), "SSLStaplingCache")) continue;
    Finding& f = r.report(d.node->file(), d.node->name_range(), {});
    note_conditions(f, {&d});
    Fix fix;
    fix.edits.push_back(delete_statement(ctx.sources, *d.node));
    if (!moved && d.node->file() == d.vhost->file()) {
      const SourceFile& src = ctx.sources.file(d.node->file());
      const std::string text =
          src.text().substr(d.node->range.begin, d.node->range.end - d.node->range.begin);
      fix.edits.insert(fix.edits.begin(), insert_before(ctx.sources, *d.vhost, {text}));
      fix.description = "move it above the '<VirtualHost>', to server level";
      moved = true;
    } else {
      fix.description = "remove it (a server-level 'SSLStaplingCache' is configured)";
      if (!moved) continue;
    }
    f.fixes.push_back(std::move(fix));
  }
}

void apache_socache_module_missing(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  if (!m.modules_visible) return;  // a lone vhost file: the modules are elsewhere
  for (const ApacheDirective& d : m.directives) {
    if (!iequals(d.node->name(), "SSLStaplingCache") || d.node->args().empty() || !d.certain()) continue;
    std::string provider(d.value().substr(0, d.value().find(':')));
    for (char& c : provider) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (provider.empty() || provider == "none" || provider == "nonenotnull") continue;
    const std::string id = "socache_" + provider + "_module";
    if (m.loaded_modules.count(id)) continue;
    Finding& f = r.report(d.node->file(), d.node->args()[0].range,
                          {{"provider", provider}, {"module", "mod_socache_" + provider}});
    // Load it next to mod_ssl, from the same directory.
    for (const ApacheDirective& l : m.directives) {
      if (!iequals(l.node->name(), "LoadModule") || l.node->args().size() != 2 ||
          !iequals(l.node->args()[0].value, "ssl_module") || !l.certain()) {
        continue;
      }
      const std::string_view path = l.node->args()[1].value;
      const std::string dir(path.substr(0, path.rfind('/') + 1));
      f.fixes.push_back({"load 'mod_socache_" + provider + "' next to mod_ssl",
                         {insert_after(ctx.sources, *l.node,
                                       {"LoadModule " + id + " " + dir + "mod_socache_" +
                                        provider + ".so"})}});
      break;
    }
  }
}

void apache_stapling_without_tls(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  for (const ApacheHost& h : m.hosts) {
    if (!h.node || m.tls(h)) continue;
    for (const ApacheDirective* d : h.own) {
      const std::string_view name = d->node->name();
      const bool stapling = iequals(name, "SSLUseStapling")
                                ? d->is_on()
                                : name.size() > 11 && iequals(name.substr(0, 11), "SSLStapling");
      if (!stapling) continue;
      Finding& f = r.report(d->node->file(), d->node->name_range(),
                            {{"directive", std::string(name)}, {"server", h.display_name}});
      note_conditions(f, {d});
    }
  }
}

void apache_stapling_responder_errors_returned(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  for (const auto& [h, use] : stapling_hosts(m)) {
    const ApacheEffective returned = m.effective(*h, "SSLStaplingReturnResponderErrors");
    if (returned && !returned.is_on()) continue;  // explicitly off
    const Node& at = returned ? *returned.node() : *use->node;
    Finding& f = r.report(at.file(), at.name_range(), {});
    note_conditions(f, {use, returned.directive});
    std::vector<std::string> lines;
    Fix fix;
    fix.description = "stop stapling responder errors";
    if (returned) fix.edits.push_back(replace_first_arg(*returned.node(), "off"));
    else lines.push_back("SSLStaplingReturnResponderErrors off");
    // Observed with Debian's httpd: without this, an unreachable responder
    // still gets a 'tryLater' response stapled.
    const ApacheEffective fake = m.effective(*h, "SSLStaplingFakeTryLater");
    if (!fake) lines.push_back("SSLStaplingFakeTryLater off");
    else if (fake.is_on()) fix.edits.push_back(replace_first_arg(*fake.node(), "off"));
    if (!lines.empty()) fix.edits.push_back(insert_after(ctx.sources, *use->node, lines));
    f.fixes.push_back(std::move(fix));
  }
}

// ---- SL9003

namespace {
/// httpd's argument kinds for the revocation directives: a FLAG reads one word
/// and ignores the rest; TAKE1 and RAW_ARGS refuse extra words.
bool is_flag_directive(std::string_view name) {
  for (std::string_view f :
       {"SSLUseStapling", "SSLStaplingReturnResponderErrors", "SSLStaplingFakeTryLater",
        "SSLOCSPOverrideResponder", "SSLOCSPUseRequestNonce", "SSLOCSPNoverify",
        "SSLProxyEngine", "SSLProxyCheckPeerExpire", "SSLProxyCheckPeerName",
        "SSLStrictSNIVHostCheck", "SSLSessionTickets", "SSLHonorCipherOrder"}) {
    if (iequals(name, f)) return true;
  }
  return false;
}
bool is_one_arg_directive(std::string_view name) {
  for (std::string_view f :
       {"SSLStaplingCache", "SSLStaplingResponderTimeout", "SSLStaplingStandardCacheTimeout",
        "SSLStaplingErrorCacheTimeout", "SSLStaplingResponseTimeSkew", "SSLStaplingResponseMaxAge",
        "SSLStaplingForceURL", "SSLOCSPEnable", "SSLOCSPDefaultResponder",
        "SSLOCSPResponderTimeout", "SSLOCSPResponseTimeSkew", "SSLOCSPResponseMaxAge",
        "SSLOCSPResponderCertificateFile", "SSLOCSPProxyURL", "SSLCARevocationCheck",
        "SSLCARevocationFile", "SSLCARevocationPath", "SSLProxyCARevocationCheck",
        "SSLProxyCARevocationFile", "SSLProxyCARevocationPath", "SSLVerifyClient",
        "SSLProxyVerify", "SSLVerifyDepth", "SSLProxyVerifyDepth", "SSLCACertificateFile",
        "SSLCACertificatePath", "SSLProxyCACertificateFile", "SSLProxyCACertificatePath",
        "SSLCertificateFile", "SSLCertificateKeyFile", "SSLCertificateChainFile",
        "SSLSessionCache", "SSLSessionCacheTimeout"}) {
    if (iequals(name, f)) return true;
  }
  return false;
}
}  // namespace

void apache_trailing_comment(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  for (const ApacheDirective& d : m.directives) {
    const Node& n = *d.node;
    if (n.kind != NodeKind::directive) continue;
    const bool flag = is_flag_directive(n.name());
    if (!flag && !is_one_arg_directive(n.name())) continue;
    std::size_t hash = n.args().size();
    for (std::size_t i = 0; i < n.args().size(); ++i) {
      if (n.args()[i].quote == Quote::none && !n.args()[i].value.empty() && n.args()[i].value[0] == '#') {
        hash = i;
        break;
      }
    }
    if (hash == n.args().size() || hash == 0) continue;
    const Range comment{n.args()[hash].range.begin, n.args().back().range.end};
    Finding& f = r.report(n.file(), comment,
                          {{"directive", std::string(n.name())},
                           {"effect", flag ? "httpd ignores it, by luck: only the first word of a "
                                             "flag is read"
                                           : "httpd refuses the configuration ('takes one "
                                             "argument' or 'Invalid argument')"}});
    if (flag) f.severity = Severity::warning;
    note_conditions(f, {&d});
    const SourceFile& src = ctx.sources.file(n.file());
    const std::string text = src.text().substr(comment.begin, comment.end - comment.begin);
    TextEdit cut;
    cut.file = n.file();
    cut.offset = n.args()[hash - 1].range.end;
    cut.length = comment.end - cut.offset;
    f.fixes.push_back({"move the comment to its own line above",
                       {insert_before(ctx.sources, n, {text}), cut},
                       /*safe=*/true});
  }
}

}  // namespace staplint::checks
