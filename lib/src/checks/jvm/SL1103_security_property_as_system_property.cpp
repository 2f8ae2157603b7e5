// SL1103: a security property passed as a -D system property (or set in catalina.properties), which the JDK ignores.
#include "rules/jvm/SL1103_security_property_as_system_property.hpp"
#include "checks/jvm/option_edit.hpp"
#include "checks/jvm/options.hpp"
#include "staplint/jvm_properties.hpp"
#include "staplint/text.hpp"

namespace staplint::checks::jvm {

void SL1103_security_property_as_system_property::check(const CheckContext& ctx, Reporter& r) {
  const JvmPropertyCatalog& catalog = ctx.jvm_properties;
  for (const JvmOption& o : ctx.jvm.options) {
    const JvmProperty* p = catalog.find(o.name);
    if (!p || !p->security) continue;
    const std::string setting = o.variable == kCatalinaProperties
                                    ? "'" + o.name + "' in '" + std::string(kCatalinaProperties) + "'"
                                    : "'-D" + o.name + "'";
    mark_uncertain(r.report(o.file, option_range(o), Fields{.property = o.name, .setting = setting}), o);
  }
}

}  // namespace staplint::checks::jvm
