// Loads and validates rules/jvm-properties.yaml (at build time, by
// staplint-rulegen, and in tests), and answers lookups.
#include "staplint/jvm_properties.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "staplint/rules.hpp"

namespace staplint {

namespace {
[[noreturn]] void fail(const std::string& path, const std::string& what) { throw RuleError(path + ": " + what); }
constexpr std::string_view kFamilies[] = {"jdk.tls.", "jdk.security.", "ocsp.", "com.sun.net.ssl.",
                                          "com.sun.security."};
}  // namespace

bool in_checked_property_family(std::string_view name) {
  return std::any_of(std::begin(kFamilies), std::end(kFamilies),
                     [&](std::string_view f) { return name.substr(0, f.size()) == f; });
}

JvmPropertyCatalog JvmPropertyCatalog::load(const std::string& path, const std::string& yaml) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    fail(path, std::string("invalid YAML: ") + e.what());
  }
  if (!root.IsMap() || !root["properties"] || !root["properties"].IsSequence()) {
    fail(path, "expected a mapping with a 'properties' list");
  }
  std::vector<JvmProperty> list;
  std::set<std::string> names;
  for (const YAML::Node& p : root["properties"]) {
    if (!p.IsMap()) fail(path, "each property must be a mapping");
    for (const auto& kv : p) {
      const std::string key = kv.first.as<std::string>();
      if (key != "name" && key != "kind" && key != "type" && key != "since" && key != "intended") {
        fail(path, "unknown key '" + key + "'");
      }
    }
    JvmProperty jp;
    if (!p["name"] || !p["kind"] || !p["type"]) fail(path, "a property needs 'name', 'kind' and 'type'");
    jp.name = p["name"].as<std::string>();
    if (!in_checked_property_family(jp.name)) fail(path, "'" + jp.name + "' is in no checked family");
    if (!names.insert(jp.name).second) fail(path, "duplicate property '" + jp.name + "'");
    const std::string kind = p["kind"].as<std::string>();
    if (kind != "system" && kind != "security") fail(path, "'" + jp.name + "': kind must be system or security");
    jp.security = kind == "security";
    const std::string type = p["type"].as<std::string>();
    if (type == "boolean")
      jp.type = JvmProperty::Type::boolean;
    else if (type == "integer")
      jp.type = JvmProperty::Type::integer;
    else if (type == "string")
      jp.type = JvmProperty::Type::string;
    else if (type == "uri")
      jp.type = JvmProperty::Type::uri;
    else
      fail(path, "'" + jp.name + "': type must be boolean, integer, string or uri");
    if (p["since"]) jp.since = p["since"].as<std::string>();
    if (p["intended"]) {
      for (const YAML::Node& w : p["intended"]) jp.intended.push_back(w.as<std::string>());
    }
    list.push_back(std::move(jp));
  }
  return from_validated(std::move(list));
}

JvmPropertyCatalog JvmPropertyCatalog::from_validated(std::vector<JvmProperty> list) {
  JvmPropertyCatalog c;
  c.list_ = std::move(list);
  std::sort(c.list_.begin(), c.list_.end(), [](const JvmProperty& a, const JvmProperty& b) { return a.name < b.name; });
  return c;
}

const JvmProperty* JvmPropertyCatalog::find(std::string_view name) const {
  auto it = std::lower_bound(list_.begin(), list_.end(), name,
                             [](const JvmProperty& p, std::string_view n) { return p.name < n; });
  return it != list_.end() && it->name == name ? &*it : nullptr;
}

const JvmProperty* JvmPropertyCatalog::intended_for(std::string_view wrong) const {
  for (const JvmProperty& p : list_) {
    if (std::find(p.intended.begin(), p.intended.end(), wrong) != p.intended.end()) return &p;
  }
  return nullptr;
}

std::optional<std::string> JvmPropertyCatalog::suggest(std::string_view name) const {
  // No property is anywhere near this long, and the distance costs the
  // product of the lengths: a name a shell value doubled into a megabyte
  // would cost seconds per catalog entry (found by fuzzing).
  if (name.size() > kMaxSuggestedLength) return std::nullopt;
  std::optional<std::string> best;
  std::size_t best_d = std::max<std::size_t>(3, name.size() / 4) + 1;
  for (const JvmProperty& p : list_) {
    // The distance is at least the difference of the lengths.
    const std::size_t gap = name.size() > p.name.size() ? name.size() - p.name.size() : p.name.size() - name.size();
    if (gap >= best_d) continue;
    const std::size_t d = edit_distance(name, p.name);
    if (d < best_d) best_d = d, best = p.name;
  }
  return best;
}

}  // namespace staplint
