// Tomcat, facts from the certificates and keystores a server.xml names:
// SL4001 certificate-no-ocsp-url, SL4002 certificate-no-revocation-info,
// SL4003 stapling-issuer-missing (JSSE staples nothing for a chain of one),
// SL4004 must-staple-without-stapling, SL4005 certificate-unreadable,
// SL4006 crl-expired, SL4008 crl-chain-incomplete (OpenSSL connectors).
#include "tomcat_certificates.hpp"

#include <set>

#include "checks.hpp"
#include "staplint/text.hpp"
#include "staplint/verdict.hpp"

namespace staplint::checks {

std::vector<const Node*> tomcat_host_configs(const Node& connector) {
  std::vector<const Node*> out;
  for (const Node& c : connector.children()) {
    if (c.kind == NodeKind::block && c.name() == "SSLHostConfig") out.push_back(&c);
  }
  if (out.empty()) out.push_back(&connector);
  return out;
}

bool tomcat_verifies_clients(std::string_view v) {
  return iequals(v, "required") || iequals(v, "require") || iequals(v, "optional") || iequals(v, "true") ||
         iequals(v, "yes") || iequals(v, "want");
}

namespace {

/// The elements that carry certificate attributes: each <Certificate> of a
/// host, else the host itself (its implicit default certificate).
std::vector<const Node*> certificate_elements(const Node& host) {
  std::vector<const Node*> out;
  for (const Node& c : host.children()) {
    if (c.kind == NodeKind::block && c.name() == "Certificate") out.push_back(&c);
  }
  if (out.empty()) out.push_back(&host);
  return out;
}

/// An attribute, or on a legacy <Connector> its old name.
const Node* attribute_node(const Node& element, std::string_view name, std::string_view legacy) {
  if (const Node* a = xml_attribute(element, name)) return a;
  return element.name() == "Connector" && !legacy.empty() ? xml_attribute(element, legacy) : nullptr;
}

std::optional<std::string> value_of(const TomcatModel& tomcat, const Node* attribute) {
  if (!attribute) return std::string();
  return tomcat.value(*attribute);
}

bool jvm_option_is(const JvmModel& jvm, std::string_view name, std::string_view value) {
  const JvmOption* last = nullptr;
  for (const JvmOption& o : jvm.options) {
    if (o.name == name) last = &o;
  }
  return last && last->certain && (value.empty() ? !last->value.empty() : iequals(last->value, value));
}

/// One certificate element's served chain, as JSSE builds it: the keystore's
/// key entry chain, or certificateFile followed by certificateChainFile.
ServedCertificate serve_tomcat(const CertificateLookup& certs, const TomcatModel& tomcat, const Node& element) {
  ServedCertificate c;
  const Node* file = attribute_node(element, "certificateFile", "SSLCertificateFile");
  const Node* keystore = attribute_node(element, "certificateKeystoreFile", "keystoreFile");
  c.directive = file ? file : keystore;
  if (!c.directive) return c;
  const auto value = value_of(tomcat, c.directive);
  if (!value || value->empty()) return c;
  const auto named = certs.resolve_value(*value);
  if (!named) return c;
  c.path = named->path;
  if (file) {
    c.file = usable(named->file);
    if (!c.file || c.file->certificates.empty()) {
      c.file = nullptr;
      return c;
    }
    std::vector<const CertificateFile*> stores;
    bool chain_read = true;
    if (const Node* chain = attribute_node(element, "certificateChainFile", "SSLCertificateChainFile")) {
      const auto v = value_of(tomcat, chain);
      const auto n = v && !v->empty() ? certs.resolve_value(*v) : nullptr;
      if (n && usable(n->file)) stores.push_back(n->file);
      else chain_read = false;
    }
    c.leaf = &c.file->certificates.front();
    c.issuer = certs.issuer_of(*c.file, stores);
    c.issuer_known = c.issuer || chain_read;
    return c;
  }
  const auto password = value_of(tomcat, attribute_node(element, "certificateKeystorePassword", "keystorePass"));
  const auto alias = value_of(tomcat, attribute_node(element, "certificateKeyAlias", "keyAlias"));
  if (!password || !alias) return c;  // a ${property} staplint cannot resolve
  const CertificateFile& ks = certs.keystore(*named, password->empty() ? "changeit" : *password, *alias);
  if (ks.status != CertificateFile::Status::ok || ks.chain_length == 0) return c;
  c.file = &ks;
  c.leaf = &ks.certificates.front();
  // JSSE's StatusResponseManager takes chain[1] as the issuer: none for a
  // chain of one.
  c.issuer = ks.chain_length >= 2 ? &ks.certificates[1] : nullptr;
  c.issuer_known = true;
  return c;
}

}  // namespace

namespace {
TomcatStaplingFacts compute_tomcat_stapling_facts(const CertificateLookup* certs, const TomcatModel& tomcat,
                                          const JvmModel& jvm, const TomcatConnector& c) {
  TomcatStaplingFacts out;
  // responderURI serves certificates without an OCSP URL by itself;
  // responderOverride makes it win over the certificate's own.
  out.responder_override = jvm_option_is(jvm, "jdk.tls.stapling.responderURI", "");
  if (!certs) return out;
  for (const Node* host : tomcat_host_configs(*c.node)) {
    for (const Node* element : certificate_elements(*host)) {
      ServedCertificate s = serve_tomcat(*certs, tomcat, *element);
      if (s.directive) out.served.push_back(std::move(s));
    }
  }
  return out;
}
}  // namespace

std::shared_ptr<const TomcatStaplingFacts> tomcat_stapling_facts(const CertificateLookup* certs, const TomcatModel& tomcat,
                                          const JvmModel& jvm, const TomcatConnector& c) {
  if (!certs) return std::make_shared<const TomcatStaplingFacts>(compute_tomcat_stapling_facts(certs, tomcat, jvm, c));
  std::shared_ptr<const void>& slot = certs->derived[&c];
  if (!slot) slot = std::make_shared<const TomcatStaplingFacts>(compute_tomcat_stapling_facts(certs, tomcat, jvm, c));
  return std::static_pointer_cast<const TomcatStaplingFacts>(slot);
}

namespace {
bool jsse_staples(const CheckContext& ctx, const TomcatConnector& c) {
  return tomcat_stapling_verdict(c, ctx.jvm, ctx.jvm_properties, ctx.options) == Stapling::on;
}
}  // namespace

void tomcat_certificate_no_ocsp_url(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    if (c.implementation == TlsImplementation::openssl) continue;  // SL1014: no stapling at all
    const auto facts_owner = tomcat_stapling_facts(ctx.certificates, ctx.tomcat, ctx.jvm, c);
    const TomcatStaplingFacts& facts = *facts_owner;
    if (facts.responder_override) continue;
    const bool stapling = jsse_staples(ctx, c);
    for (const ServedCertificate& s : facts.served) {
      if (!s.no_ocsp_url() || !reported.insert(s.directive).second) continue;
      Finding& f = r.report(s.directive->file(), s.directive->name_range(),
                            {{"certificate", std::string(s.path)},
                             {"effect", stapling ? "JSSE staples nothing for it ('no OCSP responses obtained')"
                                                 : "it cannot be stapled, and enabling stapling would do nothing"}});
      note_no_ocsp_url(f, s, s.directive->name_range(), false);
    }
  }
}

void tomcat_certificate_no_revocation_info(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    const auto facts_owner = tomcat_stapling_facts(ctx.certificates, ctx.tomcat, ctx.jvm, c);
    for (const ServedCertificate& s : facts_owner->served) {
      if (!s.leaf || !s.leaf->ocsp_urls.empty() || !s.leaf->crl_urls.empty()) continue;
      if (s.leaf->not_after - s.leaf->not_before <= 7 * 86400 || !reported.insert(s.directive).second) continue;
      r.report(s.directive->file(), s.directive->name_range(),
               {{"certificate", std::string(s.path)}, {"days", std::to_string((s.leaf->not_after - s.leaf->not_before) / 86400)}});
    }
  }
}

void tomcat_stapling_issuer_missing(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<const Node*> reported;
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    if (!jsse_staples(ctx, c)) continue;
    const auto facts_owner = tomcat_stapling_facts(ctx.certificates, ctx.tomcat, ctx.jvm, c);
    for (const ServedCertificate& s : facts_owner->served) {
      if (!s.leaf || s.issuer || !s.issuer_known || !reported.insert(s.directive).second) continue;
      Finding& f = r.report(s.directive->file(), s.directive->name_range(),
                            {{"certificate", std::string(s.path)}, {"issuer", s.leaf->issuer}});
      f.notes.push_back({s.directive->file(), s.directive->name_range(),
                         "JSSE staples only for a chain of two or more: import the certificate with its "
                         "chain into the keystore, or name the chain in 'certificateChainFile'"});
    }
  }
}

void tomcat_must_staple_without_stapling(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    const Stapling verdict =
        tomcat_stapling_verdict(c, ctx.jvm, ctx.jvm_properties, ctx.options, &ctx.tomcat, ctx.certificates);
    if (verdict != Stapling::off && verdict != Stapling::ineffective) continue;
    const auto facts_owner = tomcat_stapling_facts(ctx.certificates, ctx.tomcat, ctx.jvm, c);
    const TomcatStaplingFacts& facts = *facts_owner;
    for (const ServedCertificate& s : facts.served) {
      if (!s.leaf || !s.leaf->must_staple) continue;
      const char* why = verdict == Stapling::off ? "stapling is off" : "Tomcat cannot staple it";
      if (verdict == Stapling::ineffective && jsse_staples(ctx, c)) {
        why = staple_block(s, facts.responder_override) == StapleBlock::no_issuer ? "its chain has no issuer (SL4003)"
                                                                                 : "it has no OCSP responder URL (SL4001)";
      }
      r.report(s.directive->file(), s.directive->name_range(),
               {{"certificate", std::string(s.path)}, {"server", c.display_name}, {"reason", why}});
    }
  }
}

namespace {
/// A host's CRL file and the CA files its client certificates are checked
/// with (truststoreFile, caCertificateFile), when it verifies clients.
struct TomcatCrl {
  const Node* crl = nullptr;
  const NamedFile* crl_file = nullptr;
  std::vector<const CertificateFile*> cas;
  bool openssl = false;
};

std::vector<TomcatCrl> tomcat_crls(const CheckContext& ctx) {
  std::vector<TomcatCrl> out;
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    for (const Node* host : tomcat_host_configs(*c.node)) {
      const Node* verification = attribute_node(*host, "certificateVerification", "clientAuth");
      const auto v = value_of(ctx.tomcat, verification);
      if (!v || !tomcat_verifies_clients(*v)) continue;
      const Node* crl = attribute_node(*host, "certificateRevocationListFile", "crlFile");
      const auto crl_value = value_of(ctx.tomcat, crl);
      if (!crl || !crl_value || crl_value->empty()) continue;
      TomcatCrl t{crl, ctx.certificates->resolve_value(*crl_value), {},
                  c.implementation == TlsImplementation::openssl};
      if (const auto ts = value_of(ctx.tomcat, attribute_node(*host, "truststoreFile", "truststoreFile"));
          ts && !ts->empty()) {
        const auto pw = value_of(ctx.tomcat, attribute_node(*host, "truststorePassword", "truststorePass"));
        if (const auto named = ctx.certificates->resolve_value(*ts); named && pw) {
          const CertificateFile& f = ctx.certificates->keystore(*named, *pw, "");
          if (f.status == CertificateFile::Status::ok) t.cas.push_back(&f);
        }
      }
      if (const auto ca = value_of(ctx.tomcat, attribute_node(*host, "caCertificateFile", "SSLCACertificateFile"));
          ca && !ca->empty()) {
        if (const auto named = ctx.certificates->resolve_value(*ca); named && usable(named->file)) {
          t.cas.push_back(named->file);
        }
      }
      out.push_back(std::move(t));
    }
  }
  return out;
}
}  // namespace

void tomcat_crl_expired(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const TomcatCrl& t : tomcat_crls(ctx)) {
    if (!t.crl_file) continue;
    report_crl_file_dates(*ctx.certificates, ctx.options, r, *t.crl_file, t.crl->file(), t.crl->name_range(),
                          "Tomcat rejects every client certificate it covers",
                          "after that Tomcat rejects every client certificate it covers");
  }
}

void tomcat_crl_chain_incomplete(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  for (const TomcatCrl& t : tomcat_crls(ctx)) {
    // OpenSSL connectors check CRLs for the whole chain; JSSE's PKIX needs
    // them for the certificates below its trust anchor, which depends on the
    // path it builds: no claim.
    if (!t.openssl || !t.crl_file) continue;
    report_crl_file_gaps(*ctx.certificates, ctx.options, r, *t.crl_file, t.cas, t.crl->file(), t.crl->name_range());
  }
}

void tomcat_certificate_unreadable(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  std::set<std::string> reported;
  static constexpr std::pair<std::string_view, FileKind> kNames[] = {
      {"certificateFile", FileKind::certificate},       {"SSLCertificateFile", FileKind::certificate},
      {"certificateChainFile", FileKind::bundle},       {"SSLCertificateChainFile", FileKind::bundle},
      {"caCertificateFile", FileKind::bundle},          {"SSLCACertificateFile", FileKind::bundle},
      {"certificateRevocationListFile", FileKind::crl}, {"crlFile", FileKind::crl},
  };
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    std::vector<const Node*> elements{c.node};
    for (const Node* host : tomcat_host_configs(*c.node)) {
      if (host != c.node) elements.push_back(host);
      for (const Node* e : certificate_elements(*host)) {
        if (e != host) elements.push_back(e);
      }
    }
    for (const Node* e : elements) {
      for (const auto& [name, kind] : kNames) {
        const Node* a = xml_attribute(*e, name);
        const auto v = a ? ctx.tomcat.value(*a) : std::nullopt;
        const auto named = v && !v->empty() ? ctx.certificates->resolve_value(*v) : nullptr;
        if (!named || reported.count(named->path)) continue;
        const std::string why = file_unusable_reason(*named, kind, ctx.certificates->expects_files());
        if (why.empty()) continue;
        reported.insert(named->path);
        r.report(a->file(), a->name_range(), {{"path", named->path}, {"reason", why}});
      }
      // Keystores: present but not a keystore, or locked by another password.
      for (const auto& [file_attr, pass_attr, legacy_pass] :
           {std::tuple{"certificateKeystoreFile", "certificateKeystorePassword", "keystorePass"},
            std::tuple{"keystoreFile", "keystorePass", ""}, std::tuple{"truststoreFile", "truststorePassword", "truststorePass"}}) {
        const Node* a = xml_attribute(*e, file_attr);
        const auto v = a ? ctx.tomcat.value(*a) : std::nullopt;
        const auto named = v && !v->empty() ? ctx.certificates->resolve_value(*v) : nullptr;
        const auto pw = value_of(ctx.tomcat, attribute_node(*e, pass_attr, legacy_pass));
        if (!named || !pw || reported.count(named->path)) continue;
        const bool truststore = std::string_view(file_attr) == "truststoreFile";
        const CertificateFile& ks =
            ctx.certificates->keystore(*named, pw->empty() && !truststore ? "changeit" : *pw, "");
        std::string why;
        if (ks.status == CertificateFile::Status::missing) why = ctx.certificates->expects_files() ? "it does not exist" : "";
        else if (ks.wrong_password) {
          why = legacy_algorithms_available()
                    ? "its password does not open its certificates"
                    : "its password does not open its certificates (or they are encrypted with RC2, which "
                      "needs OpenSSL's legacy provider, not installed here)";
        }
        else if (ks.status == CertificateFile::Status::unreadable) why = "it cannot be read";
        else if (ks.status == CertificateFile::Status::not_pem) why = "it is not a JKS, PKCS#12 or PEM keystore";
        if (why.empty()) continue;
        reported.insert(named->path);
        r.report(a->file(), a->name_range(), {{"path", named->path}, {"reason", why}});
      }
    }
  }
}

}  // namespace staplint::checks
