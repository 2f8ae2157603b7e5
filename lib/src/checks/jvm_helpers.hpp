// Where a fix writes a JVM option for a Tomcat instance.
#pragma once

#include <optional>
#include <string>

#include "checks.hpp"
#include "staplint/file_system.hpp"

namespace staplint::checks {

/// An edit that appends `-D<property>=<value>` to the instance's JVM options:
/// CATALINA_OPTS at the end of CATALINA_BASE/bin/setenv.sh, else JAVA_OPTS at
/// the end of Debian's /etc/default/tomcatN, else CATALINA_OPTS at the end of
/// bin/setenv.bat (a Windows instance; `set` syntax, the file's line ends).
/// None when the tree holds none of them.
struct JvmOptionEdit {
  TextEdit edit;
  std::string description;  ///< "add '-Dx=y' to CATALINA_OPTS in 'setenv.sh'"
};

inline std::optional<JvmOptionEdit> append_jvm_option(const CheckContext& ctx,
                                                      const std::string& property,
                                                      const std::string& value) {
  const ConfigTree::JvmFile* setenv = nullptr;
  const ConfigTree::JvmFile* defaults = nullptr;
  const ConfigTree::JvmFile* batch = nullptr;
  for (const ConfigTree::JvmFile& jf : ctx.tree.jvm_files) {
    const std::string name = path::basename(ctx.sources.file(jf.file).path());
    const std::string dir = path::basename(path::dirname(ctx.sources.file(jf.file).path()));
    if (name == "setenv.sh") setenv = &jf;
    else if (dir == "default" && name.rfind("tomcat", 0) == 0) defaults = &jf;
    else if (name == "setenv.bat") batch = &jf;
  }
  const ConfigTree::JvmFile* target = setenv ? setenv : defaults ? defaults : batch;
  if (!target) return std::nullopt;
  const std::string& text = ctx.sources.file(target->file).text();
  const std::string variable = target == defaults ? "JAVA_OPTS" : "CATALINA_OPTS";
  const std::string option = "-D" + property + "=" + value;
  const bool crlf = text.find("\r\n") != std::string::npos;
  const std::string eol = crlf ? "\r\n" : "\n";
  JvmOptionEdit out;
  out.edit.file = target->file;
  out.edit.offset = static_cast<std::uint32_t>(text.size());
  out.edit.text = (text.empty() || text.back() == '\n' ? "" : eol) +
                  (target == batch ? "set \"" + variable + "=%" + variable + "% " + option + "\""
                                   : variable + "=\"$" + variable + " " + option + "\"") +
                  eol;
  out.description = "add '-D" + property + "=" + value + "' to " + variable + " in '" +
                    path::basename(ctx.sources.file(target->file).path()) + "'";
  return out;
}

}  // namespace staplint::checks
