// SL4005: a certificate, CRL or OCSP file the configuration names cannot be read.
#include <set>

#include "checks/tomcat/certificate_facts.hpp"
#include "rules/tomcat/SL4005_certificate_unreadable.hpp"
#include "staplint/text.hpp"

namespace staplint::checks::tomcat {

void SL4005_certificate_unreadable::check(const CheckContext& ctx, Reporter& r) {
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
        r.report(a->file(), a->name_range(), Fields{.path = named->path, .reason = why});
      }
      // Keystores: present but not a keystore, or locked by another password.
      for (const auto& [file_attr, pass_attr, legacy_pass] :
           {std::tuple{"certificateKeystoreFile", "certificateKeystorePassword", "keystorePass"},
            std::tuple{"keystoreFile", "keystorePass", ""},
            std::tuple{"truststoreFile", "truststorePassword", "truststorePass"}}) {
        const Node* a = xml_attribute(*e, file_attr);
        const auto v = a ? ctx.tomcat.value(*a) : std::nullopt;
        const auto named = v && !v->empty() ? ctx.certificates->resolve_value(*v) : nullptr;
        const auto pw = value_of(ctx.tomcat, attribute_node(*e, pass_attr, legacy_pass));
        if (!named || !pw || reported.count(named->path)) continue;
        const bool truststore = std::string_view(file_attr) == "truststoreFile";
        const CertificateFile& ks =
            ctx.certificates->keystore(*named, pw->empty() && !truststore ? "changeit" : *pw, "");
        std::string why;
        if (ks.status == CertificateFile::Status::missing)
          why = ctx.certificates->expects_files() ? "it does not exist" : "";
        else if (ks.wrong_password) {
          why = legacy_algorithms_available()
                    ? "its password does not open its certificates"
                    : "its password does not open its certificates (or they are encrypted with RC2, which "
                      "needs OpenSSL's legacy provider, not installed here)";
        } else if (ks.status == CertificateFile::Status::unreadable)
          why = "it cannot be read";
        else if (ks.status == CertificateFile::Status::not_pem)
          why = "it is not a JKS, PKCS#12 or PEM keystore";
        if (why.empty()) continue;
        reported.insert(named->path);
        r.report(a->file(), a->name_range(), Fields{.path = named->path, .reason = why});
      }
    }
  }
}

}  // namespace staplint::checks::tomcat
