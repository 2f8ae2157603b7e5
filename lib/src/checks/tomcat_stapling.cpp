// Tomcat: SL1001 stapling-disabled for JSSE connectors, SL1014
// stapling-unsupported-implementation for OpenSSL ones. A JSSE connector
// staples only when its JVM starts with
// -Djdk.tls.server.enableStatusRequestExtension=true (revocation-facts.md 3.1,
// 3.4); Tomcat's OpenSSL implementations never staple.
#include <algorithm>

#include "checks.hpp"
#include "jvm_helpers.hpp"
#include "tomcat_certificates.hpp"
#include "staplint/file_system.hpp"
#include "staplint/text.hpp"

namespace staplint::checks {

namespace {

/// The -D option that turns server stapling on, if one reaches the JVM.
const JvmOption* stapling_switch(const JvmModel& jvm) {
  const JvmOption* last = last_stapling_switch(jvm);
  return last && iequals(last->value, "true") ? last : nullptr;
}

std::string describe(const Node& source) {
  if (source.kind == NodeKind::attribute) {
    return "'" + std::string(source.name()) + "=\"" + std::string(source.args()[0].value) + "\"'";
  }
  const Node* cls = xml_attribute(source, "className");
  return cls ? "'" + std::string(cls->args()[0].value) + "'" : "'<Listener>'";
}

}  // namespace

namespace {
/// Every certificate of the connector was read and none names an OCSP
/// responder, nor does JSSE's responder override: stapling could do nothing.
bool no_certificate_has_ocsp_url(const CheckContext& ctx, const TomcatConnector& c) {
  if (!ctx.certificates) return false;
  const auto facts_owner = tomcat_stapling_facts(ctx.certificates, ctx.tomcat, ctx.jvm, c);
  const TomcatStaplingFacts& facts = *facts_owner;
  if (facts.served.empty() || facts.responder_override) return false;
  return std::all_of(facts.served.begin(), facts.served.end(),
                     [](const ServedCertificate& s) { return s.no_ocsp_url(); });
}
}  // namespace

void tomcat_stapling_disabled(const CheckContext& ctx, Reporter& r) {
  const JvmOption* on = stapling_switch(ctx.jvm);
  const Node* misplaced = misplaced_stapling_switch(ctx.jvm, ctx.jvm_properties);
  const bool jdk_staples = ctx.options.jdk_staples();
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    if (c.implementation == TlsImplementation::openssl) continue;  // SL1014
    if (on && on->certain && jdk_staples) continue;
    if (no_certificate_has_ocsp_url(ctx, c)) continue;  // SL4001: enabling would do nothing
    const std::string reason =
        on && !jdk_staples
            ? "JDK " + jdk_version_string(*ctx.options.jdk_version) + " has no server-side OCSP stapling"
            : "its JVM does not get '-D" + std::string(kStaplingSwitch) + "=true'";
    Finding& f = r.report(c.node->file(), c.node->name_range(), {{"server", c.display_name}, {"reason", reason}});
    if (c.unresolved) {
      f.conditional = true;
      f.notes.push_back({c.unresolved->file(), c.unresolved->range,
                         "'" + std::string(c.unresolved->name()) +
                             "' uses a ${property} that staplint cannot resolve; this finding holds if the "
                             "connector speaks TLS through JSSE"});
    }
    if (on && !on->certain) {
      f.conditional = true;
      f.notes.push_back({on->file, on->range, "the switch is set only on some runs (inside an 'if', "
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
                             path::join(path::basename(path::dirname(later)), path::basename(later)) +
                             "' sets '" + lost.variable +
                             "' again afterwards, without it"});
      f.notes.push_back({lost.overwritten_by->file(), lost.overwritten_by->name_range(),
                         "'" + lost.variable + "' is set afresh here"});
    }
    if (misplaced) {
      // Its own finding (SL1101, SL1102 or SL1104) says how to fix it there.
      f.notes.push_back({misplaced->file(), misplaced->name_range(),
                         "the switch is written here, where the JVM never reads it"});
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

void tomcat_stapling_unsupported_implementation(const CheckContext& ctx, Reporter& r) {
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    if (c.implementation == TlsImplementation::jsse) continue;
    const Node& at = *c.implementation_source;
    Finding& f = r.report(at.file(), at.name_range(), {{"server", c.display_name}, {"source", describe(at)}});
    if (c.implementation == TlsImplementation::openssl_if_native) {
      f.conditional = true;
      f.notes.push_back({c.node->file(), c.node->name_range(),
                         "only if Tomcat loads its native library at start (tcnative or FFM); "
                         "otherwise this connector uses JSSE"});
    }
  }
}

}  // namespace staplint::checks

// ---- client certificates (SL2001, SL2004)

namespace staplint::checks {

namespace {

/// An attribute's value with ${property} replaced; nullopt when unknown.
std::optional<std::string> attr(const CheckContext& ctx, const Node& element, std::string_view name) {
  return ctx.tomcat.attribute(element, name);
}

/// An SSLHostConfig attribute, or on a legacy connector its old name.
std::optional<std::string> host_attr(const CheckContext& ctx, const Node& host, std::string_view name,
                                     std::string_view legacy) {
  if (host.name() == "Connector" && !xml_attribute(host, name)) return attr(ctx, host, legacy);
  return attr(ctx, host, name);
}

/// certificateVerification (legacy clientAuth) asks for client certificates
/// and checks them against trusted CAs; nullopt when a placeholder hides it.
std::optional<bool> verifies_clients(const CheckContext& ctx, const Node& host) {
  const auto v = host_attr(ctx, host, "certificateVerification", "clientAuth");
  if (!v) return std::nullopt;
  return tomcat_verifies_clients(*v);
}

/// The attribute a finding about client verification points at.
const Node* verification_attribute(const Node& host) {
  if (const Node* a = xml_attribute(host, "certificateVerification")) return a;
  return host.name() == "Connector" ? xml_attribute(host, "clientAuth") : nullptr;
}

}  // namespace

void tomcat_client_cert_no_revocation(const CheckContext& ctx, Reporter& r) {
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    for (const Node* host : tomcat_host_configs(*c.node)) {
      if (verifies_clients(ctx, *host) != true) continue;
      // A CRL file enables revocation checks by itself; revocationEnabled
      // (JSSE) uses the JVM's PKIX checking; ocspEnabled checks with OCSP.
      // A value staplint cannot resolve may turn any of them on.
      const auto crl_file = host_attr(ctx, *host, "certificateRevocationListFile", "crlFile");
      const auto crl_path = attr(ctx, *host, "certificateRevocationListPath");
      const auto enabled = attr(ctx, *host, "revocationEnabled");
      const auto ocsp = attr(ctx, *host, "ocspEnabled");
      if (!crl_file || !crl_path || !enabled || !ocsp) continue;
      const std::optional<Version> ocsp_since = ctx.options.tomcat_client_ocsp_since();
      const bool ocsp_on = iequals(*ocsp, "true");
      const bool revocation = !crl_file->empty() || !crl_path->empty() || iequals(*enabled, "true") ||
                              (ocsp_on && !ocsp_since);
      if (revocation) continue;
      const Node* at = verification_attribute(*host);
      const auto name = host->name() == "SSLHostConfig" ? attr(ctx, *host, "hostName") : std::nullopt;
      const std::string server = name && !name->empty() ? c.display_name + " (" + *name + ")" : c.display_name;
      Finding& f = r.report(host->file(), at ? at->name_range() : host->name_range(), {{"server", server}});
      if (ocsp_on) {
        const Node* o = xml_attribute(*host, "ocspEnabled");
        f.notes.push_back({o->file(), o->name_range(),
                           "'ocspEnabled' does nothing before Tomcat " + to_string(*ocsp_since) + " (checking for " +
                               to_string(*ctx.options.tomcat_version) + ")"});
      }
    }
  }
}

void tomcat_ocsp_without_client_verify(const CheckContext& ctx, Reporter& r) {
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    for (const Node* host : tomcat_host_configs(*c.node)) {
      const Node* ocsp = xml_attribute(*host, "ocspEnabled");
      const auto on = ocsp ? ctx.tomcat.value(*ocsp) : std::nullopt;
      if (!on || !iequals(*on, "true") || verifies_clients(ctx, *host) != false) continue;
      if (ctx.options.tomcat_client_ocsp_since()) continue;  // SL1015: this Tomcat ignores it
      r.report(ocsp->file(), ocsp->name_range(), {{"server", c.display_name}});
    }
  }
}

void tomcat_stapling_unsupported_context(const CheckContext& ctx, Reporter& r) {
  const std::optional<Version> since = ctx.options.tomcat_client_ocsp_since();
  if (!since) return;
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    for (const Node* host : tomcat_host_configs(*c.node)) {
      for (std::string_view name : {"ocspEnabled", "ocspSoftFail", "ocspVerify"}) {
        const Node* a = xml_attribute(*host, name);
        if (!a) continue;
        Finding& f = r.report(a->file(), a->name_range(),
                              {{"detail", "'" + std::string(name) + "' is not available before Tomcat " +
                                              to_string(*since) + " (checking for " +
                                              to_string(*ctx.options.tomcat_version) +
                                              "); Tomcat ignores it with a warning"}});
        f.severity = Severity::warning;
      }
    }
  }
}

}  // namespace staplint::checks
