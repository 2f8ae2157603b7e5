// The server families staplint reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace staplint {

/// The server family a tree belongs to. `jvm` covers what configures the Java
/// runtime: java.security and other properties files, setenv.sh and friends;
/// `tomcat` is Tomcat's XML (server.xml, context.xml). `live` is no file a
/// server reads: it is the endpoint itself, as `staplint probe` meets it (its
/// rules, SL5xxx, judge handshakes, never a configuration tree). `aws` is
/// infrastructure as code that configures AWS's endpoints: CloudFormation
/// templates and Terraform modules.
enum class Dialect : std::uint8_t { nginx, apache, jvm, tomcat, live, aws };
std::string_view to_string(Dialect d);
/// `nginx`, `apache`, `jvm`, `tomcat`, `live` or `aws`; nullopt for anything else.
std::optional<Dialect> parse_dialect(std::string_view name);

}  // namespace staplint
