// SL1014: a Tomcat TLS connector uses OpenSSL, which never staples.
#include "rules/tomcat/SL1014_stapling_unsupported_implementation.hpp"
#include "checks/tomcat/certificate_facts.hpp"
#include "staplint/text.hpp"

namespace staplint::checks::tomcat {

namespace {

std::string describe(const Node& source) {
  if (source.kind == NodeKind::attribute) {
    return "'" + std::string(source.name()) + "=\"" + std::string(source.args()[0].value) + "\"'";
  }
  const Node* cls = xml_attribute(source, "className");
  return cls ? "'" + std::string(cls->args()[0].value) + "'" : "'<Listener>'";
}

}  // namespace

void SL1014_stapling_unsupported_implementation::check(const CheckContext& ctx, Reporter& r) {
  for (const TomcatConnector& c : ctx.tomcat.tls_connectors) {
    if (c.implementation == TlsImplementation::jsse) continue;
    const Node& at = *c.implementation_source;
    Finding& f = r.report(at.file(), at.name_range(), Fields{.server = c.display_name, .source = describe(at)});
    if (c.implementation == TlsImplementation::openssl_if_native) {
      f.conditional = true;
      f.notes.push_back({c.node->file(), c.node->name_range(),
                         "only if Tomcat loads its native library at start (tcnative or FFM); "
                         "otherwise this connector uses JSSE"});
    }
  }
}

}  // namespace staplint::checks::tomcat
