// JVM-side files into the common AST: Java properties files (java.security,
// catalina.properties) and, later, shell environment files.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "staplint/config_tree.hpp"

namespace staplint {

/// The syntax of a file of the `jvm` dialect, from its name.
/// How a JVM-side file is written: Java properties (java.security,
/// catalina.properties), a POSIX shell file (setenv.sh, /etc/default/tomcatN),
/// a Windows batch file (setenv.bat), or a systemd unit or drop-in.
enum class JvmFormat : std::uint8_t { properties, shell, batch, systemd };
JvmFormat jvm_format(std::string_view path);

/// Lowers a Java properties file: each entry becomes a directive whose name is
/// the key and whose one argument is the value (both as the JDK reads them,
/// escapes resolved, a value that may be empty); comments stay comments.
/// A malformed \uXXXX escape, which the JDK rejects, is a syntax problem.
ParseResult parse_properties_text(FileId file, SourceManager& sources);

/// Lowers a shell environment file (setenv.sh, catalina.sh,
/// /etc/default/tomcat10): each simple command becomes a directive whose name is
/// its first word and whose arguments are the other words, all as written
/// (quotes and expansions kept: the JVM model evaluates assignments itself,
/// nothing is ever run); comments stay comments. An unterminated quote or
/// expansion is a syntax problem.
ParseResult parse_shell_text(FileId file, SourceManager& sources);

/// Lowers a Windows batch file (setenv.bat): `set` commands become directives
/// named `set` with the variable and the value as written; comments stay
/// comments; parenthesized blocks and `if`/`for` lines are blocks.
ParseResult parse_batch_text(FileId file, SourceManager& sources);

/// Lowers a systemd unit or drop-in: sections are blocks, `Key=Value` lines
/// directives with the value as their one argument.
ParseResult parse_systemd_text(FileId file, SourceManager& sources);

/// Lowers a file of the `jvm` dialect by its format (jvm_format of its path).
ParseResult parse_jvm_text(FileId file, SourceManager& sources);

}  // namespace staplint
