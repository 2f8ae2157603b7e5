// Apache httpd: SL9001 directive-not-allowed-here and SL9002
// invalid-directive-value for the mod_ssl and mod_md revocation directives,
// with httpd's own wording (checked with Debian's apache2 -t).
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "apache_helpers.hpp"
#include "checks.hpp"
#include "edit_helpers.hpp"
#include "value_helpers.hpp"

namespace staplint::checks {

namespace {

bool named(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return iequals(name, n); });
}

/// Server config only (GLOBAL_ONLY): "cannot occur within <VirtualHost> section".
/// SSLStaplingCache is SL1006's.
bool server_config_only(std::string_view name) {
  return named(name, {"SSLSessionCache", "SSLRandomSeed", "SSLPassPhraseDialog",
                      "SSLCryptoDevice", "SSLFIPS"});
}

/// Server config and virtual host only (RSRC_CONF): "not allowed in
/// <Location> context". The SSLProxy* ones are also allowed in <Proxy>.
bool host_level_only(std::string_view name, bool in_proxy_section) {
  const bool proxy = named(name, {"SSLProxyEngine", "SSLProxyVerify", "SSLProxyCARevocationCheck",
                                  "SSLProxyCARevocationFile", "SSLProxyCARevocationPath"});
  if (proxy) return !in_proxy_section;
  if (named(name, {"SSLEngine", "SSLUseStapling", "SSLCARevocationCheck", "SSLCARevocationFile",
                   "SSLCARevocationPath"})) {
    return true;
  }
  auto starts = [&](std::string_view prefix) {
    return name.size() > prefix.size() && iequals(name.substr(0, prefix.size()), prefix);
  };
  return starts("SSLStapling") || starts("SSLOCSP");
}

/// The arguments before a trailing `# comment` (SL9003 reports those).
std::size_t words_before_comment(const Node& n) {
  for (std::size_t i = 0; i < n.args().size(); ++i) {
    if (n.args()[i].quote == Quote::none && !n.args()[i].value.empty() && n.args()[i].value[0] == '#') {
      return i;
    }
  }
  return n.args().size();
}

struct Enumerated {
  std::string_view name;
  std::vector<std::string_view> values;
  std::string_view extra_flag;  ///< an optional second word, or empty: TAKE1
  /// Undocumented words httpd accepts as well; not offered in the message.
  std::vector<std::string_view> also = {};
};

const std::vector<Enumerated>& enumerated() {
  static const std::vector<Enumerated> list = {
      {"SSLCARevocationCheck", {"chain", "leaf", "none"}, "no_crl_for_cert_ok"},
      {"SSLProxyCARevocationCheck", {"chain", "leaf", "none"}, "no_crl_for_cert_ok"},
      {"SSLOCSPEnable", {"on", "leaf", "off"}, "no_ocsp_for_cert_ok"},
      // `on` and `off` too: ssl_cmd_verify_parse reads them as require and none.
      {"SSLVerifyClient", {"none", "optional", "require", "optional_no_ca"}, "", {"on", "off"}},
      {"SSLProxyVerify", {"none", "optional", "require", "optional_no_ca"}, "", {"on", "off"}},
  };
  return list;
}

bool is_flag(std::string_view name) {
  return named(name, {"SSLUseStapling", "SSLStaplingReturnResponderErrors",
                      "SSLStaplingFakeTryLater", "SSLOCSPOverrideResponder",
                      "SSLOCSPUseRequestNonce", "SSLOCSPNoverify", "SSLProxyEngine", "MDStapling"});
}

/// Read with atoi(); the two responder timeouts also refuse negative values.
bool is_seconds(std::string_view name) {
  return named(name, {"SSLStaplingResponderTimeout", "SSLStaplingStandardCacheTimeout",
                      "SSLStaplingErrorCacheTimeout", "SSLStaplingResponseTimeSkew",
                      "SSLStaplingResponseMaxAge", "SSLOCSPResponderTimeout",
                      "SSLOCSPResponseTimeSkew", "SSLOCSPResponseMaxAge"});
}


}  // namespace

void apache_directive_not_allowed_here(const CheckContext& ctx, Reporter& r) {
  for (const ApacheDirective& d : ctx.apache.directives) {
    const Node& n = *d.node;
    if (n.kind != NodeKind::directive) continue;
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
    Finding& f = r.report(n.file(), n.name_range(),
                          {{"directive", std::string(n.name())}, {"context", context}});
    note_conditions(f, {&d});
  }
}

void apache_invalid_directive_value(const CheckContext& ctx, Reporter& r) {
  for (const ApacheDirective& d : ctx.apache.directives) {
    const Node& n = *d.node;
    if (n.kind != NodeKind::directive) continue;
    const std::size_t words = words_before_comment(n);
    const std::string name(n.name());
    if (is_flag(n.name())) {
      // httpd reads a flag's first word only.
      if (words == 0) {
        note_conditions(r.report(n.file(), n.range, {{"detail", "'" + name + "' must be On or Off"}}), {&d});
        continue;
      }
      const Arg& a = n.args()[0];
      if (iequals(a.value, "on") || iequals(a.value, "off")) continue;
      Finding& f = r.report(n.file(), a.range,
                            {{"detail", "invalid value '" + std::string(a.value) + "' for '" + name +
                                            "'; it must be On or Off"}});
      note_conditions(f, {&d});
      if (auto fixed = flag_synonym(a.value)) {
        std::string v = *fixed;
        v[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(v[0])));
        f.fixes.push_back({"use '" + v + "'", {replace_first_arg(n, v)}, /*safe=*/true});
      }
      continue;
    }
    for (const Enumerated& e : enumerated()) {
      if (!iequals(n.name(), e.name)) continue;
      std::string detail;
      Range at = n.range;
      const std::size_t allowed_words = e.extra_flag.empty() ? 1 : 2;
      if (words == 0 || (e.extra_flag.empty() && words > 1)) {
        detail = "'" + name + "' takes one argument";
      } else if (const auto is = [&](std::string_view v) { return iequals(n.args()[0].value, v); };
                 std::none_of(e.values.begin(), e.values.end(), is) &&
                 std::none_of(e.also.begin(), e.also.end(), is)) {
        at = n.args()[0].range;
        detail = "invalid value '" + std::string(n.args()[0].value) + "' for '" + name +
                 "'; it must be " + join_values(e.values);
      } else if (words == 2 && !iequals(n.args()[1].value, e.extra_flag)) {
        at = n.args()[1].range;
        detail = "invalid argument '" + std::string(n.args()[1].value) + "' for '" + name +
                 "'; the only flag is '" + std::string(e.extra_flag) + "'";
      } else if (words > allowed_words) {
        at = n.args()[allowed_words].range;
        detail = "too many arguments for '" + name + "'";
      }
      if (!detail.empty()) note_conditions(r.report(n.file(), at, {{"detail", detail}}), {&d});
    }
    if (is_seconds(n.name()) && words >= 1) {
      const Arg& a = n.args()[0];
      const std::string v(a.value);
      const bool numeric = !v.empty() &&
                           std::all_of(v.begin() + (v[0] == '-' ? 1 : 0), v.end(),
                                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) &&
                           v != "-";
      if (numeric && v[0] == '-' &&
          named(n.name(), {"SSLStaplingResponderTimeout", "SSLOCSPResponderTimeout"})) {
        Finding& f = r.report(n.file(), a.range,
                              {{"detail", "'" + name + "' must not be negative; httpd refuses '" +
                                              v + "' (invalid argument)"}});
        note_conditions(f, {&d});
      } else if (!numeric) {
        // httpd accepts it: atoi() reads the leading digits, or 0.
        Finding& f = r.report(n.file(), a.range,
                              {{"detail", "'" + v + "' is not a number of seconds; httpd reads it as " +
                                              std::to_string(std::atoi(v.c_str())) + " for '" + name +
                                              "'"}});
        f.severity = Severity::warning;
        note_conditions(f, {&d});
      }
    }
  }
}

}  // namespace staplint::checks

// ---- SL1015 stapling-unsupported-context: what the configured httpd lacks

namespace staplint::checks {

namespace {

struct Since {
  std::string_view name;
  Version since;
};

/// Revocation directives younger than httpd 2.4.1 (revocation-facts.md 2).
constexpr Since kApacheDirectivesSince[] = {
    {"SSLOCSPUseRequestNonce", {2, 4, 10}},          {"SSLOCSPProxyURL", {2, 4, 19}},
    {"SSLOCSPNoverify", {2, 4, 26}},                 {"SSLOCSPResponderCertificateFile", {2, 4, 26}},
    {"MDStapling", {2, 4, 42}},                      {"MDStapleOthers", {2, 4, 42}},
    {"MDStaplingKeepResponse", {2, 4, 42}},          {"MDStaplingRenewWindow", {2, 4, 42}},
};

}  // namespace

void apache_stapling_unsupported_context(const CheckContext& ctx, Reporter& r) {
  const std::optional<Version>& version = ctx.options.httpd_version;
  if (!version) return;  // a current 2.4 has them all
  auto report = [&](const ApacheDirective& d, Range at, const std::string& what, const Version& since) {
    Finding& f = r.report(d.node->file(), at,
                          {{"detail", what + " is not available before httpd " + to_string(since) +
                                          " (checking for " + to_string(*version) +
                                          "); httpd refuses the configuration"}});
    note_conditions(f, {&d});
  };
  for (const ApacheDirective& d : ctx.apache.directives) {
    const Node& n = *d.node;
    if (n.kind != NodeKind::directive) continue;
    for (const Since& s : kApacheDirectivesSince) {
      if (iequals(n.name(), s.name) && *version < s.since) report(d, n.name_range(), "'" + std::string(n.name()) + "'", s.since);
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

}  // namespace staplint::checks
