// SL1105: JVM options added to catalina.sh or catalina.bat instead of setenv.sh or setenv.bat.
#include "rules/jvm/SL1105_options_in_catalina_sh.hpp"
#include "checks/jvm/option_edit.hpp"
#include "staplint/file_system.hpp"
#include "staplint/jvm_parse.hpp"
#include "staplint/jvm_properties.hpp"
#include "staplint/text.hpp"

namespace staplint::checks::jvm {

namespace {

/// A word Tomcat's own catalina.sh or catalina.bat adds to its option
/// variables (Tomcat 9 to 11, Debian's tomcat10 too): a reference to an
/// option variable, or one of the options the script sets for itself.
bool tomcat_own_word(std::string_view w) {
  if (w.size() > 1 && (w.front() == '$' || (w.front() == '%' && w.back() == '%'))) return true;
  for (std::string_view prefix : {"--add-opens=", "--add-exports=", "--enable-native-access=",
                                  "-Djava.protocol.handler.pkgs=org.apache.catalina.webresources",
                                  "-Dsun.io.useCanonCaches=", "-Dorg.apache.catalina.security.SecurityListener.UMASK=",
                                  "-Djava.util.logging.config.file=", "-Djava.util.logging.manager="}) {
    if (w.starts_with(prefix)) return true;
  }
  return false;
}

/// What a user added to an option variable in Tomcat's script: the first
/// `-D` property staplint knows (TLS and revocation), or the first word that
/// is not Tomcat's own. Empty for Tomcat's own lines, which an upgrade
/// brings back as they are.
std::string user_addition(std::string_view value, const JvmPropertyCatalog& catalog) {
  std::string text;
  for (char c : value) text += (c == '"' || c == '\'') ? ' ' : c;
  std::string first_foreign;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    std::size_t end = pos;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t') ++end;
    const std::string_view w = std::string_view(text).substr(pos, end - pos);
    pos = end;
    if (w.empty()) continue;
    if (w.starts_with("-D")) {
      const std::string_view name = w.substr(2, w.find('=') == std::string_view::npos ? w.npos : w.find('=') - 2);
      if (catalog.find(name) || catalog.intended_for(name)) return std::string(w.substr(0, w.find('=')));
    }
    if (first_foreign.empty() && !tomcat_own_word(w)) first_foreign = std::string(w);
  }
  return first_foreign;
}

}  // namespace

void SL1105_options_in_catalina_sh::check(const CheckContext& ctx, Reporter& r) {
  for (const JvmModel::ScriptAssignment& a : ctx.jvm.catalina_sh_assignments) {
    const std::string added = user_addition(a.value, ctx.jvm_properties);
    if (added.empty()) continue;  // Tomcat's own line: the upgrade is what brings it
    const Node& n = *a.node;
    const bool batch = iequals(path::basename(ctx.sources.file(n.file()).path()), "catalina.bat");
    r.report(n.file(), n.name_range(),
             Fields{.added = added,
                    .script = batch ? "catalina.bat" : "catalina.sh",
                    .setenv = batch ? "bin\\setenv.bat" : "bin/setenv.sh"});
  }
}

}  // namespace staplint::checks::jvm
