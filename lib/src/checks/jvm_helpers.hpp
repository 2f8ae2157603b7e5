// Where a fix writes a JVM option for a Tomcat instance.
#pragma once

#include <optional>
#include <string>

#include "checks.hpp"
#include "staplint/file_system.hpp"

namespace staplint::checks {

/// An edit that appends `-D<property>=<value>` to the instance's JVM options:
/// CATALINA_OPTS at the end of CATALINA_BASE/bin/setenv.sh, else JAVA_OPTS at
/// the end of Debian's /etc/default/tomcatN. None when the tree holds neither.
struct JvmOptionEdit {
  TextEdit edit;
  std::string description;  ///< "add '-Dx=y' to CATALINA_OPTS in 'setenv.sh'"
};

inline std::optional<JvmOptionEdit> append_jvm_option(const CheckContext& ctx,
                                                      const std::string& property,
                                                      const std::string& value) {
  const ConfigTree::JvmFile* target = nullptr;
  bool setenv = false;
  for (const ConfigTree::JvmFile& jf : ctx.tree.jvm_files) {
    const std::string name = path::basename(ctx.sources.file(jf.file).path());
    if (name == "setenv.sh") target = &jf, setenv = true;
    else if (!setenv && name.rfind("tomcat", 0) == 0) target = &jf;
  }
  if (!target) return std::nullopt;
  const std::string& text = ctx.sources.file(target->file).text();
  const std::string variable = setenv ? "CATALINA_OPTS" : "JAVA_OPTS";
  JvmOptionEdit out;
  out.edit.file = target->file;
  out.edit.offset = static_cast<std::uint32_t>(text.size());
  out.edit.text = (text.empty() || text.back() == '\n' ? "" : "\n") + variable + "=\"$" + variable +
                  " -D" + property + "=" + value + "\"\n";
  out.description = "add '-D" + property + "=" + value + "' to " + variable + " in '" +
                    path::basename(ctx.sources.file(target->file).path()) + "'";
  return out;
}

}  // namespace staplint::checks
