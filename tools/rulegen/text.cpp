// The C++ text helpers staplint-rulegen's parts share.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "rulegen.hpp"

namespace rulegen {

/// Octal escapes are at most three digits, so a following digit can never be
/// read as part of one.
std::string literal(const std::string& s) {
  std::string out = "\"";
  for (const unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n\"\n    \"";
    } else if (c < 0x20 || c >= 0x7f || c == '?') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string strings(const std::vector<std::string>& v) {
  std::string out = "{";
  for (const std::string& s : v) out += literal(s) + ", ";
  return out + "}";
}

std::string severity(staplint::Severity s) {
  switch (s) {
    case staplint::Severity::info:
      return "Severity::info";
    case staplint::Severity::warning:
      return "Severity::warning";
    case staplint::Severity::error:
      return "Severity::error";
  }
  return "Severity::warning";
}

std::string read_all(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  ok = static_cast<bool>(in);
  return text.str();
}

bool write_all(const std::string& path, const std::string& text) {
  std::ofstream file(path + ".tmp", std::ios::binary);
  file << text;
  file.close();
  return file && std::rename((path + ".tmp").c_str(), path.c_str()) == 0;
}

bool write_if_changed(const std::string& path, const std::string& text) {
  bool ok = false;
  if (read_all(path, ok) == text && ok) return true;
  return write_all(path, text);
}

}  // namespace rulegen
