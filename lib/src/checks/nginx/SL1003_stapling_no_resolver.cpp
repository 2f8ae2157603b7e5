// SL1003: stapling is on but no resolver is in scope.
#include "rules/nginx/SL1003_stapling_no_resolver.hpp"
#include "checks/common/edits.hpp"
#include "checks/nginx/certificate_facts.hpp"
#include "checks/nginx/servers.hpp"

namespace staplint::checks::nginx {

namespace {

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

}  // namespace

void SL1003_stapling_no_resolver::check(const CheckContext& ctx, Reporter& r) {
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

    Finding& f = r.report(stapling.node->file(), stapling.node->range, Fields{});
    if (known_resolver) {
      const SourceFile& src = ctx.sources.file(known_resolver->file());
      const std::string line(
          std::string_view(src.text())
              .substr(known_resolver->range.begin, known_resolver->range.end - known_resolver->range.begin));
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

}  // namespace staplint::checks::nginx
