// SL1013: OCSP responder errors are stapled to clients.
#include "rules/apache/SL1013_stapling_responder_errors_returned.hpp"
#include "checks/apache/directives.hpp"
#include "checks/apache/stapling.hpp"
#include "checks/common/edits.hpp"

namespace staplint::checks::apache {

void SL1013_stapling_responder_errors_returned::check(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  for (const auto& [h, use] : stapling_hosts(m)) {
    const ApacheEffective returned = m.effective(*h, "SSLStaplingReturnResponderErrors");
    if (returned && !returned.is_on()) continue;  // explicitly off
    const Node& at = returned ? *returned.node() : *use->node;
    Finding& f = r.report(at.file(), at.name_range(), Fields{});
    note_conditions(f, {use, returned.directive});
    std::vector<std::string> lines;
    Fix fix;
    fix.description = "stop stapling responder errors";
    if (returned)
      fix.edits.push_back(replace_first_arg(*returned.node(), "off"));
    else
      lines.push_back("SSLStaplingReturnResponderErrors off");
    // Observed with Debian's httpd: without this, an unreachable responder
    // still gets a 'tryLater' response stapled.
    const ApacheEffective fake = m.effective(*h, "SSLStaplingFakeTryLater");
    if (!fake)
      lines.push_back("SSLStaplingFakeTryLater off");
    else if (fake.is_on())
      fix.edits.push_back(replace_first_arg(*fake.node(), "off"));
    if (!lines.empty()) fix.edits.push_back(insert_after(ctx.sources, *use->node, lines));
    f.fixes.push_back(std::move(fix));
  }
}

}  // namespace staplint::checks::apache
