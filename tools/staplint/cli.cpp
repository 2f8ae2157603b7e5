#include "cli.hpp"

#include <cstdlib>
#include <string_view>

#include "staplint/format.hpp"
#include "staplint/rules.hpp"
#include "staplint/text.hpp"

namespace staplint::cli {

const char* usage() {
  return R"(usage: staplint [options] PATH...

Lints web-server TLS configuration for certificate revocation: OCSP stapling,
client-certificate and upstream revocation checks.

PATH is a directory (every nginx.conf, apache2.conf, httpd.conf and Tomcat
server.xml below it is linted with what it includes or reads, then the server
files and JVM files none of them reached) or a file (an entry, a file linted in
the context of the entry above it that includes it, or a standalone fragment).

With no PATH, the 'entries' of the .staplint.yaml found from the current
directory are linted. Each PATH is linted under the .staplint.yaml in its
directory or the nearest one above it; options given here win over it.

options:
  --format text|gcc|json|github|checkstyle|junit|sarif
                           output format (default: text)
  --color auto|always|never
  --fail-on error|warning|info|none
                           exit 1 when a finding is at or above this (default: warning)
  --config FILE            use this configuration file instead of searching for .staplint.yaml
  --no-config              use no configuration file
  --enable RULE[,RULE...]  run only these rules (ids or names)
  --disable RULE[,RULE...]
                           do not run these rules
  --severity RULE=LEVEL    report RULE as error, warning or info (repeatable)
  --exclude GLOB           do not lint or report files matching GLOB (repeatable;
                           '**' matches directories, a bare name matches at any depth)
  --prefix DIR             resolve relative includes against DIR, nginx's conf prefix
                           (default: the entry's directory)
  --root DIR               read absolute paths (includes, and --prefix) below DIR, for a
                           checkout of the server's / (e.g. --root . for ./etc/nginx/...)
  --path-map SERVER=DIR    read the absolute server path SERVER (and below it) from DIR
                           (repeatable; the longest match wins over --root)
  --nginx-version X.Y.Z    judge version-dependent rules for this nginx (default: current mainline)
  --httpd-version X.Y.Z    ... for this Apache httpd (default: a current 2.4)
  --tomcat-version X.Y.Z   ... for this Tomcat (default: a current release)
  --jdk-version V          ... for this JDK: 17, 21.0.5, 1.8.0_251 or 8u251 (default: current)
  --no-certificates        do not read the certificate, CRL and OCSP files the configuration
                           names (private keys are never read)
  --crl-warn-days N        warn about a CRL whose nextUpdate is within N days (default: 7)
  --max-file-size BYTES    larger files are not read (default: 33554432, at most 268435456)
  --max-include-depth N    (default: 64, at most 1000)
  --max-files N            files in one tree (default: 200000, at most 10000000)
  --max-nesting N          block nesting depth, through includes too (default: 100, at most 10000)
  --max-expansion N        statements a tree may hold after includes, as a multiple of its
                           distinct ones (default: 64, at most 100000; never under 250000)
  --max-value-length BYTES a variable's value after expansion: httpd Define, shell and
                           batch variables (default: 1048576, at most 67108864)
  --fix[=safe|all]         apply the safe fixes (or all, suggested ones too), each file
                           written atomically; then report what remains
  --diff                   print the fixes --fix would apply as a unified diff
                           (for git apply or patch -p1) instead of writing them
  --show-suppressed        list the findings inline suppressions turned off, with reasons
  --write-baseline FILE    record the current findings in FILE and exit 0
  --baseline FILE          report only findings FILE does not record (matched by rule,
                           file and the directive's text, not by line)
  --dump-ast FILE          print the syntax tree of FILE with includes expanded
  --list-rules             print the rule catalog
  --explain RULE           print what RULE (SLnnnn or its name) checks, why, and the fix
  -v, --verbose            log to stderr (repeat for debug)
  --version                print the version
  -h, --help               print this help

exit status: 0 clean, 1 findings at or above --fail-on, 2 a path could not be
read, 3 usage error or an invalid configuration file.
)";
}

namespace {
bool parse_uint(std::string_view s, unsigned long long& out) {
  if (s.empty() || s.size() > 18) return false;
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<unsigned>(c - '0');
  }
  return true;
}
}  // namespace

std::optional<Options> parse(int argc, const char* const* argv, std::string& error) {
  Options o;
  bool only_paths = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool has_inline = false;
    if (!only_paths && arg.rfind("--", 0) == 0) {
      if (auto eq = arg.find('='); eq != std::string::npos) {
        value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
        has_inline = true;
      }
    }
    auto need = [&](std::string& out) -> bool {
      if (has_inline) {
        out = value;
        return true;
      }
      if (i + 1 >= argc) {
        error = "option '" + arg + "' needs a value";
        return false;
      }
      out = argv[++i];
      return true;
    };
    // A positive number up to `cap`: a limit is there to bound the work, so
    // one past its cap is a usage error, never wrapped or silently clamped.
    auto need_uint = [&](unsigned long long& out, unsigned long long cap) -> bool {
      std::string v;
      if (!need(v)) return false;
      if (!parse_uint(v, out) || out == 0) {
        error = "option '" + arg + "' needs a positive number, not '" + v + "'";
        return false;
      }
      if (out > cap) {
        error = "option '" + arg + "' takes at most " + std::to_string(cap) + ", not '" + v + "'";
        return false;
      }
      return true;
    };
    unsigned long long n = 0;
    if (only_paths || arg.empty() || arg[0] != '-' || arg == "-") {
      o.paths.push_back(arg);
    } else if (arg == "--") {
      only_paths = true;
    } else if (arg == "-h" || arg == "--help") {
      o.help = true;
    } else if (arg == "--version") {
      o.version = true;
    } else if (arg == "-v" || arg == "--verbose") {
      ++o.verbosity;
    } else if (arg == "-vv") {
      o.verbosity += 2;
    } else if (arg == "--format") {
      std::string v;
      if (!need(v)) return std::nullopt;
      if (!make_formatter(v, false)) {
        error = "unknown format '" + v + "'; use text, gcc, json, github, checkstyle, junit or sarif";
        return std::nullopt;
      }
      o.format = v;
    } else if (arg == "--color") {
      if (!need(o.color)) return std::nullopt;
      if (o.color != "auto" && o.color != "always" && o.color != "never") {
        error = "--color takes auto, always or never";
        return std::nullopt;
      }
    } else if (arg == "--fail-on") {
      std::string v;
      if (!need(v)) return std::nullopt;
      if (v != "none" && !parse_severity(v)) {
        error = "--fail-on takes error, warning, info or none, not '" + v + "'";
        return std::nullopt;
      }
      o.fail_on = v;
    } else if (arg == "--config") {
      if (!need(o.config_file)) return std::nullopt;
    } else if (arg == "--no-config") {
      o.no_config = true;
    } else if (arg == "--enable" || arg == "--disable") {
      std::string v;
      if (!need(v)) return std::nullopt;
      auto& set = arg == "--enable" ? o.enable : o.disable;
      if (!set) set.emplace();
      for (std::string_view r : split_nonempty(v, ',')) set->emplace(r);
      if (split_nonempty(v, ',').empty()) {
        error = "'" + arg + "' needs rule ids or names, like SL1001,stapling-unverified; '" + v + "' names none";
        return std::nullopt;
      }
    } else if (arg == "--severity") {
      std::string v;
      if (!need(v)) return std::nullopt;
      const auto eq = v.find('=');
      if (eq == std::string::npos || eq == 0 || !parse_severity(v.substr(eq + 1))) {
        error = "--severity takes RULE=error, RULE=warning or RULE=info, not '" + v + "'";
        return std::nullopt;
      }
      o.severity.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else if (arg == "--exclude") {
      std::string v;
      if (!need(v)) return std::nullopt;
      if (v.find_first_not_of(" \t/") == std::string::npos) {
        error = "'--exclude' needs a glob, like '**/*.bak'; an empty one would exclude everything";
        return std::nullopt;
      }
      o.exclude.push_back(v);
    } else if (arg == "--path-map") {
      std::string v;
      if (!need(v)) return std::nullopt;
      const auto eq = v.find('=');
      if (eq == std::string::npos || v[0] != '/' || eq + 1 == v.size()) {
        error = "--path-map takes SERVER=DIR with an absolute SERVER path, not '" + v + "'";
        return std::nullopt;
      }
      o.load.path_map.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else if (arg == "--prefix") {
      if (!need(o.load.prefix)) return std::nullopt;
    } else if (arg == "--root") {
      if (!need(o.load.root)) return std::nullopt;
    } else if (arg == "--nginx-version") {
      std::string v;
      if (!need(v)) return std::nullopt;
      o.lint.nginx_version = Version::parse(v);
      if (!o.lint.nginx_version) {
        error = "--nginx-version takes a version like 1.26.2, not '" + v + "'";
        return std::nullopt;
      }
    } else if (arg == "--httpd-version" || arg == "--tomcat-version" || arg == "--jdk-version") {
      std::string v;
      if (!need(v)) return std::nullopt;
      const std::string server = arg.substr(2, arg.size() - 10);  // --SERVER-version
      auto& into = server == "httpd" ? o.lint.httpd_version
                   : server == "jdk" ? o.lint.jdk_version
                                     : o.lint.tomcat_version;
      into = parse_server_version(server, v);
      if (!into) {
        error =
            "'" + arg + "' takes a version like " + std::string(server_version_example(server)) + ", not '" + v + "'";
        return std::nullopt;
      }
    } else if (arg == "--no-certificates") {
      o.lint.read_certificates = false;
    } else if (arg == "--crl-warn-days") {
      std::string v;
      if (!need(v)) return std::nullopt;
      if (!parse_uint(v, n) || n > 3650) {
        error = "--crl-warn-days takes a number of days from 0 to 3650, not '" + v + "'";
        return std::nullopt;
      }
      o.lint.crl_warn_days = static_cast<int>(n);
    } else if (arg == "--max-file-size") {
      if (!need_uint(n, LoadLimits::kMaxFileSizeCap)) return std::nullopt;
      o.load.limits.max_file_size = n;
    } else if (arg == "--max-include-depth") {
      if (!need_uint(n, LoadLimits::kMaxIncludeDepthCap)) return std::nullopt;
      o.load.limits.max_include_depth = static_cast<unsigned>(n);
    } else if (arg == "--max-files") {
      if (!need_uint(n, LoadLimits::kMaxFilesCap)) return std::nullopt;
      o.load.limits.max_files = static_cast<unsigned>(n);
    } else if (arg == "--max-nesting") {
      if (!need_uint(n, LoadLimits::kMaxNestingCap)) return std::nullopt;
      o.load.limits.max_nesting = static_cast<unsigned>(n);
    } else if (arg == "--max-expansion") {
      if (!need_uint(n, LoadLimits::kMaxExpansionCap)) return std::nullopt;
      o.load.limits.max_expansion = static_cast<unsigned>(n);
    } else if (arg == "--max-value-length") {
      if (!need_uint(n, LoadLimits::kMaxValueLengthCap)) return std::nullopt;
      o.load.limits.max_value_length = n;
    } else if (arg == "--dump-ast") {
      if (!need(o.dump_ast)) return std::nullopt;
    } else if (arg == "--fix") {  // the value only as --fix=VALUE: a path may follow
      if (!has_inline || value == "safe") {
        o.fix = FixMode::safe;
      } else if (value == "all") {
        o.fix = FixMode::all;
      } else {
        error = "'--fix' takes 'safe' or 'all', not '" + value + "'";
        return std::nullopt;
      }
    } else if (arg == "--diff") {
      o.diff = true;
    } else if (arg == "--baseline") {
      if (!need(o.baseline)) return std::nullopt;
    } else if (arg == "--write-baseline") {
      if (!need(o.write_baseline)) return std::nullopt;
    } else if (arg == "--show-suppressed") {
      o.show_suppressed = true;
    } else if (arg == "--list-rules") {
      o.list_rules = true;
    } else if (arg == "--explain") {
      if (!need(o.explain)) return std::nullopt;
    } else {
      error = "unknown option '" + arg + "'";
      return std::nullopt;
    }
  }
  if (!o.baseline.empty() && !o.write_baseline.empty()) {
    error = "'--baseline' and '--write-baseline' exclude each other: a new baseline records every finding";
    return std::nullopt;
  }
  if (o.no_config && !o.config_file.empty()) {
    error = "'--config' and '--no-config' exclude each other";
    return std::nullopt;
  }
  return o;
}

std::optional<Run> resolve(const Options& o, const ProjectConfig* c, const RuleCatalog& catalog, const std::string& cwd,
                           std::string& error) {
  Run run;
  LintRequest& req = run.request;
  req.paths = o.paths;
  req.load = o.load;
  req.load.cwd = cwd;
  req.lint = o.lint;
  auto here = [&](const std::string& p) { return path::relative_to(p, cwd); };
  auto absolute = [&](const std::string& p) {
    return path::normalize(path::is_absolute(p) || cwd.empty() ? p : path::join(cwd, p));
  };
  auto rule_ids = [&](const std::set<std::string>& names) -> std::optional<std::set<std::string>> {
    std::set<std::string> ids;
    for (const std::string& n : names) {
      const RuleSpec* r = catalog.find(n);
      if (!r) {
        error = catalog.unknown_rule_message(n);
        return std::nullopt;
      }
      ids.insert(r->id);
    }
    return ids;
  };
  if (c) {
    req.policy.enable = c->enable;
    req.policy.disable = c->disable;
    req.policy.severity = c->severity;
    for (const std::string& g : c->exclude) req.policy.exclude.push_back(absolute(g));
    for (const std::string& e : c->entries) req.policy.context_entries.push_back(here(e));
    if (req.paths.empty()) req.paths = req.policy.context_entries;
    if (req.load.root.empty() && c->root) req.load.root = here(*c->root);
    if (req.load.path_map.empty()) {
      for (const auto& [from, to] : c->path_map) req.load.path_map.emplace_back(from, here(to));
    }
    if (!req.lint.nginx_version) req.lint.nginx_version = c->nginx_version;
    if (!req.lint.httpd_version) req.lint.httpd_version = c->httpd_version;
    if (!req.lint.tomcat_version) req.lint.tomcat_version = c->tomcat_version;
    if (!req.lint.jdk_version) req.lint.jdk_version = c->jdk_version;
    if (c->format) run.format = *c->format;
  }
  if (o.enable && !(req.policy.enable = rule_ids(*o.enable))) return std::nullopt;
  if (o.disable) {
    auto ids = rule_ids(*o.disable);
    if (!ids) return std::nullopt;
    req.policy.disable = std::move(*ids);
  }
  for (const auto& [name, level] : o.severity) {
    auto ids = rule_ids({name});
    if (!ids) return std::nullopt;
    req.policy.severity[*ids->begin()] = *parse_severity(level);
  }
  if (!o.exclude.empty()) {
    req.policy.exclude.clear();
    for (const std::string& g : o.exclude) req.policy.exclude.push_back(absolute(exclude_glob(g)));
  }
  if (o.format) run.format = *o.format;
  const std::optional<std::string> fail_on = o.fail_on ? o.fail_on : c ? c->fail_on : std::nullopt;
  if (fail_on) {
    run.fail_never = *fail_on == "none";
    if (!run.fail_never) run.fail_on = *parse_severity(*fail_on);
  }
  return run;
}

}  // namespace staplint::cli
