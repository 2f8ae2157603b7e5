// SL1006: SSLStaplingCache inside <VirtualHost>, which httpd refuses.
#include "rules/apache/SL1006_stapling_cache_in_vhost.hpp"
#include "checks/apache/directives.hpp"
#include "checks/apache/stapling.hpp"
#include "checks/common/edits.hpp"

namespace staplint::checks::apache {

void SL1006_stapling_cache_in_vhost::check(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  bool moved = !m.at_server("SSLStaplingCache").empty();
  for (const ApacheDirective& d : m.directives) {
    if (!d.vhost || !iequals(d.node->name(), "SSLStaplingCache")) continue;
    Finding& f = r.report(d.node->file(), d.node->name_range(), Fields{});
    note_conditions(f, {&d});
    Fix fix;
    fix.edits.push_back(delete_statement(ctx.sources, *d.node));
    if (!moved && d.node->file() == d.vhost->file()) {
      const SourceFile& src = ctx.sources.file(d.node->file());
      const std::string text = src.text().substr(d.node->range.begin, d.node->range.end - d.node->range.begin);
      fix.edits.insert(fix.edits.begin(), insert_before(ctx.sources, *d.vhost, {text}));
      fix.description = "move it above the '<VirtualHost>', to server level";
      moved = true;
    } else {
      fix.description = "remove it (a server-level 'SSLStaplingCache' is configured)";
      if (!moved) continue;
    }
    f.fixes.push_back(std::move(fix));
  }
}

}  // namespace staplint::checks::apache
