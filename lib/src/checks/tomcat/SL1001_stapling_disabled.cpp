// SL1001: a TLS server does not staple OCSP responses.
#include <algorithm>

#include "checks/common/ocsp_urls.hpp"
#include "checks/jvm/option_edit.hpp"
#include "checks/tomcat/certificate_facts.hpp"
#include "rules/tomcat/SL1001_stapling_disabled.hpp"
#include "staplint/text.hpp"
#include "staplint/verdict.hpp"

namespace staplint::checks::tomcat {

namespace {

/// The -D option that turns server stapling on, if one reaches the JVM.
const JvmOption* stapling_switch(const JvmModel& jvm) {
  const JvmOption* last = last_stapling_switch(jvm);
  return last && iequals(last->value, "true") ? last : nullptr;
}

/// Every certificate of the connector was read and none names an OCSP
/// responder, nor does JSSE's responder override: stapling could do nothing.
bool no_certificate_has_ocsp_url(const CheckContext& ctx, const TomcatConnector& c) {
  if (!ctx.certificates) return false;
  const auto facts_owner = tomcat_stapling_facts(ctx.certificates, ctx.tomcat, ctx.jvm, c);
  return no_served_ocsp_url(facts_owner->served, facts_owner->responder_override);
}

}  // namespace

void SL1001_stapling_disabled::check(const CheckContext& ctx, Reporter& r) {
  const JvmOption* on = stapling_switch(ctx.jvm);
  const Node* misplaced = misplaced_stapling_switch(ctx.jvm, ctx.jvm_properties);
  const bool jdk_staples = ctx.options.jdk_staples();
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    if (c.implementation == TlsImplementation::openssl) continue;  // SL1014
    if (on && on->certain && jdk_staples) continue;
    if (no_certificate_has_ocsp_url(ctx, c)) continue;  // SL4001: enabling would do nothing
    const std::string reason =
        on && !jdk_staples ? "JDK " + jdk_version_string(*ctx.options.jdk_version) + " has no server-side OCSP stapling"
                           : "its JVM does not get '-D" + std::string(kStaplingSwitch) + "=true'";
    Finding& f = r.report(c.node->file(), c.node->name_range(), Fields{.reason = reason, .server = c.display_name});
    if (c.unresolved) {
      f.conditional = true;
      f.notes.push_back({c.unresolved->file(), c.unresolved->range,
                         "'" + std::string(c.unresolved->name()) +
                             "' uses a ${property} that staplint cannot resolve; this finding holds if the "
                             "connector speaks TLS through JSSE"});
    }
    if (on && !on->certain) {
      f.conditional = true;
      f.notes.push_back({on->file, on->range,
                         "the switch is set only on some runs (inside an 'if', "
                         "'case', loop or function)"});
    }
    if (on && !jdk_staples) {
      f.notes.push_back({on->file, on->range,
                         "the switch is set here, but server-side stapling came with JDK 9 and 8u261; "
                         "upgrade the JDK"});
    }
    if (c.implementation == TlsImplementation::openssl_if_native) {
      f.notes.push_back({c.implementation_source->file(), c.implementation_source->name_range(),
                         "if Tomcat loads its native library, this connector uses OpenSSL, which "
                         "does not staple at all (SL1014)"});
    }
    if (!on && !ctx.jvm.lost_switches.empty()) {
      const JvmModel::LostSwitch& lost = ctx.jvm.lost_switches.back();
      const std::string& later = ctx.sources.file(lost.overwritten_by->file()).path();
      f.notes.push_back({lost.written->file(), lost.written->name_range(),
                         "the switch is set here, in '" + lost.variable + "', but '" +
                             path::join(path::basename(path::dirname(later)), path::basename(later)) + "' sets '" +
                             lost.variable + "' again afterwards, without it"});
      f.notes.push_back({lost.overwritten_by->file(), lost.overwritten_by->name_range(),
                         "'" + lost.variable + "' is set afresh here"});
    }
    if (misplaced) {
      // Its own finding (SL1101, SL1102 or SL1104) says how to fix it there.
      f.notes.push_back(
          {misplaced->file(), misplaced->name_range(), "the switch is written here, where the JVM never reads it"});
      continue;
    }
    // The fix: the switch in CATALINA_OPTS at the end of bin/setenv.sh (or
    // JAVA_OPTS in Debian's /etc/default/tomcatN when there is no setenv.sh).
    if (on) continue;
    if (auto add = append_jvm_option(ctx, std::string(kStaplingSwitch), "true")) {
      f.fixes.push_back({add->description, {add->edit}});
    }
  }
}

}  // namespace staplint::checks::tomcat
