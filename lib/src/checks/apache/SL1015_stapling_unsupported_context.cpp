// SL1015: stapling or OCSP settings the configured server version does not have.
#include "rules/apache/SL1015_stapling_unsupported_context.hpp"
#include "checks/apache/directives.hpp"

namespace staplint::checks::apache {

namespace {

struct Since {
  std::string_view name;
  Version since;
};

/// Revocation directives younger than httpd 2.4.1 (docs/server-facts.md §2.1).
constexpr Since kApacheDirectivesSince[] = {
    {"SSLOCSPUseRequestNonce", {2, 4, 10}},
    {"SSLOCSPProxyURL", {2, 4, 19}},
    {"SSLOCSPNoverify", {2, 4, 26}},
    {"SSLOCSPResponderCertificateFile", {2, 4, 26}},
    {"MDStapling", {2, 4, 42}},
    {"MDStapleOthers", {2, 4, 42}},
    {"MDStaplingKeepResponse", {2, 4, 42}},
    {"MDStaplingRenewWindow", {2, 4, 42}},
};

}  // namespace

void SL1015_stapling_unsupported_context::check(const CheckContext& ctx, Reporter& r) {
  const std::optional<Version>& version = ctx.options.httpd_version;
  if (!version) return;  // a current 2.4 has them all
  auto report = [&](const ApacheDirective& d, Range at, const std::string& what, const Version& since) {
    Finding& f =
        r.report(d.node->file(), at,
                 Fields{.detail = what + " is not available before httpd " + to_string(since) + " (checking for " +
                                  to_string(*version) + "); httpd refuses the configuration"});
    note_conditions(f, {&d});
  };
  for (const ApacheDirective& d : ctx.apache.directives) {
    const Node& n = *d.node;
    if (n.kind != NodeKind::directive) continue;
    for (const Since& s : kApacheDirectivesSince) {
      if (iequals(n.name(), s.name) && *version < s.since)
        report(d, n.name_range(), "'" + std::string(n.name()) + "'", s.since);
    }
    const auto args = n.args();
    if (iequals(n.name(), "SSLOCSPEnable") && !args.empty() && iequals(args[0].value, "leaf") &&
        *version < Version{2, 4, 34}) {
      report(d, args[0].range, "'SSLOCSPEnable leaf'", {2, 4, 34});
    }
    if ((iequals(n.name(), "SSLCARevocationCheck") || iequals(n.name(), "SSLProxyCARevocationCheck")) &&
        args.size() >= 2 && iequals(args[1].value, "no_crl_for_cert_ok") && *version < Version{2, 4, 21}) {
      report(d, args[1].range, "the flag 'no_crl_for_cert_ok'", {2, 4, 21});
    }
  }
}

}  // namespace staplint::checks::apache
