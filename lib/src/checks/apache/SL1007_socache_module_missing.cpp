// SL1007: SSLStaplingCache names a cache provider whose mod_socache module is not loaded.
#include <cctype>

#include "checks/apache/directives.hpp"
#include "checks/common/edits.hpp"
#include "rules/apache/SL1007_socache_module_missing.hpp"

namespace staplint::checks::apache {

void SL1007_socache_module_missing::check(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  if (!m.modules_visible) return;  // a lone vhost file: the modules are elsewhere
  for (const ApacheDirective& d : m.directives) {
    if (!iequals(d.node->name(), "SSLStaplingCache") || d.node->args().empty() || !d.certain()) continue;
    std::string provider(d.value().substr(0, d.value().find(':')));
    for (char& c : provider) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (provider.empty() || provider == "none" || provider == "nonenotnull") continue;
    const std::string id = "socache_" + provider + "_module";
    if (m.loaded_modules.count(id)) continue;
    Finding& f = r.report(d.node->file(), d.node->args()[0].range,
                          Fields{.module = "mod_socache_" + provider, .provider = provider});
    // Load it next to mod_ssl, from the same directory.
    for (const ApacheDirective& l : m.directives) {
      if (!iequals(l.node->name(), "LoadModule") || l.node->args().size() != 2 ||
          !iequals(l.node->args()[0].value, "ssl_module") || !l.certain()) {
        continue;
      }
      const std::string_view path = l.node->args()[1].value;
      const std::string dir(path.substr(0, path.rfind('/') + 1));
      f.fixes.push_back(
          {"load 'mod_socache_" + provider + "' next to mod_ssl",
           {insert_after(ctx.sources, *l.node, {"LoadModule " + id + " " + dir + "mod_socache_" + provider + ".so"})}});
      break;
    }
  }
}

}  // namespace staplint::checks::apache
