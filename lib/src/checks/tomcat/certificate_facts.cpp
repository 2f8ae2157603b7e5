// Tomcat: the facts of each TLS connector's certificates and keystores,
// computed once per connector, and the CRL files client certificates are
// checked against.
#include "checks/tomcat/certificate_facts.hpp"

#include <set>

#include "staplint/text.hpp"

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

namespace {

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
      if (n && usable(n->file))
        stores.push_back(n->file);
      else
        chain_read = false;
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

std::shared_ptr<const TomcatStaplingFacts> tomcat_stapling_facts(const CertificateLookup* certs,
                                                                 const TomcatModel& tomcat, const JvmModel& jvm,
                                                                 const TomcatConnector& c) {
  if (!certs) return std::make_shared<const TomcatStaplingFacts>(compute_tomcat_stapling_facts(certs, tomcat, jvm, c));
  const std::lock_guard lock(derived_facts_mutex());
  std::shared_ptr<const void>& slot = certs->derived[&c];
  if (!slot) slot = std::make_shared<const TomcatStaplingFacts>(compute_tomcat_stapling_facts(certs, tomcat, jvm, c));
  return std::static_pointer_cast<const TomcatStaplingFacts>(slot);
}

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
      TomcatCrl t{crl, ctx.certificates->resolve_value(*crl_value), {}, c.implementation == TlsImplementation::openssl};
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

}  // namespace staplint::checks
