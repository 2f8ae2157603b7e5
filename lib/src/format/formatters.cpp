#include "staplint/format.hpp"

namespace staplint {

const std::vector<std::string_view>& formatter_names() {
  static const std::vector<std::string_view> names = {"checkstyle", "gcc", "github", "json", "junit", "sarif", "text"};
  return names;
}

std::unique_ptr<Formatter> make_formatter(std::string_view name, bool color) {
  if (name == "text") return make_text_formatter(color);
  if (name == "gcc") return make_gcc_formatter();
  if (name == "json") return make_json_formatter();
  if (name == "github") return make_github_formatter();
  if (name == "checkstyle") return make_checkstyle_formatter();
  if (name == "junit") return make_junit_formatter();
  if (name == "sarif") return make_sarif_formatter();
  return nullptr;
}

std::string_view gcc_severity(Severity s) { return s == Severity::info ? "note" : to_string(s); }

}  // namespace staplint
