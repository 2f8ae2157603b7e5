// SL1001..SL1004: OCSP stapling of the server certificate in nginx.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "checks.hpp"
#include "edit_helpers.hpp"
#include "nginx_certificates.hpp"
#include "nginx_directives.hpp"

namespace staplint::checks {

namespace {

bool is_stapling_anchor(const Node& n) {
  return n.name().rfind("ssl_", 0) == 0 && n.kind == NodeKind::directive;
}

/// Stapling directives exist in `stream {}` only from nginx 1.27.2.
bool stream_stapling_supported(const CheckContext& ctx) {
  return !ctx.options.nginx_version || !(*ctx.options.nginx_version < Version{1, 27, 2});
}

/// Stapling can be judged for this server: it listens with TLS, and it is not
/// a stream server of an nginx without stream stapling (SL1015 says so).
bool stapling_applies(const CheckContext& ctx, const NginxServer& s) {
  return s.tls && !s.rejects_handshakes && (!s.stream || stream_stapling_supported(ctx));
}

/// One of the server's certificates is Let's Encrypt's (lets_encrypt_by_path).
bool certificate_is_lets_encrypt(const CheckContext& ctx, const NginxServer& s) {
  for (const Node* c : s.all("ssl_certificate")) {
    if (!c->args().empty() && lets_encrypt_by_path(ctx.certificates, c->args()[0].value)) return true;
  }
  return false;
}

/// Every certificate of the server can be read, names an OCSP responder, and
/// every responder it names is an IP literal: nginx resolves nothing.
bool responders_are_ip_literals(const CheckContext& ctx, const NginxServer& s) {
  const auto certs = s.all("ssl_certificate");
  if (!ctx.certificates || certs.empty()) return false;
  for (const Node* c : certs) {
    const CertificateFile* f = ctx.certificates->named_by(*c);
    if (!f || f->status != CertificateFile::Status::ok || f->certificates.front().ocsp_urls.empty()) return false;
    for (const std::string& url : f->certificates.front().ocsp_urls) {
      if (!is_ip_literal(url_host(url))) return false;
    }
  }
  return true;
}

/// Every CA-bundle directive of the tree, in document order (from the known
/// directives' uses, walked once per tree for every rule).
std::vector<const Node*> tree_trust_files(const CheckContext& ctx) {
  std::vector<const Node*> out;
  for (const DirectiveUse& use : known_directive_uses(ctx)) {
    const std::string_view n = use.node->name();
    if (n == "ssl_trusted_certificate" || n == "ssl_client_certificate") out.push_back(use.node);
  }
  return out;
}

/// Every certificate of the server was read and none names an OCSP
/// responder, nor does 'ssl_stapling_responder': stapling could do nothing.
bool no_certificate_has_ocsp_url(const CheckContext& ctx, const NginxServer& s) {
  if (!ctx.certificates) return false;
  const NginxStaplingFacts& facts = *nginx_stapling_facts(ctx.certificates, s);
  if (facts.served.empty() || facts.responder_override || facts.stapling_file) return false;
  return std::all_of(facts.served.begin(), facts.served.end(),
                     [](const ServedCertificate& c) { return c.no_ocsp_url(); });
}

constexpr const char* kSystemBundle = "/etc/ssl/certs/ca-certificates.crt";

/// The file SL1004's fix trusts, and why; an empty path: no fix (`why` says
/// what to do instead).
struct TrustPick {
  std::string path;
  std::string why;
};

/// The top of `c`'s served chain: the last certificate reached by following
/// issuers within its own file.
const CertificateInfo* chain_top(const ServedCertificate& c) {
  const CertificateInfo* top = c.leaf;
  for (std::size_t steps = 0; steps < c.file->certificates.size(); ++steps) {
    const CertificateInfo* next = nullptr;
    for (const CertificateInfo& o : c.file->certificates) {
      if (&o != top && issued_by(*top, o)) next = &o;
    }
    if (!next || next->self_issued) return next ? next : top;
    top = next;
  }
  return top;
}

bool holds_issuer_of(const CertificateFile* file, const CertificateInfo& cert) {
  if (!file || file->status != CertificateFile::Status::ok) return false;
  return std::any_of(file->certificates.begin(), file->certificates.end(),
                     [&](const CertificateInfo& o) { return issued_by(cert, o); });
}

/// A file that may hold the roots: the path as the configuration writes it,
/// as read, and what it holds.
struct TrustCandidate {
  std::string written, read;
  const CertificateFile* file;
};

struct TrustMemo {
  /// The files the tree's trust directives name, one entry per file read
  /// (the first directive naming it), gathered once per tree.
  std::optional<std::vector<TrustCandidate>> tree_files;
  /// Per set of served certificate files (as written): servers that share
  /// their certificates share the answer.
  std::map<std::vector<std::pair<const CertificateFile*, std::string_view>>, TrustPick> picks;
};

/// Every certificate the server serves was read.
bool all_read(const NginxStaplingFacts& facts) {
  return !facts.served.empty() &&
         std::all_of(facts.served.begin(), facts.served.end(), [](const ServedCertificate& c) { return c.leaf; });
}

TrustPick pick_trusted_file_uncached(const CheckContext& ctx, const NginxServer& s, TrustMemo& memo);

/// The system bundle only when every served chain's root is in it (adding it
/// for a private CA would make verification fail, and so stapling); else a
/// file of this configuration that holds the roots (the certificate file
/// itself when it carries its root); else nothing. Certificates staplint
/// cannot read keep the bundle, as the likely case of a public CA.
TrustPick pick_trusted_file(const CheckContext& ctx, const NginxServer& s, TrustMemo& memo) {
  if (!ctx.certificates) return pick_trusted_file_uncached(ctx, s, memo);
  const NginxStaplingFacts& facts = *nginx_stapling_facts(ctx.certificates, s);
  // A certificate that cannot be read: the answer needs no memo.
  if (!all_read(facts)) return pick_trusted_file_uncached(ctx, s, memo);
  // The paths as written (views into the configuration's text).
  std::vector<std::pair<const CertificateFile*, std::string_view>> key;
  for (const ServedCertificate& c : facts.served) {
    const ArgList args = c.directive->args();
    key.emplace_back(c.file, args.empty() ? std::string_view() : args[0].value);
  }
  if (auto it = memo.picks.find(key); it != memo.picks.end()) return it->second;
  TrustPick pick = pick_trusted_file_uncached(ctx, s, memo);
  memo.picks.emplace(std::move(key), pick);
  return pick;
}

TrustPick pick_trusted_file_uncached(const CheckContext& ctx, const NginxServer& s, TrustMemo& memo) {
  const std::string bundle_fix = "trust the system CA bundle for OCSP response verification";
  if (!ctx.certificates) return {kSystemBundle, bundle_fix};
  const NginxStaplingFacts& facts = *nginx_stapling_facts(ctx.certificates, s);
  if (!all_read(facts)) {
    return {kSystemBundle, bundle_fix + " (right for a public CA; the certificate could not be read)"};
  }
  std::vector<const CertificateInfo*> tops;
  for (const ServedCertificate& c : facts.served) tops.push_back(chain_top(c));
  auto all_rooted_in = [&](const CertificateFile* file, const std::string& own_path) {
    for (std::size_t i = 0; i < tops.size(); ++i) {
      const bool in_own = facts.served[i].path == own_path && tops[i]->self_issued;
      if (!in_own && !holds_issuer_of(file, *tops[i])) return false;
    }
    return true;
  };
  const NamedFile& bundle = ctx.certificates->resolve_server_path(kSystemBundle);
  if (all_rooted_in(bundle.file, {})) return {kSystemBundle, bundle_fix + ", which holds the root of this chain"};
  // A file this configuration already names, holding the roots: the
  // certificate file itself, a client CA file, another server's trusted file.
  // Each with the path as the configuration writes it (relative to the
  // prefix, or the server's absolute path), and as read.
  std::vector<TrustCandidate> candidates;
  for (const ServedCertificate& c : facts.served) {
    candidates.push_back({std::string(c.directive->args()[0].value), std::string(c.path), c.file});
  }
  if (!memo.tree_files) {  // once per tree, not per server
    memo.tree_files.emplace();
    std::set<const CertificateFile*> seen;
    for (const Node* d : tree_trust_files(ctx)) {
      const auto named = ctx.certificates->resolve(*d);
      if (named && seen.insert(named->file).second) {
        memo.tree_files->push_back({std::string(d->args()[0].value), named->path, named->file});
      }
    }
  }
  candidates.insert(candidates.end(), memo.tree_files->begin(), memo.tree_files->end());
  for (const TrustCandidate& c : candidates) {
    if (!all_rooted_in(c.file, c.read)) continue;
    return {c.written, "trust '" + c.written + "', which holds the root of this chain (a private CA: the system bundle does not)"};
  }
  return {{}, "the root of this chain ('" + tops.front()->issuer +
                  "') is in neither the system CA bundle nor any file staplint read: set "
                  "'ssl_trusted_certificate' to a PEM file with it"};
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

void nginx_stapling_disabled(const CheckContext& ctx, Reporter& r) {
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
    Finding& f = r.report(at.file(), explicit_off ? at.range : at.name_range(),
                          {{"server", s.display_name}});
    if (stapling.node && stapling.origin == Origin::parent) {
      f.notes.push_back({stapling.node->file(), stapling.node->range,
                         "'ssl_stapling " + std::string(stapling.value()) +
                             "' is inherited from here"});
    }
    if (certificate_is_lets_encrypt(ctx, s)) {
      f.notes.push_back({s.node->file(), s.node->name_range(),
                         "Let's Encrypt certificates issued since 2025-05-07 carry no OCSP URL; "
                         "stapling them does nothing"});
    }
    if (s.stream && !stream_stapling_supported(ctx)) {
      f.notes.push_back({s.node->file(), s.node->name_range(),
                         "stapling in 'stream' needs nginx 1.27.2 or later"});
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
      if (!verify_on) fix.edits.push_back(insert_after(ctx.sources, *stapling.node,
                                                        {"ssl_stapling_verify on;"}));
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

void nginx_stapling_unverified(const CheckContext& ctx, Reporter& r) {
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!stapling_applies(ctx, s)) continue;
    const Effective stapling = s.effective("ssl_stapling");
    if (!stapling.is_on()) continue;
    const Effective verify = s.effective("ssl_stapling_verify");
    if (verify.is_on()) continue;
    const bool explicit_off = verify.node && verify.origin == Origin::server;
    const Node& at = explicit_off ? *verify.node : *stapling.node;
    Finding& f = r.report(at.file(), at.range, {});
    Fix fix;
    fix.description = "verify stapled OCSP responses";
    if (verify.node && verify.node->args().size() == 1) {
      fix.edits.push_back(replace_first_arg(*verify.node, "on"));
    } else if (verify.node) {
      continue;  // a malformed directive: nginx rejects it, no mechanical fix
    } else {
      fix.edits.push_back(insert_after(ctx.sources, *stapling.node, {"ssl_stapling_verify on;"}));
    }
    f.fixes.push_back(std::move(fix));
  }
}

void nginx_stapling_no_resolver(const CheckContext& ctx, Reporter& r) {
  // A resolver written elsewhere in the same tree is a safe suggestion.
  const Node* known_resolver = nullptr;
  auto find_resolver = [&](std::span<const Node> nodes, auto&& self) -> void {
    for (const Node& n : nodes) {
      if (known_resolver) return;
      if (n.kind == NodeKind::directive && n.name() == "resolver" && !n.args().empty()) {
        known_resolver = &n;
      }
      self(n.children(), self);
    }
  };
  find_resolver(ctx.tree.nodes, find_resolver);

  for (const NginxServer& s : ctx.nginx.servers) {
    if (!stapling_applies(ctx, s)) continue;
    const Effective stapling = s.effective("ssl_stapling");
    if (!stapling.is_on()) continue;
    if (s.effective("ssl_stapling_file").node) continue;
    if (s.effective("resolver").node) continue;
    const Effective responder = s.effective("ssl_stapling_responder");
    if (responder.node && is_ip_literal(url_host(responder.value()))) continue;
    // The certificates' own responders, when every one is an IP literal.
    if (!responder.node && responders_are_ip_literals(ctx, s)) continue;

    Finding& f = r.report(stapling.node->file(), stapling.node->range, {});
    if (known_resolver) {
      const SourceFile& src = ctx.sources.file(known_resolver->file());
      const std::string line(std::string_view(src.text()).substr(
          known_resolver->range.begin, known_resolver->range.end - known_resolver->range.begin));
      Fix fix;
      fix.description = "use the resolver configured elsewhere in this configuration";
      fix.edits.push_back(insert_after(ctx.sources, *stapling.node, {line}));
      f.fixes.push_back(std::move(fix));
    } else {
      f.notes.push_back({stapling.node->file(), stapling.node->range,
                         "add 'resolver ADDRESS;' with a DNS server this host can reach; an "
                         "unreachable resolver breaks stapling altogether"});
    }
  }
}

void nginx_stapling_verify_no_trusted_chain(const CheckContext& ctx, Reporter& r) {
  TrustMemo memo;
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!stapling_applies(ctx, s)) continue;
    if (!s.effective("ssl_stapling").is_on()) continue;
    const Effective verify = s.effective("ssl_stapling_verify");
    if (!verify.is_on()) continue;
    if (s.effective("ssl_trusted_certificate").node) continue;
    Finding& f = r.report(verify.node->file(), verify.node->range, {});
    const std::string_view client = s.effective("ssl_verify_client").value("off");
    if (client == "on" || client == "optional") {
      f.notes.push_back({verify.node->file(), verify.node->range,
                         "this server verifies client certificates, and "
                         "'ssl_trusted_certificate' also trusts them: name a file with only "
                         "your certificate's issuer chain and root"});
      continue;
    }
    const TrustPick pick = pick_trusted_file(ctx, s, memo);
    if (pick.path.empty()) {
      f.notes.push_back({verify.node->file(), verify.node->range, pick.why});
      continue;
    }
    Fix fix;
    fix.description = pick.why;
    fix.edits.push_back(insert_after(ctx.sources, *verify.node, {"ssl_trusted_certificate " + pick.path + ";"}));
    f.fixes.push_back(std::move(fix));
  }
}

}  // namespace staplint::checks

namespace staplint::checks {

namespace {
bool is_stapling_directive(std::string_view name) {
  return name == "ssl_stapling" || name == "ssl_stapling_verify" || name == "ssl_stapling_file" ||
         name == "ssl_stapling_responder";
}
}  // namespace

void nginx_stapling_variable_certificate(const CheckContext& ctx, Reporter& r) {
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!stapling_applies(ctx, s)) continue;
    const Effective stapling = s.effective("ssl_stapling");
    if (!stapling.is_on()) continue;
    for (const Node* c : s.all("ssl_certificate")) {
      if (c->args().size() != 1 || !c->args()[0].has_variable()) continue;
      Finding& f = r.report(c->file(), c->range, {});
      f.notes.push_back({stapling.node->file(), stapling.node->range, "stapling is turned on here"});
    }
  }
}

void nginx_stapling_file_shared(const CheckContext& ctx, Reporter& r) {
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!stapling_applies(ctx, s) || !s.effective("ssl_stapling").is_on()) continue;
    const Effective file = s.effective("ssl_stapling_file");
    const auto certs = s.all("ssl_certificate");
    if (!file.node || certs.size() < 2) continue;
    r.report(file.node->file(), file.node->range, {{"count", std::to_string(certs.size())}});
  }
}

void nginx_stapling_certificate_compression(const CheckContext& ctx, Reporter& r) {
  if (ctx.options.nginx_version && *ctx.options.nginx_version < Version{1, 29, 3}) return;
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!stapling_applies(ctx, s)) continue;
    const Effective stapling = s.effective("ssl_stapling");
    const Effective compression = s.effective("ssl_certificate_compression");
    if (!stapling.is_on() || !compression.is_on()) continue;
    Finding& f = r.report(stapling.node->file(), stapling.node->range, {});
    f.notes.push_back({compression.node->file(), compression.node->range,
                       "'ssl_certificate_compression' is turned on here"});
    f.fixes.push_back({"turn off certificate compression, which stapling excludes",
                       {replace_first_arg(*compression.node, "off")}});
  }
}

void nginx_stapling_without_tls(const CheckContext& ctx, Reporter& r) {
  for (const NginxServer& s : ctx.nginx.servers) {
    if (s.tls) continue;
    for (const Node* n : s.own) {
      if (n->kind == NodeKind::directive && is_stapling_directive(n->name())) {
        r.report(n->file(), n->range, {{"directive", std::string(n->name())},
                                     {"server", s.display_name}});
      }
    }
  }
}

void nginx_stapling_verify_without_stapling(const CheckContext& ctx, Reporter& r) {
  // Directives that at least one stapling TLS server relies on.
  std::set<const Node*> used;
  for (const NginxServer& o : ctx.nginx.servers) {
    if (!o.tls || !o.effective("ssl_stapling").is_on()) continue;
    for (const char* name : {"ssl_stapling_verify", "ssl_stapling_file"}) {
      if (const Node* n = o.effective(name).node) used.insert(n);
    }
  }
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!stapling_applies(ctx, s) || s.effective("ssl_stapling").is_on()) continue;
    for (const char* name : {"ssl_stapling_verify", "ssl_stapling_file"}) {
      const Effective e = s.effective(name);
      if (!e.node || (std::string_view(name) == "ssl_stapling_verify" && !e.is_on())) continue;
      // An http-level setting is pointless only if no server that inherits it
      // staples.
      if (used.count(e.node)) continue;
      r.report(e.node->file(), e.node->range, {{"directive", name}});
    }
  }
}

}  // namespace staplint::checks
