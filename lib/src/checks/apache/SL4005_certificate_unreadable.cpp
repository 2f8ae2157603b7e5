// SL4005: a certificate, CRL or OCSP file the configuration names cannot be read.
#include <cctype>
#include <map>
#include <set>

#include "checks/apache/certificate_facts.hpp"
#include "checks/apache/directives.hpp"
#include "rules/apache/SL4005_certificate_unreadable.hpp"

namespace staplint::checks::apache {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

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
    const auto kind = names.find(lower(d.node->name()));
    if (kind == names.end()) continue;
    const std::string* path = nullptr;
    const std::string why = unusable_reason(*ctx.certificates, *d.node, kind->second, &path);
    if (why.empty() || !reported.insert(*path).second) continue;
    Finding& f = r.report(d.node->file(), d.node->range, Fields{.path = *path, .reason = why});
    note_conditions(f, {&d});
  }
}

}  // namespace staplint::checks::apache
