// SL1102: a system property written in a java.security file, where the JDK never reads it.
#include "rules/jvm/SL1102_system_property_in_security_file.hpp"
#include "checks/jvm/option_edit.hpp"
#include "staplint/file_system.hpp"
#include "staplint/jvm_properties.hpp"
#include "staplint/text.hpp"

namespace staplint::checks::jvm {

void SL1102_system_property_in_security_file::check(const CheckContext& ctx, Reporter& r) {
  const JvmPropertyCatalog& catalog = ctx.jvm_properties;
  for (const Node* n : ctx.jvm.security_entries) {
    const JvmProperty* p = catalog.find(n->name());
    if (!p || p->security) continue;
    Finding& f = r.report(n->file(), n->name_range(), Fields{.property = p->name});
    // The fix moves it where the JVM reads it: the line goes, the -D option
    // joins the instance's JVM options. Without an instance there is nowhere
    // known to put it, so no fix.
    const ArgList args = n->args();
    auto add = append_jvm_option(ctx, p->name, args.empty() ? "" : std::string(args[0].value));
    if (!add) continue;
    const std::string& text = ctx.sources.file(n->file()).text();
    // The whole line or lines of the entry (npos + 1 wraps to the file's start).
    const auto begin = n->range.begin == 0 ? 0u : static_cast<std::uint32_t>(text.rfind('\n', n->range.begin - 1) + 1);
    const std::size_t nl = text.find('\n', n->range.end == 0 ? 0 : n->range.end - 1);
    const auto end = static_cast<std::uint32_t>(nl == std::string::npos ? text.size() : nl + 1);
    TextEdit remove{n->file(), begin, end - begin, "", {}};
    f.fixes.push_back({"remove the line and " + add->description, {remove, add->edit}});
  }
}

}  // namespace staplint::checks::jvm
