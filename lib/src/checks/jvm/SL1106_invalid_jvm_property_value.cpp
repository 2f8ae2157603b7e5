// SL1106: a JDK system property with a value of the wrong type.
#include <algorithm>
#include <cctype>

#include "checks/jvm/options.hpp"
#include "rules/jvm/SL1106_invalid_jvm_property_value.hpp"
#include "staplint/jvm_properties.hpp"
#include "staplint/text.hpp"

namespace staplint::checks::jvm {

namespace {

bool is_integer(std::string_view v) {
  if (!v.empty() && (v[0] == '-' || v[0] == '+')) v.remove_prefix(1);
  return !v.empty() &&
         std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

void SL1106_invalid_jvm_property_value::check(const CheckContext& ctx, Reporter& r) {
  const JvmPropertyCatalog& catalog = ctx.jvm_properties;
  for (const JvmOption& o : ctx.jvm.options) {
    const JvmProperty* p = catalog.find(o.name);
    if (!p || p->security) continue;
    std::string detail;
    if (p->type == JvmProperty::Type::boolean && !(iequals(o.value, "true") || iequals(o.value, "false"))) {
      detail = "'" + o.name + "' must be 'true' or 'false', not '" + o.value + "'";
      if (o.name == "jdk.tls.server.enableStatusRequestExtension" ||
          o.name == "jdk.tls.client.enableStatusRequestExtension") {
        detail += "; JSSE throws when it creates the TLS context";
      }
    } else if (p->type == JvmProperty::Type::integer && !is_integer(o.value)) {
      detail = "'" + o.name + "' takes a number, not '" + o.value + "'";
    }
    if (detail.empty()) continue;
    Finding& f = r.report(o.file, o.range, Fields{.detail = detail});
    mark_uncertain(f, o);
  }
}

}  // namespace staplint::checks::jvm
