// SL1101: a JDK property name the JDK does not know, such as jdk.tls.ocsp.enable.
#include "rules/jvm/SL1101_unknown_jvm_property.hpp"
#include "checks/jvm/option_edit.hpp"
#include "checks/jvm/options.hpp"
#include "staplint/jvm_properties.hpp"
#include "staplint/text.hpp"

#include <unordered_map>

namespace staplint::checks::jvm {

namespace {

std::string advice_for_unknown(const JvmPropertyCatalog& catalog, std::string_view name) {
  if (const JvmProperty* p = catalog.intended_for(name)) {
    return "; the OCSP stapling switch of a JSSE server is '" + p->name + "'";
  }
  if (auto s = catalog.suggest(name)) return "; did you mean '" + *s + "'?";
  return "";
}

}  // namespace

void SL1101_unknown_jvm_property::check(const CheckContext& ctx, Reporter& r) {
  const JvmPropertyCatalog& catalog = ctx.jvm_properties;
  // Each name's advice once: a shell value doubled to its budget repeats one
  // option thousands of times, and a suggestion compares with the catalog.
  std::unordered_map<std::string_view, std::string> advice_of;
  auto advice = [&](std::string_view name) -> const std::string& {
    auto it = advice_of.find(name);
    if (it == advice_of.end()) it = advice_of.emplace(name, advice_for_unknown(catalog, name)).first;
    return it->second;
  };
  for (const JvmOption& o : ctx.jvm.options) {
    if (!in_checked_property_family(o.name) || catalog.find(o.name)) continue;
    Finding& f = r.report(o.file, option_range(o), Fields{.advice = advice(o.name), .property = o.name});
    mark_uncertain(f, o);
    if (const JvmProperty* p = catalog.intended_for(o.name); p && o.name_range.end > o.name_range.begin) {
      TextEdit e;
      e.file = o.file;
      e.offset = o.name_range.begin;
      e.length = o.name_range.end - o.name_range.begin;
      e.text = p->name;
      f.fixes.push_back({"use '" + p->name + "'", {e}});
    }
  }
  for (const Node* n : ctx.jvm.security_entries) {
    const std::string name(n->name());
    if (!in_checked_property_family(name) || catalog.find(name)) continue;
    std::string advice = advice_for_unknown(catalog, name);
    if (const JvmProperty* p = catalog.intended_for(name); p && !p->security) {
      advice += ", a system property that a security file cannot set (SL1102)";
    }
    r.report(n->file(), n->name_range(), Fields{.advice = advice, .property = name});
  }
}

}  // namespace staplint::checks::jvm
