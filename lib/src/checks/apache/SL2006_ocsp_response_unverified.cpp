// SL2006: OCSP responses about client certificates are not verified.
#include "rules/apache/SL2006_ocsp_response_unverified.hpp"
#include "checks/apache/directives.hpp"
#include "checks/common/edits.hpp"

namespace staplint::checks::apache {

void SL2006_ocsp_response_unverified::check(const CheckContext& ctx, Reporter& r) {
  for (const ApacheDirective& d : ctx.apache.directives) {
    if (!iequals(d.node->name(), "SSLOCSPNoverify") || !d.is_on()) continue;
    Finding& f = r.report(d.node->file(), d.node->name_range(), Fields{});
    note_conditions(f, {&d});
    f.fixes.push_back({"verify OCSP responses again ('off', the default)", {replace_first_arg(*d.node, "off")}});
  }
}

}  // namespace staplint::checks::apache
