#include "checks/nginx/directives.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>
#include <mutex>
#include <vector>

#include "staplint/nginx_model.hpp"

namespace staplint::checks {

namespace {

constexpr std::uint16_t kSslScopes = kHttp | kHttpServer | kStream | kStreamServer;
/// ngx_mail_ssl_module (1.7.11) verifies client certificates in `mail` and
/// its `server`; it has no stapling and no ssl_ocsp.
constexpr std::uint16_t kClientCertScopes = kSslScopes | kMail | kMailServer;
constexpr std::uint16_t kProxyScopes = kHttp | kHttpServer | kHttpLocation | kStream | kStreamServer;
constexpr std::uint16_t kHttpProxyScopes = kHttp | kHttpServer | kHttpLocation;
const Version k1_27_2{1, 27, 2};
const Version k1_19_0{1, 19, 0};

const std::vector<DirectiveInfo>& table() {
  static const std::vector<DirectiveInfo> t = {
      {"grpc_ssl_crl", kHttpProxyScopes, ValueKind::one, {}, {}},
      {"grpc_ssl_trusted_certificate", kHttpProxyScopes, ValueKind::one, {}, {}},
      {"grpc_ssl_verify", kHttpProxyScopes, ValueKind::flag, {}, {}},
      {"proxy_ssl_crl", kProxyScopes, ValueKind::one, {}, {}},
      {"proxy_ssl_trusted_certificate", kProxyScopes, ValueKind::one, {}, {}},
      {"proxy_ssl_verify", kProxyScopes, ValueKind::flag, {}, {}},
      {"resolver", kProxyScopes | kMail | kMailServer, ValueKind::one_or_more, {}, {}},
      {"ssl_client_certificate", kClientCertScopes, ValueKind::one, {}, {}},
      {"ssl_crl", kClientCertScopes, ValueKind::one, {}, {}},
      {"ssl_ocsp", kSslScopes, ValueKind::enumerated, {"off", "on", "leaf"}, k1_27_2, k1_19_0},
      {"ssl_ocsp_cache", kSslScopes, ValueKind::one, {}, k1_27_2, k1_19_0},
      {"ssl_ocsp_responder", kSslScopes, ValueKind::one, {}, k1_27_2, k1_19_0},
      {"ssl_stapling", kSslScopes, ValueKind::flag, {}, k1_27_2},
      {"ssl_stapling_file", kSslScopes, ValueKind::one, {}, k1_27_2},
      {"ssl_stapling_responder", kSslScopes, ValueKind::one, {}, k1_27_2},
      {"ssl_stapling_verify", kSslScopes, ValueKind::flag, {}, k1_27_2},
      {"ssl_trusted_certificate", kClientCertScopes, ValueKind::one, {}, {}},
      {"ssl_verify_client", kClientCertScopes, ValueKind::enumerated, {"off", "on", "optional", "optional_no_ca"}, {}},
      {"uwsgi_ssl_crl", kHttpProxyScopes, ValueKind::one, {}, {}},
      {"uwsgi_ssl_trusted_certificate", kHttpProxyScopes, ValueKind::one, {}, {}},
      {"uwsgi_ssl_verify", kHttpProxyScopes, ValueKind::flag, {}, {}},
  };
  return t;
}

/// Blocks whose contents nginx hands to a special parser, not to directives.
bool opaque_block(std::string_view name) {
  static constexpr std::string_view names[] = {"charset_map", "geo", "map", "match", "split_clients", "types"};
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

Context child_context(Context parent, std::string_view block) {
  switch (parent) {
    case kMain:
      if (block == "http") return kHttp;
      if (block == "stream") return kStream;
      if (block == "mail") return kMail;
      return kOther;
    case kHttp:
      if (block == "server") return kHttpServer;
      if (block == "upstream") return kUpstream;
      return kOther;
    case kHttpServer:
    case kHttpLocation:
      if (block == "location") return kHttpLocation;
      if (block == "if") return kIf;
      return kOther;
    case kIf:
      return kOther;
    case kStream:
      if (block == "server") return kStreamServer;
      if (block == "upstream") return kUpstream;
      return kOther;
    case kMail:
      return block == "server" ? kMailServer : kOther;
    default:
      return kOther;
  }
}

void walk(std::span<const Node> nodes, Context ctx, const Node* block,
          const std::function<void(const Node&, Context, const Node*)>& fn) {
  for_each_directive(nodes, [&](const Node& n) {
    fn(n, ctx, block);
    if (n.is_block() && !opaque_block(n.name())) walk(n.children(), child_context(ctx, n.name()), &n, fn);
  });
}

/// walk() for known_directive_uses, without a std::function call per
/// directive: it visits every directive of the tree.
void collect_known(std::span<const Node> nodes, Context ctx, const Node* block, std::vector<DirectiveUse>& out) {
  for_each_directive(nodes, [&](const Node& n) {
    if (const DirectiveInfo* d = find_directive(n.name())) out.push_back({&n, d, ctx, block});
    if (n.is_block() && !opaque_block(n.name())) collect_known(n.children(), child_context(ctx, n.name()), &n, out);
  });
}

}  // namespace

std::string_view context_name(Context c) {
  switch (c) {
    case kMain:
      return "main";
    case kHttp:
      return "http";
    case kHttpServer:
      return "server";
    case kHttpLocation:
      return "location";
    case kIf:
      return "if";
    case kStream:
      return "stream";
    case kStreamServer:
      return "stream server";
    case kUpstream:
      return "upstream";
    case kMail:
      return "mail";
    case kMailServer:
      return "mail server";
    default:
      return "this block";
  }
}

const DirectiveInfo* find_directive(std::string_view name) {
  // Called for every directive by several rules, and almost always for one
  // that is not in the table: the few names of the same length are compared
  // (their last byte first), which costs less than hashing the name.
  constexpr std::size_t kLongest = 64;
  static const auto by_length = [] {
    std::array<std::vector<const DirectiveInfo*>, kLongest + 1> ix;
    for (const DirectiveInfo& d : table()) {
      assert(d.name.size() <= kLongest);  // the longest is 29 bytes
      if (d.name.size() <= kLongest) ix[d.name.size()].push_back(&d);
    }
    return ix;
  }();
  if (name.empty() || name.size() > kLongest) return nullptr;
  for (const DirectiveInfo* d : by_length[name.size()]) {
    if (d->name.back() == name.back() && d->name == name) return d;
  }
  return nullptr;
}

void for_each_in_context(const ConfigTree& tree, const std::function<void(const Node&, Context, const Node*)>& fn) {
  walk(tree.nodes, tree.fragment ? kHttp : kMain, nullptr, fn);
}

const std::vector<DirectiveUse>& known_directive_uses(const CheckContext& ctx) {
  const std::lock_guard lock(ctx.lazy_mutex);
  if (!ctx.nginx_directive_uses) {
    auto found = std::make_shared<DirectiveUses>();
    collect_known(ctx.tree.nodes, ctx.tree.fragment ? kHttp : kMain, nullptr, found->uses);
    ctx.nginx_directive_uses = std::move(found);
  }
  return ctx.nginx_directive_uses->uses;
}

}  // namespace staplint::checks
