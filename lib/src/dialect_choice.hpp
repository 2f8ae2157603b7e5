// Which dialect reads a file, by its name and its top-level statements: the
// first stage of the main path (lint.cpp asks; dialect_sniff.cpp weighs the
// text of a file no name decides).
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "staplint/config_tree.hpp"
#include "staplint/loader.hpp"

namespace staplint {

/// The path a file configures under: a template's rendered name
/// (`nginx.conf.j2` configures as `nginx.conf`), else the path itself. The
/// checks below judge files by it.
std::string config_name(const std::string& p);
/// One of the top-level statements of `nodes` is named one of `names`.
bool has_top_level(std::span<const Node> nodes, std::initializer_list<std::string_view> names);
/// A top-level block named `name`, compared as httpd does (case-insensitively).
bool has_top_level_ci(std::span<const Node> nodes, std::string_view name);
/// An nginx main file: named nginx.conf, or with http, events, stream or
/// worker_processes at top level.
bool looks_like_entry(const std::string& p, const ParsedFile& pf);
/// httpd's main configuration file, by the names Debian and RHEL give it.
bool is_apache_entry(const std::string& p);
/// Files that configure the Java runtime of a Tomcat (or any JVM): security
/// and properties files, and the shell files that set JVM options.
bool is_jvm_file(const std::string& p);
/// Tomcat's XML configuration files.
bool is_tomcat_file(const std::string& p);

}  // namespace staplint
