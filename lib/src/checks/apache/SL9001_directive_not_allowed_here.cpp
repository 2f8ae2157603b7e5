// SL9001: a revocation directive in a block where nginx does not accept it.
#include "rules/apache/SL9001_directive_not_allowed_here.hpp"
#include "checks/apache/directives.hpp"
#include "checks/common/edits.hpp"

namespace staplint::checks::apache {

namespace {

/// Server config only (GLOBAL_ONLY): "cannot occur within <VirtualHost> section".
/// SSLStaplingCache is SL1006's.
bool server_config_only(std::string_view name) {
  return named(name, {"SSLSessionCache", "SSLRandomSeed", "SSLPassPhraseDialog", "SSLCryptoDevice", "SSLFIPS"});
}

/// Server config and virtual host only (RSRC_CONF): "not allowed in
/// <Location> context". The SSLProxy* ones are also allowed in <Proxy>.
bool host_level_only(std::string_view name, bool in_proxy_section) {
  const bool proxy = named(name, {"SSLProxyEngine", "SSLProxyVerify", "SSLProxyCARevocationCheck",
                                  "SSLProxyCARevocationFile", "SSLProxyCARevocationPath"});
  if (proxy) return !in_proxy_section;
  if (named(name,
            {"SSLEngine", "SSLUseStapling", "SSLCARevocationCheck", "SSLCARevocationFile", "SSLCARevocationPath"})) {
    return true;
  }
  auto starts = [&](std::string_view prefix) {
    return name.size() > prefix.size() && iequals(name.substr(0, prefix.size()), prefix);
  };
  return starts("SSLStapling") || starts("SSLOCSP");
}

}  // namespace

void SL9001_directive_not_allowed_here::check(const CheckContext& ctx, Reporter& r) {
  for (const ApacheDirective& d : ctx.apache.directives) {
    const Node& n = *d.node;
    if (n.kind != NodeKind::directive || !ssl_named(n.name())) continue;  // every name below is SSL*
    std::string context;
    if (d.section) {
      const bool proxy_section = named(d.section->name(), {"Proxy", "ProxyMatch"});
      if (host_level_only(n.name(), proxy_section) || server_config_only(n.name())) {
        context = "<" + std::string(d.section->name()) + ">";
      }
    } else if (d.vhost && server_config_only(n.name())) {
      context = "<VirtualHost>";
    }
    if (context.empty()) continue;
    Finding& f = r.report(n.file(), n.name_range(), Fields{.context = context, .directive = n.name()});
    note_conditions(f, {&d});
  }
}

}  // namespace staplint::checks::apache
