// Version parsing: the one place that reads a version as users write it.
#include "staplint/version.hpp"

#include <charconv>
#include <string>

namespace staplint {

std::optional<Version> Version::parse(std::string_view s) {
  Version v;
  int* parts[] = {&v.major, &v.minor, &v.patch};
  std::size_t i = 0;
  for (int* p : parts) {
    if (i > s.size()) return std::nullopt;
    const char* b = s.data() + i;
    auto [end, ec] = std::from_chars(b, s.data() + s.size(), *p);
    if (ec != std::errc() || end == b) return std::nullopt;
    i = static_cast<std::size_t>(end - s.data());
    if (i == s.size()) return p == parts[2] || p == parts[1] ? std::optional(v) : std::nullopt;
    if (s[i] != '.') return std::nullopt;
    ++i;
  }
  return std::nullopt;
}

std::optional<Version> parse_server_version(std::string_view server, std::string_view text) {
  return server == "jdk" ? parse_jdk_version(text) : Version::parse(text);
}

std::string_view server_version_example(std::string_view server) {
  return server == "jdk"     ? "17, 21.0.5 or 1.8.0_251"
         : server == "nginx" ? "1.26.2"
         : server == "httpd" ? "2.4.62"
                             : "10.1.34";
}

std::optional<Version> parse_jdk_version(std::string_view s) {
  if (const auto plus = s.find_first_of("+-"); plus != std::string_view::npos) s = s.substr(0, plus);
  auto number = [&](std::size_t& at, int& out) {
    const char* b = s.data() + at;
    auto [end, ec] = std::from_chars(b, s.data() + s.size(), out);
    if (ec != std::errc() || end == b) return false;
    at = static_cast<std::size_t>(end - s.data());
    return true;
  };
  Version v;
  std::size_t at = 0;
  if (!number(at, v.major)) return std::nullopt;
  if (at == s.size()) return v;
  if (s[at] == 'u') {  // 8u251
    ++at;
    if (!number(at, v.patch) || at != s.size()) return std::nullopt;
    return v;
  }
  if (s[at] != '.') return std::nullopt;
  ++at;
  if (v.major == 1) {  // 1.8.0_251: the old scheme
    if (!number(at, v.major)) return std::nullopt;
    if (at < s.size() && s[at] == '.') {
      ++at;
      int zero = 0;
      if (!number(at, zero)) return std::nullopt;
    }
    if (at < s.size() && s[at] == '_') {
      ++at;
      if (!number(at, v.patch)) return std::nullopt;
    }
    return at == s.size() ? std::optional(v) : std::nullopt;
  }
  if (!number(at, v.minor)) return std::nullopt;
  if (at == s.size()) return v;
  if (s[at] != '.') return std::nullopt;
  ++at;
  if (!number(at, v.patch) || at != s.size()) return std::nullopt;
  return v;
}

}  // namespace staplint
