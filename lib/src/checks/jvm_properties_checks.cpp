// The JVM's own settings: SL1101 unknown-jvm-property, SL1102
// system-property-in-security-file, SL1103 security-property-as-system-property,
// SL1104 shell-property-assignment, SL1105 options-in-catalina-sh and SL1106
// invalid-jvm-property-value. Facts: revocation-facts.md section 3; names and
// kinds from rules/jvm-properties.yaml.
#include <algorithm>
#include <cctype>

#include "checks.hpp"
#include "jvm_helpers.hpp"
#include "staplint/file_system.hpp"
#include "staplint/jvm_parse.hpp"
#include "staplint/jvm_properties.hpp"
#include "staplint/text.hpp"

namespace staplint::checks {

namespace {

std::string advice_for_unknown(const JvmPropertyCatalog& catalog, std::string_view name) {
  if (const JvmProperty* p = catalog.intended_for(name)) {
    return "; the OCSP stapling switch of a JSSE server is '" + p->name + "'";
  }
  if (auto s = catalog.suggest(name)) return "; did you mean '" + *s + "'?";
  return "";
}

/// Where a -D option is reported: its name if it was written in one piece.
Range option_range(const JvmOption& o) { return o.name_range.end > o.name_range.begin ? o.name_range : o.range; }

void mark_uncertain(Finding& f, const JvmOption& o) {
  if (o.certain) return;
  f.conditional = true;
  f.notes.push_back({o.file, o.range, "it is set inside an 'if', 'case', loop or function, so it "
                                      "reaches the JVM only on some runs"});
}

bool is_integer(std::string_view v) {
  if (!v.empty() && (v[0] == '-' || v[0] == '+')) v.remove_prefix(1);
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

void jvm_unknown_property(const CheckContext& ctx, Reporter& r) {
  const JvmPropertyCatalog& catalog = ctx.jvm_properties;
  for (const JvmOption& o : ctx.jvm.options) {
    if (!in_checked_property_family(o.name) || catalog.find(o.name)) continue;
    Finding& f = r.report(o.file, option_range(o),
                          {{"property", o.name}, {"advice", advice_for_unknown(catalog, o.name)}});
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
    r.report(n->file(), n->name_range(), {{"property", name}, {"advice", advice}});
  }
}

void jvm_system_property_in_security_file(const CheckContext& ctx, Reporter& r) {
  const JvmPropertyCatalog& catalog = ctx.jvm_properties;
  for (const Node* n : ctx.jvm.security_entries) {
    const JvmProperty* p = catalog.find(n->name());
    if (!p || p->security) continue;
    Finding& f = r.report(n->file(), n->name_range(), {{"property", p->name}});
    // The fix moves it where the JVM reads it: the line goes, the -D option
    // joins the instance's JVM options. Without an instance there is nowhere
    // known to put it, so no fix.
    const ArgList args = n->args();
    auto add = append_jvm_option(ctx, p->name, args.empty() ? "" : std::string(args[0].value));
    if (!add) continue;
    const std::string& text = ctx.sources.file(n->file()).text();
    // The whole line or lines of the entry (npos + 1 wraps to the file's start).
    const auto begin = n->range.begin == 0
                           ? 0u
                           : static_cast<std::uint32_t>(text.rfind('\n', n->range.begin - 1) + 1);
    const std::size_t nl = text.find('\n', n->range.end == 0 ? 0 : n->range.end - 1);
    const auto end = static_cast<std::uint32_t>(nl == std::string::npos ? text.size() : nl + 1);
    TextEdit remove{n->file(), begin, end - begin, "", {}};
    f.fixes.push_back({"remove the line and " + add->description, {remove, add->edit}});
  }
}

void jvm_security_property_as_system_property(const CheckContext& ctx, Reporter& r) {
  const JvmPropertyCatalog& catalog = ctx.jvm_properties;
  for (const JvmOption& o : ctx.jvm.options) {
    const JvmProperty* p = catalog.find(o.name);
    if (!p || !p->security) continue;
    const std::string setting = o.variable == kCatalinaProperties
                                    ? "'" + o.name + "' in '" + std::string(kCatalinaProperties) + "'"
                                    : "'-D" + o.name + "'";
    mark_uncertain(r.report(o.file, option_range(o), {{"property", o.name}, {"setting", setting}}), o);
  }
}

void jvm_shell_property_assignment(const CheckContext& ctx, Reporter& r) {
  const JvmPropertyCatalog& catalog = ctx.jvm_properties;
  for (const Node* n : ctx.jvm.dotted_commands) {
    const std::string word(n->name());
    const std::size_t eq = word.find('=');
    const std::string name = word.substr(0, eq);
    const std::string value = word.substr(eq + 1);
    const std::string& path = ctx.sources.file(n->file()).path();
    const bool batch = jvm_format(path) == JvmFormat::batch;
    const std::string variable =
        path::basename(path::dirname(path)) == "default" ? "JAVA_OPTS" : "CATALINA_OPTS";
    Finding& f = r.report(n->file(), n->name_range(),
                          {{"word", word},
                           {"variable", variable},
                           {"shell", batch ? "cmd.exe" : "the shell"},
                           {"failure", batch ? "'is not recognized as an internal or external command'"
                                             : "'command not found'"}});
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

void jvm_options_in_catalina_sh(const CheckContext& ctx, Reporter& r) {
  for (const JvmModel::ScriptAssignment& a : ctx.jvm.catalina_sh_assignments) {
    const std::string added = user_addition(a.value, ctx.jvm_properties);
    if (added.empty()) continue;  // Tomcat's own line: the upgrade is what brings it
    const Node& n = *a.node;
    const bool batch = iequals(path::basename(ctx.sources.file(n.file()).path()), "catalina.bat");
    r.report(n.file(), n.name_range(),
             {{"added", added},
              {"script", batch ? "catalina.bat" : "catalina.sh"},
              {"setenv", batch ? "bin\\setenv.bat" : "bin/setenv.sh"}});
  }
}

void jvm_invalid_property_value(const CheckContext& ctx, Reporter& r) {
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
    Finding& f = r.report(o.file, o.range, {{"detail", detail}});
    mark_uncertain(f, o);
  }
}

}  // namespace staplint::checks
