// SL4005: a certificate, CRL or OCSP file the configuration names cannot be read.
#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>

#include "checks/nginx/certificate_facts.hpp"
#include "checks/nginx/directives.hpp"
#include "rules/nginx/SL4005_certificate_unreadable.hpp"

namespace staplint::checks::nginx {

namespace {

/// The certificate-like directives of nginx and what each file holds.
const std::unordered_map<std::string_view, FileKind>& certificate_directives() {
  static const std::unordered_map<std::string_view, FileKind> names = {
      {"ssl_certificate", FileKind::certificate},
      {"ssl_trusted_certificate", FileKind::bundle},
      {"ssl_client_certificate", FileKind::bundle},
      {"ssl_crl", FileKind::crl},
      {"ssl_stapling_file", FileKind::ocsp},
      {"proxy_ssl_trusted_certificate", FileKind::bundle},
      {"proxy_ssl_crl", FileKind::crl},
      {"grpc_ssl_trusted_certificate", FileKind::bundle},
      {"grpc_ssl_crl", FileKind::crl},
      {"uwsgi_ssl_trusted_certificate", FileKind::bundle},
      {"uwsgi_ssl_crl", FileKind::crl},
  };
  return names;
}

}  // namespace

void SL4005_certificate_unreadable::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  const auto& names = certificate_directives();
  // The directives to look at, without another walk of the tree: the known
  // directives' uses (walked once per tree for every rule), and each
  // server's ssl_certificate lines.
  struct Unusable {
    const Node* node;
    const std::string* path;
    std::string why;
  };
  std::vector<Unusable> found;
  std::set<const Node*> seen;
  auto check = [&](const Node* n, FileKind kind) {
    const std::string* path = nullptr;
    std::string why = unusable_reason(*ctx.certificates, *n, kind, &path);
    if (!why.empty() && seen.insert(n).second) found.push_back({n, path, std::move(why)});
  };
  for (const DirectiveUse& use : known_directive_uses(ctx)) {
    if (const auto kind = names.find(use.node->name()); kind != names.end()) check(use.node, kind->second);
  }
  for (const auto* list : {&ctx.nginx.servers, &ctx.nginx.mail_servers}) {
    for (const NginxServer& s : *list) {
      for (const Node* c : s.all("ssl_certificate")) check(c, FileKind::certificate);
    }
  }
  // One finding per path, at its first directive in file order.
  std::sort(found.begin(), found.end(), [](const Unusable& a, const Unusable& b) {
    return std::make_tuple(a.node->file(), a.node->range.begin, a.node) <
           std::make_tuple(b.node->file(), b.node->range.begin, b.node);
  });
  std::set<std::string_view> reported;
  for (const Unusable& u : found) {
    if (!reported.insert(*u.path).second) continue;
    r.report(u.node->file(), u.node->range, Fields{.path = *u.path, .reason = u.why});
  }
}

}  // namespace staplint::checks::nginx
