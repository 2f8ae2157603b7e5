// Loads and validates rule YAML: unknown keys (with did-you-mean), unknown
// check folders, duplicate ids and names, and message templates that do not
// format. Whether each rule's check file exists, and sets exactly its
// template's fields, staplint-rulegen and the compiler decide at build time.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "staplint/engine.hpp"
#include "staplint/result.hpp"
#include "staplint/rules.hpp"
#include "staplint/version.hpp"

namespace staplint {

std::string_view to_string(Dialect d) {
  switch (d) {
    case Dialect::apache:
      return "apache";
    case Dialect::jvm:
      return "jvm";
    case Dialect::tomcat:
      return "tomcat";
    case Dialect::live:
      return "live";
    case Dialect::aws:
      return "aws";
    default:
      return "nginx";
  }
}

std::string_view to_string(Stapling v) {
  switch (v) {
    case Stapling::on:
      return "on";
    case Stapling::off:
      return "off";
    case Stapling::ineffective:
      return "ineffective";
    case Stapling::unknown:
      return "unknown";
    case Stapling::fatal:
      return "fatal";
  }
  return "unknown";
}

std::optional<Dialect> parse_dialect(std::string_view name) {
  for (const Dialect d :
       {Dialect::nginx, Dialect::apache, Dialect::jvm, Dialect::tomcat, Dialect::live, Dialect::aws}) {
    if (to_string(d) == name) return d;
  }
  return std::nullopt;
}

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "warning";
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "info") return Severity::info;
  if (s == "warning") return Severity::warning;
  if (s == "error") return Severity::error;
  return std::nullopt;
}

bool RuleSpec::applies_to(Dialect d) const { return binding_for(d) != nullptr; }

const RuleBinding* RuleSpec::binding_for(Dialect d) const {
  for (const RuleBinding& b : bindings) {
    if (b.dialect == d) return &b;
  }
  return nullptr;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      const bool same =
          std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest_word(std::string_view word, const std::vector<std::string>& options) {
  if (word.size() > kMaxSuggestedLength) return std::nullopt;  // the distance costs the product of the lengths
  std::optional<std::string> best;
  std::size_t best_d = std::max<std::size_t>(3, word.size() / 3) + 1;
  for (const std::string& o : options) {
    const std::size_t gap = word.size() > o.size() ? word.size() - o.size() : o.size() - word.size();
    if (gap >= best_d) continue;  // the distance is at least the difference of the lengths
    const std::size_t d = edit_distance(word, o);
    if (d < best_d) best_d = d, best = o;
  }
  return best;
}

std::string check_class(const std::string& id, const std::string& name) {
  std::string out = id + "_" + name;
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

std::string check_file(const std::string& folder, const std::string& id, const std::string& name) {
  return folder + "/" + check_class(id, name) + ".cpp";
}

std::vector<std::string> message_fields(const std::string& tmpl) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '}') {
      if (i + 1 < tmpl.size() && tmpl[i + 1] == '}') ++i;
      continue;
    }
    if (tmpl[i] != '{') continue;
    if (i + 1 < tmpl.size() && tmpl[i + 1] == '{') {
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    while (end < tmpl.size() && (std::isalnum(static_cast<unsigned char>(tmpl[end])) || tmpl[end] == '_')) ++end;
    const std::string name = tmpl.substr(i + 1, end - i - 1);
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) {
      throw RuleError("message field at byte " + std::to_string(i) +
                      " is not a name (positional fields are not allowed)");
    }
    if (end >= tmpl.size() || (tmpl[end] != '}' && tmpl[end] != ':')) {
      throw RuleError("message field '" + name + "' is not closed");
    }
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    i = tmpl.find('}', end);
    if (i == std::string::npos) throw RuleError("message field '" + name + "' is not closed");
  }
  return out;
}

namespace {

/// A message field becomes a member of the check's generated `Fields`
/// struct: not a C++ keyword, and not its `pairs()`.
bool usable_field_name(const std::string& name) {
  static const std::set<std::string> reserved = {
      "alignas",     "alignof",   "and",        "and_eq",    "asm",      "auto",         "bitand",
      "bitor",       "bool",      "break",      "case",      "catch",    "char",         "char8_t",
      "char16_t",    "char32_t",  "class",      "compl",     "concept",  "const",        "consteval",
      "constexpr",   "constinit", "const_cast", "continue",  "co_await", "co_return",    "co_yield",
      "decltype",    "default",   "delete",     "do",        "double",   "dynamic_cast", "else",
      "enum",        "explicit",  "export",     "extern",    "false",    "float",        "for",
      "friend",      "goto",      "if",         "inline",    "int",      "long",         "mutable",
      "namespace",   "new",       "noexcept",   "not",       "not_eq",   "nullptr",      "operator",
      "or",          "or_eq",     "private",    "protected", "public",   "register",     "reinterpret_cast",
      "requires",    "return",    "short",      "signed",    "sizeof",   "static",       "static_assert",
      "static_cast", "struct",    "switch",     "template",  "this",     "thread_local", "throw",
      "true",        "try",       "typedef",    "typeid",    "typename", "union",        "unsigned",
      "using",       "virtual",   "void",       "volatile",  "wchar_t",  "while",        "xor",
      "xor_eq",      "pairs"};
  return !reserved.count(name);
}

/// The folders of lib/src/checks/ that hold checks.
const std::vector<std::string> kCheckFolders = {"apache", "aws", "input", "jvm", "live", "nginx", "tomcat"};

[[noreturn]] void fail(const std::string& file, const std::string& what) { throw RuleError(file + ": " + what); }

void check_keys(const YAML::Node& node, const std::vector<std::string>& allowed, const std::string& file,
                const std::string& where) {
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string msg = "unknown key '" + key + "'" + where;
    if (auto s = closest_word(key, allowed)) msg += "; did you mean '" + *s + "'?";
    fail(file, msg);
  }
}

std::string required_string(const YAML::Node& node, const char* key, const std::string& file) {
  const YAML::Node v = node[key];
  if (!v || !v.IsScalar() || v.as<std::string>().empty()) {
    fail(file, std::string("missing or empty '") + key + "'");
  }
  return v.as<std::string>();
}

bool valid_id(const std::string& id) {
  return id.size() == 6 && id[0] == 'S' && id[1] == 'L' &&
         std::all_of(id.begin() + 2, id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool valid_name(const std::string& n) {
  if (n.empty() || n.front() == '-' || n.back() == '-') return false;
  return std::all_of(n.begin(), n.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

RuleSpec parse_rule(const RuleText& text) {
  const std::string& file = text.path;
  YAML::Node root;
  try {
    root = YAML::Load(text.yaml);
  } catch (const YAML::Exception& e) {
    fail(file, std::string("invalid YAML: ") + e.what());
  }
  if (!root.IsMap()) fail(file, "a rule file must be a mapping");
  check_keys(root,
             {"id", "name", "severity", "also_severity", "refuses", "dialects", "summary", "message", "check", "args",
              "explain", "references", "examples"},
             file, "");
  RuleSpec r;
  r.source = file;
  r.id = required_string(root, "id", file);
  if (!valid_id(r.id)) fail(file, "id '" + r.id + "' is not of the form SLnnnn");
  r.name = required_string(root, "name", file);
  if (!valid_name(r.name)) fail(file, "name '" + r.name + "' is not kebab-case");
  const std::string sev = required_string(root, "severity", file);
  auto s = parse_severity(sev);
  if (!s) fail(file, "severity '" + sev + "' is not one of error, warning, info");
  r.severity = *s;
  if (root["also_severity"]) {
    const std::string also = required_string(root, "also_severity", file);
    const auto a = parse_severity(also);
    if (!a) fail(file, "also_severity '" + also + "' is not one of error, warning, info");
    if (static_cast<int>(*a) >= static_cast<int>(r.severity)) {  // info < warning < error
      fail(file, "also_severity '" + also + "' must be lower than severity '" + sev + "'");
    }
    r.also_severity = *a;
  }
  if (root["refuses"]) {
    const std::string v = required_string(root, "refuses", file);
    if (v != "true" && v != "false") fail(file, "'refuses' must be true or false");
    r.refuses = v == "true";
    if (r.refuses && r.severity != Severity::error) fail(file, "'refuses: true' needs severity error");
  }
  if (!root["dialects"] || !root["dialects"].IsSequence() || root["dialects"].size() == 0) {
    fail(file, "'dialects' must be a non-empty list");
  }
  for (const auto& d : root["dialects"]) {
    const std::string name = d.as<std::string>();
    const std::optional<Dialect> dialect = parse_dialect(name);
    if (!dialect) fail(file, "unknown dialect '" + name + "'");
    r.dialects.push_back(*dialect);
  }
  r.summary = required_string(root, "summary", file);
  // `check` and `message`: one string for every dialect, or a mapping by
  // dialect; `check` defaults to the dialect's own folder.
  auto per_dialect = [&](const char* key, const std::string& dialect, bool optional) -> std::string {
    const YAML::Node v = root[key];
    if (optional && !v) return dialect;
    if (v && v.IsMap()) {
      std::vector<std::string> known;
      for (const Dialect k : r.dialects) known.emplace_back(to_string(k));
      check_keys(v, known, file, std::string(" in '") + key + "'");
      const YAML::Node d = v[dialect];
      if (optional && !d) return dialect;
      if (!d || !d.IsScalar() || d.as<std::string>().empty()) {
        fail(file, std::string("'") + key + "' has no entry for dialect '" + dialect + "'");
      }
      return d.as<std::string>();
    }
    return required_string(root, key, file);
  };
  for (const Dialect d : r.dialects) {
    const std::string dialect(to_string(d));
    RuleBinding b{d, per_dialect("check", dialect, true), per_dialect("message", dialect, false)};
    if (std::find(kCheckFolders.begin(), kCheckFolders.end(), b.check) == kCheckFolders.end()) {
      std::string msg = "unknown check folder '" + b.check + "'";
      if (auto c = closest_word(b.check, kCheckFolders)) msg += "; did you mean '" + *c + "'?";
      fail(file, msg + " (lib/src/checks/ has apache, input, jvm, live, nginx and tomcat)");
    }
    // A live check judges handshakes, the others a configuration tree: they
    // take different contexts, so neither folder serves the other's dialect.
    if ((d == Dialect::live) != (b.check == "live")) {
      fail(file, d == Dialect::live ? "dialect 'live' needs 'check: live' (its checks judge handshakes)"
                                    : "check folder 'live' serves only dialect 'live'");
    }
    // The template must format with the fields it names, and each field must
    // be usable as a member of the check's generated Fields struct.
    std::vector<std::string> fields;
    try {
      fields = message_fields(b.message);
    } catch (const RuleError& e) {
      fail(file, std::string("message template does not format (") + e.what() + ")");
    }
    Reporter::Fields sample;
    for (const std::string& f : fields) {
      if (!usable_field_name(f)) {
        fail(file, "message field '" + f +
                       "' cannot name a member of the check's Fields struct (a C++ keyword, or 'pairs'); rename it");
      }
      sample.emplace_back(f, "x");
    }
    try {
      (void)format_message(b.message, sample);
    } catch (const fmt::format_error& e) {
      fail(file, std::string("message template does not format (") + e.what() + ")");
    }
    r.bindings.push_back(std::move(b));
  }
  if (const YAML::Node args = root["args"]) {
    if (!args.IsMap()) fail(file, "'args' must be a mapping");
    for (const auto& kv : args) {
      auto& values = r.args[kv.first.as<std::string>()];
      if (kv.second.IsSequence()) {
        for (const auto& v : kv.second) values.push_back(v.as<std::string>());
      } else {
        values.push_back(kv.second.as<std::string>());
      }
    }
  }
  const YAML::Node ex = root["explain"];
  if (!ex || !ex.IsMap()) fail(file, "missing 'explain' mapping");
  check_keys(ex, {"problem", "why", "fix"}, file, " in 'explain'");
  r.explain_problem = required_string(ex, "problem", file);
  r.explain_why = required_string(ex, "why", file);
  r.explain_fix = required_string(ex, "fix", file);
  const YAML::Node refs = root["references"];
  if (!refs || !refs.IsSequence() || refs.size() == 0) fail(file, "'references' must be a non-empty list");
  for (const auto& ref : refs) r.references.push_back(ref.as<std::string>());
  if (const YAML::Node exs = root["examples"]) {
    if (!exs.IsSequence()) fail(file, "'examples' must be a list");
    for (const auto& e : exs) {
      check_keys(e, {"dialect", "fires", "silent", "path", "version"}, file, " in 'examples'");
      RuleExample x;
      const std::string dialect = required_string(e, "dialect", file);
      if (const std::optional<Dialect> d = parse_dialect(dialect)) {
        x.dialect = *d;
      } else {
        fail(file, "unknown dialect '" + dialect + "' in 'examples'");
      }
      x.fires = required_string(e, "fires", file);
      x.silent = required_string(e, "silent", file);
      if (e["path"]) x.path = required_string(e, "path", file);
      if (e["version"]) {
        x.version = required_string(e, "version", file);
        if (!Version::parse(x.version)) fail(file, "example version '" + x.version + "' is not X.Y.Z");
      }
      r.examples.push_back(std::move(x));
    }
  }
  return r;
}

}  // namespace

RuleCatalog RuleCatalog::load(const std::vector<RuleText>& texts) {
  RuleCatalog c;
  std::set<std::string> ids, names;
  for (const RuleText& t : texts) {
    RuleSpec r = parse_rule(t);
    if (!ids.insert(r.id).second) fail(t.path, "duplicate rule id '" + r.id + "'");
    if (!names.insert(r.name).second) fail(t.path, "duplicate rule name '" + r.name + "'");
    c.rules_.push_back(std::move(r));
  }
  std::sort(c.rules_.begin(), c.rules_.end(), [](const RuleSpec& a, const RuleSpec& b) { return a.id < b.id; });
  return c;
}

RuleCatalog RuleCatalog::from_validated(std::vector<RuleSpec> rules, JvmPropertyCatalog jvm_properties) {
  RuleCatalog c;
  c.rules_ = std::move(rules);
  c.jvm_properties_ = std::move(jvm_properties);
  std::sort(c.rules_.begin(), c.rules_.end(), [](const RuleSpec& a, const RuleSpec& b) { return a.id < b.id; });
  return c;
}

const RuleSpec* RuleCatalog::find(std::string_view key) const {
  for (const RuleSpec& r : rules_) {
    if (r.name == key || edit_distance(r.id, key) == 0) return &r;
  }
  return nullptr;
}

std::string RuleCatalog::unknown_rule_message(std::string_view key) const {
  std::string msg = "unknown rule '" + std::string(key) + "'";
  if (auto s = suggest(key)) msg += "; did you mean '" + *s + "'?";
  return msg;
}

std::optional<std::string> RuleCatalog::suggest(std::string_view key) const {
  std::vector<std::string> options;
  for (const RuleSpec& r : rules_) {
    options.push_back(r.id);
    options.push_back(r.name);
  }
  return closest_word(key, options);
}

}  // namespace staplint
