// SL2001: client certificates are verified without any revocation check.
#include <map>

#include "checks/apache/crl_settings.hpp"
#include "checks/common/values.hpp"
#include "rules/apache/SL2001_client_cert_no_revocation.hpp"

namespace staplint::checks::apache {

void SL2001_client_cert_no_revocation::check(const CheckContext& ctx, Reporter& r) {
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
    if (h.node)
      it->second.first.push_back(h.display_name);
    else
      it->second.second = true;
  }
  for (const ApacheDirective* verify : order) {
    const auto& [names, main_server] = hosts[verify];
    std::string servers = names.empty() ? "" : name_list("virtual host", names);
    if (main_server) servers += names.empty() ? "the main server" : " and the main server";
    Finding& f = r.report(verify->node->file(), verify->node->name_range(), Fields{.servers = servers});
    note_conditions(f, {verify});
  }
}

}  // namespace staplint::checks::apache
