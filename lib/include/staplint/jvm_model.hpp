// The JVM model: the system properties (-D options) that reach the JVM from
// shell environment files, evaluated the way the shell would (nothing is run),
// and the entries of Java security properties files.
#pragma once

#include <string>
#include <vector>

#include "staplint/config_tree.hpp"

namespace staplint {

/// A `-Dname[=value]` option in the final value of a variable the server's JVM
/// reads (CATALINA_OPTS, JAVA_OPTS, JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS), or an
/// entry of Tomcat's conf/catalina.properties, which Tomcat sets as a system
/// property at start, over any -D of the same name, before it builds its
/// connectors (the truth test shows the stapling switch works there).
struct JvmOption {
  std::string name;
  std::string value;
  bool has_value = false;
  std::string variable;        ///< the variable it is in; kCatalinaProperties for an entry there
  const Node* node = nullptr;  ///< the command that wrote it
  FileId file = kNoFile;
  Range range;       ///< `-Dname=value` as written, when one span of one file holds it
  Range name_range;  ///< `name` as written, likewise (empty when not found)
  /// False when it was written inside an if, case, loop or function: whether
  /// the shell runs that assignment depends on the run.
  bool certain = true;
};

inline constexpr std::string_view kCatalinaProperties = "catalina.properties";

struct JvmModel {
  std::vector<JvmOption> options;
  /// Commands whose first word looks like `name.with.dots=value`: the shell
  /// runs them as commands, since a dotted name is no variable (SL1104).
  std::vector<const Node*> dotted_commands;
  /// Entries of Java security properties files (java.security, *.security).
  std::vector<const Node*> security_entries;
  /// Assignments of the JVM option variables in Tomcat's own start script,
  /// catalina.sh or catalina.bat (SL1105), with the value as written.
  struct ScriptAssignment {
    const Node* node = nullptr;
    std::string_view value;  ///< the text after `NAME=`, quotes and all
  };
  std::vector<ScriptAssignment> catalina_sh_assignments;
  /// An option variable that held the stapling switch and was then set again
  /// without it: Debian's /etc/default/tomcat10 sets JAVA_OPTS afresh after
  /// the systemd unit's Environment=, so a switch put there is lost.
  struct LostSwitch {
    const Node* written = nullptr;         ///< where the switch was set
    const Node* overwritten_by = nullptr;  ///< the later assignment without it
    std::string variable;
  };
  std::vector<LostSwitch> lost_switches;
  /// SL0005: a variable's value grew past the budget (LoadLimits::max_value_length).
  std::vector<InputProblem> problems;
};

JvmModel build_jvm_model(const ConfigTree& tree, const SourceManager& sources,
                         std::size_t max_value_length = LoadLimits{}.max_value_length);

class JvmPropertyCatalog;

/// The JSSE server's OCSP stapling switch (a system property).
inline constexpr std::string_view kStaplingSwitch = "jdk.tls.server.enableStatusRequestExtension";

/// The last -D option for the stapling switch that reaches the JVM (the JVM
/// keeps the last one), whatever its value; nullptr if none.
const JvmOption* last_stapling_switch(const JvmModel& jvm);

/// The stapling switch, or a known mistake for it (`jdk.tls.ocsp.enable`),
/// written where the JVM never reads it: a bare line in a shell file, a
/// security properties file, or a -D option under the wrong name.
const Node* misplaced_stapling_switch(const JvmModel& jvm, const JvmPropertyCatalog& properties);

/// The Tomcat instance directory (CATALINA_BASE) a tree's entry belongs to:
/// the parent of its `conf/` (server.xml) or `bin/` (setenv.sh), /var/lib/tomcatN
/// for Debian's /etc/tomcatN/server.xml; empty if none of these.
std::string jvm_instance_base(const ConfigTree& tree, const SourceManager& sources);

/// The variables a Tomcat server's JVM reads its options from.
bool is_jvm_options_variable(std::string_view name);

/// `name.with.dots=value` as the first word of a command: a property assignment
/// the shell cannot make.
bool is_dotted_assignment(std::string_view word);

}  // namespace staplint
