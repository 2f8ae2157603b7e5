// Where a fix writes a JVM option for a Tomcat instance.
#pragma once

#include <optional>
#include <string>

#include "staplint/engine.hpp"
#include "staplint/file_system.hpp"
#include "staplint/jvm_model.hpp"

namespace staplint::checks {

/// An edit that appends `-D<property>=<value>` to the instance's JVM options:
/// CATALINA_OPTS at the end of CATALINA_BASE/bin/setenv.sh, else JAVA_OPTS at
/// the end of Debian's /etc/default/tomcatN, else CATALINA_OPTS at the end of
/// RHEL's /etc/sysconfig/tomcat, else of bin/setenv.bat (a Windows instance;
/// `set` syntax, the file's line ends). A Tomcat instance with none of them
/// gets a new CATALINA_BASE/bin/setenv.sh. None when there is no instance, or
/// when its setenv.sh exists but could not be read.
struct JvmOptionEdit {
  TextEdit edit;
  std::string description;  ///< "add '-Dx=y' to CATALINA_OPTS in 'setenv.sh'"
};

inline std::optional<JvmOptionEdit> append_jvm_option(const CheckContext& ctx, const std::string& property,
                                                      const std::string& value) {
  // The instance's files, or the one file linted on its own.
  std::vector<FileId> files;
  for (const ConfigTree::JvmFile& jf : ctx.tree.jvm_files) files.push_back(jf.file);
  if (ctx.tree.dialect == Dialect::jvm && ctx.tree.entry != kNoFile) files.push_back(ctx.tree.entry);
  FileId setenv = kNoFile, defaults = kNoFile, sysconfig = kNoFile, batch = kNoFile;
  for (const FileId f : files) {
    const std::string name = path::basename(ctx.sources.file(f).path());
    const std::string dir = path::basename(path::dirname(ctx.sources.file(f).path()));
    if (name == "setenv.sh")
      setenv = f;
    else if (dir == "default" && name.rfind("tomcat", 0) == 0)
      defaults = f;
    else if (dir == "sysconfig" && name.rfind("tomcat", 0) == 0)
      sysconfig = f;
    else if (name == "setenv.bat")
      batch = f;
  }
  const FileId target = setenv != kNoFile      ? setenv
                        : defaults != kNoFile  ? defaults
                        : sysconfig != kNoFile ? sysconfig
                                               : batch;
  const std::string option = "-D" + property + "=" + value;
  if (target == kNoFile) {
    // An instance without any of them: create CATALINA_BASE/bin/setenv.sh,
    // which catalina.sh reads when it exists.
    const std::string base =
        ctx.tree.dialect == Dialect::tomcat ? jvm_instance_base(ctx.tree, ctx.sources) : std::string();
    if (base.empty()) return std::nullopt;
    const std::string create = path::join(base, "bin/setenv.sh");
    // One that exists but could not be read (SL0004, SL0005): never replaced.
    for (const FileId f : ctx.tree.files) {
      if (ctx.sources.file(f).path() == create) return std::nullopt;
    }
    JvmOptionEdit out;
    out.edit.create = create;
    out.edit.text = "#!/bin/sh\nCATALINA_OPTS=\"$CATALINA_OPTS " + option + "\"\n";
    out.description = "create 'bin/setenv.sh' with '" + option + "' in CATALINA_OPTS";
    return out;
  }
  const std::string& text = ctx.sources.file(target).text();
  const std::string variable = target == defaults ? "JAVA_OPTS" : "CATALINA_OPTS";
  const bool crlf = text.find("\r\n") != std::string::npos;
  const std::string eol = crlf ? "\r\n" : "\n";
  JvmOptionEdit out;
  out.edit.file = target;
  out.edit.offset = static_cast<std::uint32_t>(text.size());
  out.edit.text = (text.empty() || text.back() == '\n' ? "" : eol) +
                  (target == batch ? "set \"" + variable + "=%" + variable + "% " + option + "\""
                                   : variable + "=\"$" + variable + " " + option + "\"") +
                  eol;
  out.description = "add '-D" + property + "=" + value + "' to " + variable + " in '" +
                    path::basename(ctx.sources.file(target).path()) + "'";
  return out;
}

}  // namespace staplint::checks
