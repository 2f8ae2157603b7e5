// Apache httpd: revocation checks of client certificates (SL2001, SL2002,
// SL2003, SL2006) and of upstream certificates when httpd proxies to TLS
// backends (SL3002, SL3003, SL3004). Facts: revocation-facts.md section 2.1.
#include <algorithm>
#include <map>

#include "apache_helpers.hpp"
#include "checks.hpp"
#include "edit_helpers.hpp"
#include "value_helpers.hpp"
#include "staplint/text.hpp"

namespace staplint::checks {

namespace {

bool is_one_of(std::string_view v, std::initializer_list<std::string_view> options) {
  return std::any_of(options.begin(), options.end(), [&](std::string_view o) { return iequals(v, o); });
}


/// The CRL settings of a host, for client (`SSLCA...`) or proxy (`SSLProxyCA...`).
struct CrlSettings {
  ApacheEffective check, file, path;
  bool checking() const { return check && is_one_of(check.value(), {"chain", "leaf"}); }
  bool storage() const { return file || path; }
  const ApacheEffective& any_storage() const { return file ? file : path; }
};

CrlSettings crl_settings(const ApacheModel& m, const ApacheHost& h, bool proxy) {
  const std::string p = proxy ? "SSLProxyCARevocation" : "SSLCARevocation";
  return {m.effective(h, p + "Check"), m.effective(h, p + "File"), m.effective(h, p + "Path")};
}

/// The host proxies to TLS backends: `SSLProxyEngine on`.
bool proxies_tls(const ApacheModel& m, const ApacheHost& h) {
  return m.effective(h, "SSLProxyEngine").is_on();
}

void storage_without_check(const CheckContext& ctx, Reporter& r, bool proxy) {
  const ApacheModel& m = ctx.apache;
  const std::string check_name = proxy ? "SSLProxyCARevocationCheck" : "SSLCARevocationCheck";
  for (const ApacheHost& h : m.hosts) {
    if (proxy ? !proxies_tls(m, h) : !m.tls(h)) continue;
    const CrlSettings crl = crl_settings(m, h, proxy);
    if (!crl.storage() || crl.checking()) continue;
    const Node& at = *crl.any_storage().node();
    Finding& f = r.report(at.file(), at.name_range(),
                          {{"directive", std::string(at.name())}, {"check", check_name}});
    note_conditions(f, {crl.any_storage().directive});
    // `leaf` checks the certificate itself, which the CRL configured for it
    // covers; `chain` would also demand a CRL from every CA up to the root.
    if (crl.check && !crl.check.inherited) {
      f.fixes.push_back({"check the CRL of the certificate itself ('leaf')",
                         {replace_first_arg(*crl.check.node(), "leaf")}});
    } else {
      f.fixes.push_back({"add '" + check_name + " leaf'",
                         {insert_after(ctx.sources, at, {check_name + " leaf"})}});
    }
  }
}

void check_without_storage(const CheckContext& ctx, Reporter& r, bool proxy) {
  const ApacheModel& m = ctx.apache;
  for (const ApacheHost& h : m.hosts) {
    if (proxy ? !proxies_tls(m, h) : !m.tls(h)) continue;
    const CrlSettings crl = crl_settings(m, h, proxy);
    if (!crl.checking() || crl.storage()) continue;
    const Node& at = *crl.check.node();
    Finding& f = r.report(at.file(), at.name_range(),
                          {{"directive", std::string(at.name())},
                           {"mode", std::string(crl.check.value())},
                           {"server", h.node ? h.display_name : std::string("the main server")}});
    note_conditions(f, {crl.check.directive});
  }
}

}  // namespace

void apache_client_cert_no_revocation(const CheckContext& ctx, Reporter& r) {
  // One finding per 'SSLVerifyClient' line, naming every host it serves: a
  // main-server line is inherited by many virtual hosts.
  const ApacheModel& m = ctx.apache;
  std::vector<const ApacheDirective*> order;
  std::map<const ApacheDirective*, std::pair<std::vector<std::string>, bool>> hosts;  // names, main server
  for (const ApacheHost& h : m.hosts) {
    if (!m.tls(h)) continue;
    // Verification may be asked for per directory, too.
    const ApacheDirective* verify = nullptr;
    const ApacheEffective host_verify = m.effective(h, "SSLVerifyClient");
    if (host_verify && verifies_peer(host_verify.value())) verify = host_verify.directive;
    for (const ApacheDirective* d : m.all_in(h, "SSLVerifyClient")) {
      if (!verify && d->section && verifies_peer(d->value())) verify = d;
    }
    if (!verify) continue;
    const CrlSettings crl = crl_settings(m, h, false);
    const ApacheEffective ocsp = m.effective(h, "SSLOCSPEnable");
    if ((crl.checking() && crl.storage()) || (ocsp && is_one_of(ocsp.value(), {"on", "leaf"}))) {
      continue;
    }
    auto [it, fresh] = hosts.try_emplace(verify);
    if (fresh) order.push_back(verify);
    if (h.node) it->second.first.push_back(h.display_name);
    else it->second.second = true;
  }
  for (const ApacheDirective* verify : order) {
    const auto& [names, main_server] = hosts[verify];
    std::string servers = names.empty() ? "" : name_list("virtual host", names);
    if (main_server) servers += names.empty() ? "the main server" : " and the main server";
    Finding& f = r.report(verify->node->file(), verify->node->name_range(), {{"servers", servers}});
    note_conditions(f, {verify});
  }
}

void apache_crl_configured_not_checked(const CheckContext& ctx, Reporter& r) {
  storage_without_check(ctx, r, false);
}

void apache_crl_check_without_crl(const CheckContext& ctx, Reporter& r) {
  check_without_storage(ctx, r, false);
}

void apache_ocsp_response_unverified(const CheckContext& ctx, Reporter& r) {
  for (const ApacheDirective& d : ctx.apache.directives) {
    if (!iequals(d.node->name(), "SSLOCSPNoverify") || !d.is_on()) continue;
    Finding& f = r.report(d.node->file(), d.node->name_range(), {});
    note_conditions(f, {&d});
    f.fixes.push_back({"verify OCSP responses again ('off', the default)",
                       {replace_first_arg(*d.node, "off")}});
  }
}

void apache_upstream_no_revocation(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  for (const ApacheHost& h : m.hosts) {
    if (!proxies_tls(m, h)) continue;
    const ApacheEffective verify = m.effective(h, "SSLProxyVerify");
    if (!verify || verify_mode(verify.value()) != "require") continue;
    const CrlSettings crl = crl_settings(m, h, true);
    if (crl.checking() && crl.storage()) continue;
    Finding& f = r.report(verify.node()->file(), verify.node()->name_range(),
                          {{"crl", "SSLProxyCARevocationCheck' with 'SSLProxyCARevocationFile"}});
    note_conditions(f, {verify.directive});
  }
}

void apache_proxy_crl_configured_not_checked(const CheckContext& ctx, Reporter& r) {
  storage_without_check(ctx, r, true);
}

void apache_proxy_crl_check_without_crl(const CheckContext& ctx, Reporter& r) {
  check_without_storage(ctx, r, true);
}

}  // namespace staplint::checks
