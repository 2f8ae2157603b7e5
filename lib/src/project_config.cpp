// `.staplint.yaml`: read with yaml-cpp, every key checked, every error placed.
#include "staplint/project_config.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>

#include "staplint/format.hpp"
#include "staplint/text.hpp"

namespace staplint {

namespace {
/// The top-level keys, sorted, with what each takes (the man page prints it).
constexpr std::pair<std::string_view, std::string_view> kKeys[] = {
    {"disable", "[RULE, ...]: rules (ids or names) that do not run"},
    {"enable", "[RULE, ...]: run only these rules (default: every rule)"},
    {"entries",
     "[PATH, ...]: linted when no path is named; a file named on its own is linted in the tree of "
     "the entry that includes it"},
    {"exclude",
     "[GLOB, ...]: files neither linted nor reported ('**' across directories, a bare name at any "
     "depth, a leading '/' anchored here)"},
    {"fail-on", "error | warning | info | none: exit 1 at or above this (default: warning)"},
    {"format", "text | gcc | json | github | checkstyle | junit | sarif"},
    {"paths",
     "{SERVER_PATH: CHECKOUT_PATH, ...}: absolute server paths read from the checkout; the longest "
     "prefix wins over 'root'"},
    {"root", "DIR: the checkout of the server's /, where absolute includes are read"},
    {"severity", "{RULE: error | warning | info, ...}: a severity per rule"},
    {"template-vars",
     "{NAME: VALUE, ...}: values of template variables, by the name the template writes "
     "(nginx_stapling, .Values.tls.stapling, @stapling, STAPLING); over a role's or chart's own"},
    {"templates",
     "{GLOB: jinja | go | erb | envsubst, ...}: files read as templates of that engine, whatever "
     "their names"},
    {"versions",
     "{nginx: X.Y.Z, httpd: X.Y.Z, tomcat: X.Y.Z, jdk: V}: the versions version-dependent rules "
     "judge for"},
};
}  // namespace

const std::vector<std::string_view>& project_config_keys() {
  static const std::vector<std::string_view> keys = [] {
    std::vector<std::string_view> out;
    for (const auto& [k, help] : kKeys) out.push_back(k);
    return out;
  }();
  return keys;
}

std::string_view project_config_key_help(std::string_view key) {
  for (const auto& [k, help] : kKeys) {
    if (k == key) return help;
  }
  return {};
}

const std::vector<std::string_view>& project_config_version_keys() {
  static const std::vector<std::string_view> keys = {"httpd", "jdk", "nginx", "tomcat"};
  return keys;
}

namespace {

struct Invalid {
  ProjectConfigError error;
};

class Reader {
 public:
  Reader(const std::string& file, const RuleCatalog& catalog) : file_(file), catalog_(catalog) {}

  [[noreturn]] void fail(const YAML::Node& at, std::string message) const {
    ProjectConfigError e{file_, 1, 1, std::move(message)};
    const YAML::Mark m = at.Mark();
    if (m.line >= 0) e.line = static_cast<unsigned>(m.line) + 1;
    if (m.column >= 0) e.column = static_cast<unsigned>(m.column) + 1;
    throw Invalid{std::move(e)};
  }

  std::string scalar(const YAML::Node& n, std::string_view key, std::string_view what) const {
    if (!n.IsScalar()) fail(n, "'" + std::string(key) + "' takes " + std::string(what));
    return n.Scalar();
  }

  std::vector<YAML::Node> list(const YAML::Node& n, std::string_view key, std::string_view what) const {
    if (!n.IsSequence()) fail(n, "'" + std::string(key) + "' takes a list of " + std::string(what));
    std::vector<YAML::Node> out;
    for (const YAML::Node& item : n) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        fail(item, "'" + std::string(key) + "' takes a list of " + std::string(what));
      }
      out.push_back(item);
    }
    return out;
  }

  void check_key(const YAML::Node& key, const std::vector<std::string_view>& allowed, std::string_view where) const {
    const std::string k = key.IsScalar() ? key.Scalar() : std::string();
    if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) return;
    std::string msg = "unknown key '" + k + "'" + std::string(where);
    if (auto s = closest_word(k, {allowed.begin(), allowed.end()})) msg += "; did you mean '" + *s + "'?";
    fail(key, msg);
  }

  std::string rule(const YAML::Node& n) const {
    const std::string& key = n.Scalar();
    if (const RuleSpec* r = catalog_.find(key)) return r->id;
    fail(n, catalog_.unknown_rule_message(key));
  }

  std::string path(const std::string& dir, const std::string& p) const {
    return path::is_absolute(p) || dir.empty() ? p : path::normalize(path::join(dir, p));
  }
  /// A path this file names for reading (entries, root, paths): it must lie
  /// in the file's directory or below, since the file arrives with the
  /// repository and may be anyone's (`entries: [../../../etc/shadow]`).
  std::string path_below(const YAML::Node& n, const std::string& dir, const std::string& p) const {
    std::string full = path(dir, p);
    if (dir.empty()) return full;
    const std::string f = path::normalize(full);
    auto below = [&](const std::string& dir_) {
      const std::string d = path::normalize(dir_);
      return !dir_.empty() && (f == d || f.rfind(d == "/" ? d : d + "/", 0) == 0);
    };
    if (!below(dir) && !below(work_dir)) {
      fail(n, "'" + p + "' is outside the directory of this file; it may name only paths below it" +
                  std::string(work_dir.empty() ? "" : " or below the working directory"));
    }
    return full;
  }

  Version version(const YAML::Node& n, std::string_view server) const {
    const std::string v = scalar(n, server, "a version");
    const std::optional<Version> parsed = parse_server_version(server, v);
    if (!parsed) {
      fail(n, "'" + std::string(server) + "' takes a version like " + std::string(server_version_example(server)) +
                  ", not '" + v + "'");
    }
    return *parsed;
  }

  ProjectConfig read(const YAML::Node& top, ProjectConfig c) const {
    if (top.IsNull()) return c;
    if (!top.IsMap()) fail(top, "a staplint configuration is a mapping of keys, like 'disable: [SL9003]'");
    std::set<std::string> seen;
    for (const auto& kv : top) {
      check_key(kv.first, project_config_keys(), "");
      const std::string key = kv.first.Scalar();
      // YAML keeps the last of two equal keys silently; a configuration that
      // says two things says neither.
      if (!seen.insert(key).second) fail(kv.first, "key '" + key + "' appears twice");
      const YAML::Node& v = kv.second;
      if (key == "enable" || key == "disable") {
        std::set<std::string> ids;
        for (const YAML::Node& r : list(v, key, "rule ids or names, like [SL1001, stapling-unverified]")) {
          ids.insert(rule(r));
        }
        if (key == "enable" && ids.empty())
          fail(v, "'enable: []' would run no rule; leave 'enable' out to run them all");
        if (key == "enable") {
          c.enable = std::move(ids);
        } else {
          c.disable = std::move(ids);
        }
      } else if (key == "severity") {
        if (!v.IsMap()) fail(v, "'severity' takes a mapping of rules to severities, like {SL1002: error}");
        for (const auto& rs : v) {
          if (!rs.first.IsScalar()) fail(rs.first, "'severity' takes a mapping of rules to severities");
          const std::string id = rule(rs.first);
          const std::string s = scalar(rs.second, id, "error, warning or info");
          const auto sev = parse_severity(s);
          if (!sev) fail(rs.second, "a severity is error, warning or info, not '" + s + "'");
          c.severity[id] = *sev;
        }
      } else if (key == "fail-on") {
        const std::string s = scalar(v, key, "error, warning, info or none");
        if (s != "none" && !parse_severity(s)) {
          fail(v, "'fail-on' takes error, warning, info or none, not '" + s + "'");
        }
        c.fail_on = s;
      } else if (key == "format") {
        const std::string s = scalar(v, key, "an output format");
        const auto& names = formatter_names();
        if (std::find(names.begin(), names.end(), s) == names.end()) {
          std::string msg = "unknown format '" + s + "'";
          if (auto near = closest_word(s, {names.begin(), names.end()})) msg += "; did you mean '" + *near + "'?";
          fail(v, msg);
        }
        c.format = s;
      } else if (key == "entries") {
        for (const YAML::Node& e : list(v, key, "paths, like [etc/nginx/nginx.conf]")) {
          c.entries.push_back(path_below(e, c.dir, e.Scalar()));
        }
      } else if (key == "root") {
        c.root = path_below(v, c.dir, scalar(v, key, "a directory"));
      } else if (key == "paths") {
        if (!v.IsMap())
          fail(v, "'paths' takes a mapping of absolute server paths to checkout paths, like {/etc/nginx: nginx}");
        for (const auto& m : v) {
          const std::string from = scalar(m.first, key, "a mapping of absolute server paths to checkout paths");
          if (!path::is_absolute(from)) fail(m.first, "'" + from + "' is not an absolute server path");
          c.path_map.emplace_back(from, path_below(m.second, c.dir, scalar(m.second, from, "a checkout path")));
        }
      } else if (key == "exclude") {
        for (const YAML::Node& g : list(v, key, "globs, like ['**/*.bak', 'vendor/']")) {
          if (g.Scalar().find_first_not_of(" \t/") == std::string::npos) {
            fail(g, "an empty glob would exclude everything");
          }
          std::string glob = exclude_glob(g.Scalar());
          if (glob.front() == '/') glob.erase(0, 1);  // anchored at the configuration's directory
          c.exclude.push_back(c.dir.empty() ? glob : path::join(c.dir, glob));
        }
      } else if (key == "template-vars") {
        if (!v.IsMap()) fail(v, "'template-vars' takes a mapping of variable names to values, like {stapling: 'on'}");
        for (const auto& m : v) {
          const std::string name = scalar(m.first, key, "a mapping of variable names to values");
          if (!m.second.IsScalar()) fail(m.second, "the value of '" + name + "' is not a plain value");
          c.template_vars.emplace_back(name, m.second.Scalar());
        }
      } else if (key == "templates") {
        if (!v.IsMap()) fail(v, "'templates' takes a mapping of globs to template engines, like {'*.conf.in': jinja}");
        for (const auto& m : v) {
          const std::string glob = scalar(m.first, key, "a mapping of globs to template engines");
          const std::string name = scalar(m.second, glob, "jinja, go, erb or envsubst");
          const std::optional<TemplateEngine> engine = parse_template_engine(name);
          if (!engine) fail(m.second, "a template engine is jinja, go, erb or envsubst, not '" + name + "'");
          if (glob.find_first_not_of(" \t/") == std::string::npos) fail(m.first, "an empty glob matches nothing");
          std::string g = exclude_glob(glob);
          if (g.front() == '/') g.erase(0, 1);  // anchored at the configuration's directory
          c.templates.emplace_back(c.dir.empty() ? g : path::join(c.dir, g), *engine);
        }
      } else if (key == "versions") {
        if (!v.IsMap())
          fail(v, "'versions' takes a mapping like {nginx: 1.26.2, httpd: 2.4.62, tomcat: 10.1.34, jdk: 17}");
        for (const auto& sv : v) {
          check_key(sv.first, project_config_version_keys(), " in 'versions'");
          const std::string server = sv.first.Scalar();
          const Version ver = version(sv.second, server);
          (server == "nginx"    ? c.nginx_version
           : server == "httpd"  ? c.httpd_version
           : server == "tomcat" ? c.tomcat_version
                                : c.jdk_version) = ver;
        }
      }
    }
    return c;
  }

 private:
  const std::string& file_;
  const RuleCatalog& catalog_;

 public:
  std::string work_dir;  ///< paths may also lie below it
};

}  // namespace

Result<ProjectConfig, ProjectConfigError> parse_project_config(std::string_view text, const std::string& file,
                                                               const RuleCatalog& catalog,
                                                               const std::string& work_dir) {
  ProjectConfig c;
  c.file = file;
  c.dir = path::dirname(file);
  if (text.find('\0') != std::string_view::npos) return ProjectConfigError{file, 1, 1, "not a text file"};
  try {
    const YAML::Node top = YAML::Load(std::string(text));
    Reader reader(file, catalog);
    reader.work_dir = work_dir;
    return reader.read(top, std::move(c));
  } catch (const Invalid& e) {
    return e.error;
  } catch (const YAML::DeepRecursion& e) {
    ProjectConfigError err{file, 1, 1, "nested too deep for a staplint configuration"};
    if (e.mark.line >= 0) err.line = static_cast<unsigned>(e.mark.line) + 1;
    if (e.mark.column >= 0) err.column = static_cast<unsigned>(e.mark.column) + 1;
    return err;
  } catch (const YAML::Exception& e) {
    ProjectConfigError err{file, 1, 1, e.msg};
    if (e.mark.line >= 0) err.line = static_cast<unsigned>(e.mark.line) + 1;
    if (e.mark.column >= 0) err.column = static_cast<unsigned>(e.mark.column) + 1;
    return err;
  }
}

std::string find_project_config(const FileSystem& fs, const std::string& p, const std::string& cwd) {
  std::string dir = path::normalize(path::is_absolute(p) || cwd.empty() ? p : path::join(cwd, p));
  if (fs.kind(dir) != PathKind::directory) dir = path::dirname(dir);
  for (int up = 0; up < 256; ++up) {
    std::string cand = path::join(dir, std::string(kProjectConfigName));
    if (fs.kind(cand) == PathKind::file) return cand;
    const std::string parent = path::dirname(dir);
    if (parent == dir || dir.empty() || dir == ".") break;
    dir = parent;
  }
  return {};
}

std::string exclude_glob(std::string glob) {
  while (glob.size() > 1 && glob.back() == '/') glob.pop_back();
  if (glob.find('/') == std::string::npos) glob = "**/" + glob;
  return glob;
}

namespace {

/// One path component against one pattern component: `*`, `?`, `[...]`.
bool match_component(std::string_view p, std::string_view s) {
  std::size_t pi = 0, si = 0, star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star_p = pi++;
      star_s = si;
      continue;
    }
    if (pi < p.size() && p[pi] == '[') {
      std::size_t end = p.find(']', pi + 2);
      if (end != std::string_view::npos) {
        std::size_t k = pi + 1;
        const bool negate = p[k] == '!' || p[k] == '^';
        if (negate) ++k;
        bool hit = false;
        for (; k < end; ++k) {
          if (k + 2 < end && p[k + 1] == '-') {
            hit = hit || (s[si] >= p[k] && s[si] <= p[k + 2]);
            k += 2;
          } else {
            hit = hit || s[si] == p[k];
          }
        }
        if (hit != negate) {
          pi = end + 1;
          ++si;
          continue;
        }
      } else if (s[si] == '[') {
        ++pi;
        ++si;
        continue;
      }
    } else if (pi < p.size() && (p[pi] == '?' || p[pi] == s[si])) {
      ++pi;
      ++si;
      continue;
    }
    if (star_p == std::string_view::npos) return false;
    pi = star_p + 1;
    si = ++star_s;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

bool match_from(const std::vector<std::string_view>& pat, std::size_t pi, const std::vector<std::string_view>& path,
                std::size_t si) {
  if (pi == pat.size()) return true;  // everything below a matched directory
  if (pat[pi] == "**") {
    for (std::size_t k = si; k <= path.size(); ++k) {
      if (match_from(pat, pi + 1, path, k)) return true;
    }
    return false;
  }
  if (si == path.size()) return false;
  return match_component(pat[pi], path[si]) && match_from(pat, pi + 1, path, si + 1);
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  if (path::is_absolute(std::string(pattern)) != path::is_absolute(std::string(path))) return false;
  return match_from(split_nonempty(pattern, '/'), 0, split_nonempty(path, '/'), 0);
}

}  // namespace staplint
