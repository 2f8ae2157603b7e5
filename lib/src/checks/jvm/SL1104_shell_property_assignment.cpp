// SL1104: a bare name.with.dots=value line in a shell or batch file, which the shell runs as a command.
#include "rules/jvm/SL1104_shell_property_assignment.hpp"
#include "checks/jvm/option_edit.hpp"
#include "staplint/file_system.hpp"
#include "staplint/jvm_parse.hpp"
#include "staplint/jvm_properties.hpp"
#include "staplint/text.hpp"

namespace staplint::checks::jvm {

void SL1104_shell_property_assignment::check(const CheckContext& ctx, Reporter& r) {
  const JvmPropertyCatalog& catalog = ctx.jvm_properties;
  for (const Node* n : ctx.jvm.dotted_commands) {
    const std::string word(n->name());
    const std::size_t eq = word.find('=');
    const std::string name = word.substr(0, eq);
    const std::string value = word.substr(eq + 1);
    const std::string& path = ctx.sources.file(n->file()).path();
    const bool batch = jvm_format(path) == JvmFormat::batch;
    const std::string variable = path::basename(path::dirname(path)) == "default" ? "JAVA_OPTS" : "CATALINA_OPTS";
    Finding& f = r.report(
        n->file(), n->name_range(),
        Fields{.failure = batch ? "'is not recognized as an internal or external command'" : "'command not found'",
               .shell = batch ? "cmd.exe" : "the shell",
               .variable = variable,
               .word = word});
    // The fix writes the -D option the line meant, with the real name when the
    // line uses a known mistake (jdk.tls.ocsp.enable); a security property has
    // no -D form (SL1103), so it gets no fix.
    const JvmProperty* intended = catalog.intended_for(name);
    const JvmProperty* known = intended ? intended : catalog.find(name);
    if (known && known->security) continue;
    if (!known && in_checked_property_family(name)) continue;  // unknown: SL1101 would follow
    const std::string property = known ? known->name : name;
    TextEdit e;
    e.file = n->file();
    e.offset = n->range.begin;
    e.length = n->range.end - n->range.begin;
    e.text = batch ? "set \"" + variable + "=%" + variable + "% -D" + property + "=" + value + "\""
                   : variable + "=\"$" + variable + " -D" + property + "=" + value + "\"";
    f.fixes.push_back({"set it as a JVM option in '" + variable + "'", {e}});
  }
}

}  // namespace staplint::checks::jvm
