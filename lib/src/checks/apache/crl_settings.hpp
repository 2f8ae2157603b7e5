// Apache httpd: a host's CRL settings for client (`SSLCARevocation*`) or
// proxy (`SSLProxyCARevocation*`) certificates, and the two mismatches
// between storage and checking that SL2002/SL3003 and SL2003/SL3004 report.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>

#include "checks/apache/directives.hpp"
#include "checks/common/edits.hpp"
#include "staplint/engine.hpp"
#include "staplint/text.hpp"

namespace staplint::checks::apache {

inline bool is_one_of(std::string_view v, std::initializer_list<std::string_view> options) {
  return std::any_of(options.begin(), options.end(), [&](std::string_view o) { return iequals(v, o); });
}

/// The CRL settings of a host, for client (`SSLCA...`) or proxy (`SSLProxyCA...`).
struct CrlSettings {
  ApacheEffective check, file, path;
  bool checking() const { return check && is_one_of(check.value(), {"chain", "leaf"}); }
  bool storage() const { return file || path; }
  const ApacheEffective& any_storage() const { return file ? file : path; }
};

inline CrlSettings crl_settings(const ApacheModel& m, const ApacheHost& h, bool proxy) {
  const std::string p = proxy ? "SSLProxyCARevocation" : "SSLCARevocation";
  return {m.effective(h, p + "Check"), m.effective(h, p + "File"), m.effective(h, p + "Path")};
}

/// The host proxies to TLS backends: `SSLProxyEngine on`.
inline bool proxies_tls(const ApacheModel& m, const ApacheHost& h) { return m.effective(h, "SSLProxyEngine").is_on(); }

template <class Fields>
void storage_without_check(const CheckContext& ctx, Reporter& r, bool proxy) {
  const ApacheModel& m = ctx.apache;
  const std::string check_name = proxy ? "SSLProxyCARevocationCheck" : "SSLCARevocationCheck";
  for (const ApacheHost& h : m.hosts) {
    if (proxy ? !proxies_tls(m, h) : !m.tls(h)) continue;
    const CrlSettings crl = crl_settings(m, h, proxy);
    if (!crl.storage() || crl.checking()) continue;
    const Node& at = *crl.any_storage().node();
    Finding& f = r.report(at.file(), at.name_range(), Fields{.check = check_name, .directive = at.name()});
    note_conditions(f, {crl.any_storage().directive});
    // `leaf` checks the certificate itself, which the CRL configured for it
    // covers; `chain` would also demand a CRL from every CA up to the root.
    if (crl.check && !crl.check.inherited) {
      f.fixes.push_back(
          {"check the CRL of the certificate itself ('leaf')", {replace_first_arg(*crl.check.node(), "leaf")}});
    } else {
      f.fixes.push_back({"add '" + check_name + " leaf'", {insert_after(ctx.sources, at, {check_name + " leaf"})}});
    }
  }
}

template <class Fields>
void check_without_storage(const CheckContext& ctx, Reporter& r, bool proxy) {
  const ApacheModel& m = ctx.apache;
  for (const ApacheHost& h : m.hosts) {
    if (proxy ? !proxies_tls(m, h) : !m.tls(h)) continue;
    const CrlSettings crl = crl_settings(m, h, proxy);
    if (!crl.checking() || crl.storage()) continue;
    const Node& at = *crl.check.node();
    Finding& f = r.report(at.file(), at.name_range(),
                          Fields{.directive = at.name(),
                                 .mode = crl.check.value(),
                                 .server = h.node ? h.display_name : std::string("the main server")});
    note_conditions(f, {crl.check.directive});
  }
}

}  // namespace staplint::checks::apache
