// SL1011: stapling directives in a server that does not listen with TLS.
#include "rules/apache/SL1011_stapling_without_tls.hpp"
#include "checks/apache/directives.hpp"
#include "checks/common/edits.hpp"

namespace staplint::checks::apache {

void SL1011_stapling_without_tls::check(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  for (const ApacheHost& h : m.hosts) {
    if (!h.node || m.tls(h)) continue;
    for (const ApacheDirective* d : h.own) {
      const std::string_view name = d->node->name();
      const bool stapling =
          iequals(name, "SSLUseStapling") ? d->is_on() : name.size() > 11 && iequals(name.substr(0, 11), "SSLStapling");
      if (!stapling) continue;
      Finding& f =
          r.report(d->node->file(), d->node->name_range(), Fields{.directive = name, .server = h.display_name});
      note_conditions(f, {d});
    }
  }
}

}  // namespace staplint::checks::apache
