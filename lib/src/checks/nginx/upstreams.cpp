// nginx as a TLS client of its upstreams (proxy, grpc, uwsgi in http; proxy
// in stream): one walk per tree finds each TLS upstream use with the
// verification settings its scope sets (SL3001, SL3002, SL3005, and the CRL
// rules SL4006 and SL4008).
#include "checks/nginx/upstreams.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "checks/nginx/certificate_facts.hpp"

namespace staplint::checks {

namespace {

/// The upstream directives (`proxy_*`, `grpc_*`, `uwsgi_*`) of the enclosing
/// scopes, outermost first, each scope's in document order, in one flat stack;
/// lookups walk it from the end, i.e. from the inside out as nginx's merge
/// does. Other directives cannot matter, so they are not kept.
using Scopes = std::vector<const Node*>;

bool upstream_directive(std::string_view name) {
  // Most names start otherwise than proxy_, grpc_ and uwsgi_ do.
  if (name.empty() || (name[0] != 'p' && name[0] != 'g' && name[0] != 'u')) return false;
  for (const UpstreamModule& m : kUpstreamModules) {
    if (name.size() > m.prefix.size() && name.compare(0, m.prefix.size(), m.prefix) == 0 &&
        name[m.prefix.size()] == '_') {
      return true;
    }
  }
  return false;
}

const Node* effective(const Scopes& scopes, std::string_view name) {
  for (auto n = scopes.rbegin(); n != scopes.rend(); ++n) {
    if ((*n)->name() == name) return *n;
  }
  return nullptr;
}

bool nests_scope(const Node& n) {
  if (!n.is_block()) return false;
  const std::string_view name = n.name();
  return name == "location" || name == "if" || name == "server";
}

/// A scope that talks TLS to its upstream: `proxy_pass https://...`, or a pass
/// with variables (nginx prepares TLS then, since the scheme is only known at
/// run time). In stream, `proxy_ssl on` with a `proxy_pass`.
struct TlsUse {
  const UpstreamModule* module;
  const Node* pass;
};

using Visit = std::function<void(const Scopes&, const TlsUse&)>;

void visit_scope(std::span<const Node> children, Scopes& scopes, bool stream, const Visit& fn) {
  const std::size_t mark = scopes.size();
  for_each_directive(children, [&](const Node& n) {
    if (n.kind == NodeKind::directive && upstream_directive(n.name())) scopes.push_back(&n);
  });
  for (std::size_t i = mark; i < scopes.size(); ++i) {
    const Node* n = scopes[i];
    for (const UpstreamModule& m : kUpstreamModules) {
      if (stream && m.prefix != "proxy") continue;
      if (n->name() != m.pass) continue;
      const ArgList args = n->args();
      if (args.empty()) continue;
      const bool tls = stream ? flag_is_on(effective(scopes, "proxy_ssl"))
                              : args[0].value.rfind(m.tls, 0) == 0 || args[0].has_variable();
      if (tls) fn(scopes, {&m, n});
    }
  }
  for_each_directive(children, [&](const Node& n) {
    if (nests_scope(n)) visit_scope(n.children(), scopes, stream, fn);
  });
  scopes.resize(mark);
}

void visit_tls_uses(const CheckContext& ctx, const Visit& fn) {
  Scopes scopes;
  if (ctx.tree.fragment) {
    visit_scope(ctx.tree.nodes, scopes, false, fn);
    return;
  }
  for_each_directive(ctx.tree.nodes, [&](const Node& n) {
    if (n.is_block() && (n.name() == "http" || n.name() == "stream")) {
      visit_scope(n.children(), scopes, n.name() == "stream", fn);
    }
  });
}

}  // namespace

const std::vector<UpstreamUse>& upstream_uses(const CheckContext& ctx) {
  const std::lock_guard lock(ctx.lazy_mutex);
  if (!ctx.nginx_upstream_uses) {
    auto all = std::make_shared<UpstreamUses>();
    visit_tls_uses(ctx, [&](const Scopes& scopes, const TlsUse& use) {
      all->uses.push_back({use.module, use.pass, effective(scopes, name_of(*use.module, "_ssl_crl")),
                           effective(scopes, name_of(*use.module, "_ssl_verify")),
                           effective(scopes, name_of(*use.module, "_ssl_trusted_certificate"))});
    });
    ctx.nginx_upstream_uses = std::move(all);
  }
  return ctx.nginx_upstream_uses->uses;
}

std::vector<CheckedCrl> nginx_upstream_crls(const CheckContext& ctx) {
  std::vector<CheckedCrl> out;
  std::set<const Node*> seen;
  for (const UpstreamUse& u : upstream_uses(ctx)) {
    if (!u.crl || !flag_is_on(u.verify) || !seen.insert(u.crl).second) continue;
    CheckedCrl c{u.crl, {}, true};
    if (u.trusted) c.cas.push_back(u.trusted);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace staplint::checks
