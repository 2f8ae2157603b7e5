// SL1001: a TLS server does not staple OCSP responses.
#include <algorithm>

#include "checks/apache/certificate_facts.hpp"
#include "checks/apache/directives.hpp"
#include "checks/apache/stapling.hpp"
#include "checks/common/edits.hpp"
#include "checks/common/ocsp_urls.hpp"
#include "rules/apache/SL1001_stapling_disabled.hpp"

namespace staplint::checks::apache {

namespace {

/// Every certificate of the host was read and none names an OCSP responder,
/// nor does 'SSLStaplingForceURL': stapling could do nothing.
bool no_certificate_has_ocsp_url(const CheckContext& ctx, const ApacheHost& h) {
  if (!ctx.certificates) return false;
  const auto facts_owner = apache_stapling_facts(ctx.certificates, ctx.apache, h);
  return no_served_ocsp_url(facts_owner->served, facts_owner->responder_override);
}

}  // namespace

void SL1001_stapling_disabled::check(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  const bool others_staple = !stapling_hosts(m).empty();
  // Whether a cache is to be offered is the same for every host: decided once.
  bool cache_offered = !m.at_server("SSLStaplingCache").empty() || others_staple || any_vhost_cache(m);
  for (const ApacheHost* h : tls_hosts(m)) {
    const ApacheEffective use = m.effective(*h, "SSLUseStapling");
    if (use.is_on() || m.md_stapling(*h)) continue;
    // A value other than On or Off stops httpd: SL9002 says so.
    if (use && !iequals(use.value(), "off")) continue;
    if (no_certificate_has_ocsp_url(ctx, *h)) continue;  // SL4001: enabling would do nothing
    const ApacheEffective engine = m.effective(*h, "SSLEngine");
    const Node& at = tls_anchor(m, *h);
    Finding& f = r.report(at.file(), at.name_range(), Fields{.server = h->display_name});
    note_conditions(f, {engine.directive, use.directive});
    const ApacheEffective cert = m.effective(*h, "SSLCertificateFile");
    if (cert && lets_encrypt_by_path(ctx.certificates, cert.value())) {
      f.notes.push_back({cert.node()->file(), cert.node()->name_range(),
                         "Let's Encrypt certificates issued since 2025-05-07 carry no OCSP URL; "
                         "stapling them does nothing"});
    }
    Fix fix;
    if (use && !use.inherited) {
      fix.description = "turn 'SSLUseStapling' on";
      fix.edits.push_back(replace_first_arg(*use.node(), "On"));
    } else if (!engine.inherited) {
      fix.description = "add 'SSLUseStapling On' to the virtual host";
      fix.edits.push_back(insert_after(ctx.sources, *engine.node(), {"SSLUseStapling On"}));
    } else {
      continue;
    }
    // Stapling without a server-level cache stops httpd from starting: add one,
    // once, unless SL1005 or SL1006 already does.
    if (!cache_offered) {
      if (auto e = cache_edit(ctx, nullptr)) {
        fix.edits.push_back(*e);
        fix.description += ", and the server-level 'SSLStaplingCache' it needs";
        cache_offered = true;
      } else if (h->node) {
        fix.edits.push_back(insert_before(ctx.sources, *h->node, {cache_line(m)}));
        fix.description += ", and the server-level 'SSLStaplingCache' it needs";
        cache_offered = true;
      }
    }
    f.fixes.push_back(std::move(fix));
  }
}

}  // namespace staplint::checks::apache
