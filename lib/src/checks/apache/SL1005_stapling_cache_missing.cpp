// SL1005: stapling is on but no server-level SSLStaplingCache exists, so httpd will not start.
#include "rules/apache/SL1005_stapling_cache_missing.hpp"
#include "checks/apache/directives.hpp"
#include "checks/apache/stapling.hpp"
#include "checks/common/edits.hpp"

namespace staplint::checks::apache {

void SL1005_stapling_cache_missing::check(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  if (!m.at_server("SSLStaplingCache").empty()) return;
  // A cache inside <VirtualHost> stops httpd earlier, at parse time: SL1006
  // reports it, and its fix moves it to where it serves.
  if (any_vhost_cache(m)) return;
  const auto hosts = stapling_hosts(m);
  if (hosts.empty()) return;
  const ApacheDirective* first = hosts.front().second;
  Finding& f =
      r.report(first->node->file(), first->node->name_range(), Fields{.server = hosts.front().first->display_name});
  note_conditions(f, {first});
  for (std::size_t i = 1; i < hosts.size() && i < 4; ++i) {
    if (hosts[i].second == first) continue;
    f.notes.push_back({hosts[i].second->node->file(), hosts[i].second->node->name_range(),
                       "stapling is also on for '" + hosts[i].first->display_name + "'"});
  }
  if (auto e = cache_edit(ctx, first)) {
    f.fixes.push_back({"add a server-level 'SSLStaplingCache'", {*e}});
  }
}

}  // namespace staplint::checks::apache
