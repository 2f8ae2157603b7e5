// nginx as a TLS client of its upstreams: each TLS upstream use (proxy,
// grpc, uwsgi in http; proxy in stream) with the verification settings its
// scope sets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "staplint/engine.hpp"

namespace staplint::checks {

struct UpstreamModule {
  std::string_view prefix;  ///< proxy, grpc, uwsgi
  std::string_view pass;    ///< the directive that names the upstream
  std::string_view tls;     ///< the scheme that makes it TLS
};

inline constexpr UpstreamModule kUpstreamModules[] = {
    {"proxy", "proxy_pass", "https://"},
    {"grpc", "grpc_pass", "grpcs://"},
    {"uwsgi", "uwsgi_pass", "suwsgi://"},
};

/// `proxy` and `_ssl_crl`: `proxy_ssl_crl`.
inline std::string name_of(const UpstreamModule& m, std::string_view suffix) {
  return std::string(m.prefix) + std::string(suffix);
}

/// One TLS upstream use, with what its scope sets for the module's
/// verification: every upstream rule reads these, from one walk per tree.
struct UpstreamUse {
  const UpstreamModule* module;
  const Node* pass;
  const Node* crl;
  const Node* verify;
  const Node* trusted;
};
struct UpstreamUses {
  std::vector<UpstreamUse> uses;
};

/// Every TLS upstream use of the tree, walked once per tree and kept in the
/// context (every upstream rule reads these).
const std::vector<UpstreamUse>& upstream_uses(const CheckContext& ctx);

}  // namespace staplint::checks
