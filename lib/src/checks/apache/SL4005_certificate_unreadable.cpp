// SL4005: a certificate, CRL or OCSP file the configuration names cannot be read.
#include <map>
#include <set>

#include "checks/apache/certificate_facts.hpp"
#include "checks/apache/directives.hpp"
#include "rules/apache/SL4005_certificate_unreadable.hpp"
#include "staplint/text.hpp"

namespace staplint::checks::apache {

void SL4005_certificate_unreadable::check(const CheckContext& ctx, Reporter& r) {
  if (!ctx.certificates) return;
  static const std::map<std::string, FileKind, std::less<>> names = {
      {"sslcacertificatefile", FileKind::bundle},      {"sslcarevocationfile", FileKind::crl},
      {"sslcertificatechainfile", FileKind::bundle},   {"sslcertificatefile", FileKind::certificate},
      {"sslproxycacertificatefile", FileKind::bundle}, {"sslproxycarevocationfile", FileKind::crl},
      {"sslcacertificatepath", FileKind::bundle},      {"sslcarevocationpath", FileKind::crl},
      {"sslproxycacertificatepath", FileKind::bundle}, {"sslproxycarevocationpath", FileKind::crl},
  };
  std::set<std::string> reported;
  for (const ApacheDirective& d : ctx.apache.directives) {
    // Every name above starts with "SSL": most directives are not built a string.
    const std::string_view name = d.node->name();
    if (name.size() < 3 || !iequals(name.substr(0, 3), "ssl")) continue;
    const auto kind = names.find(ascii_lowered(name));
    if (kind == names.end()) continue;
    const std::string* path = nullptr;
    const std::string why = unusable_reason(*ctx.certificates, *d.node, kind->second, &path);
    if (why.empty() || !reported.insert(*path).second) continue;
    Finding& f = r.report(d.node->file(), d.node->range, Fields{.path = *path, .reason = why});
    note_conditions(f, {&d});
  }
}

}  // namespace staplint::checks::apache
