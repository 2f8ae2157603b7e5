// Versions of the servers and the JDK, as users write them (--nginx-version,
// .staplint.yaml, a rule example's `version`): parsed here, and only here.
#pragma once

#include <optional>
#include <string_view>
#include <tuple>

namespace staplint {

struct Version {
  int major = 0, minor = 0, patch = 0;
  /// `X.Y` or `X.Y.Z` (nginx, httpd, Tomcat); nullopt otherwise.
  static std::optional<Version> parse(std::string_view s);
  friend bool operator<(const Version& a, const Version& b) {
    return std::tie(a.major, a.minor, a.patch) < std::tie(b.major, b.minor, b.patch);
  }
};

/// A Java version as `java -version` or a vendor prints it: 17, 17.0.13,
/// 1.8.0_251 or 8u251 (JDK 8 update 251 is {8, 0, 251}).
std::optional<Version> parse_jdk_version(std::string_view s);

/// A version of `server` (nginx, httpd, tomcat or jdk) as written; and what
/// one looks like, for messages.
std::optional<Version> parse_server_version(std::string_view server, std::string_view text);
std::string_view server_version_example(std::string_view server);

}  // namespace staplint
