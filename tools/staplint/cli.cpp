#include "cli.hpp"

#include <cstdlib>
#include <string_view>

#include "staplint/format.hpp"

namespace staplint::cli {

const char* usage() {
  return R"(usage: staplint [options] PATH...

Lints web-server TLS configuration for certificate revocation: OCSP stapling,
client-certificate and upstream revocation checks.

PATH is a directory (every nginx.conf, apache2.conf, httpd.conf and Tomcat
server.xml below it is linted with what it includes or reads, then the server
files and JVM files none of them reached) or a file (an entry, a file linted in
the context of the entry above it that includes it, or a standalone fragment).

options:
  --format text|gcc|json|github|checkstyle|junit|sarif
                           output format (default: text)
  --color auto|always|never
  --fail-on error|warning|info|none
                           exit 1 when a finding is at or above this (default: warning)
  --prefix DIR             resolve relative includes against DIR, nginx's conf prefix
                           (default: the entry's directory)
  --root DIR               read absolute paths (includes, and --prefix) below DIR, for a
                           checkout of the server's / (e.g. --root . for ./etc/nginx/...)
  --nginx-version X.Y.Z    judge version-dependent rules for this nginx (default: current mainline)
  --max-file-size BYTES    larger files are not read (default: 33554432)
  --max-include-depth N    (default: 64)
  --max-files N            files in one tree (default: 200000)
  --max-nesting N          block nesting depth (default: 100)
  --fix[=safe|all]         apply the safe fixes (or all, suggested ones too), each file
                           written atomically; then report what remains
  --diff                   print the fixes --fix would apply as a unified diff
                           (for git apply or patch -p1) instead of writing them
  --show-suppressed        list the findings inline suppressions turned off, with reasons
  --dump-ast FILE          print the syntax tree of FILE with includes expanded
  --list-rules             print the rule catalog
  --explain RULE           print what RULE (SLnnnn or its name) checks, why, and the fix
  -v, --verbose            log to stderr (repeat for debug)
  --version                print the version
  -h, --help               print this help

exit status: 0 clean, 1 findings at or above --fail-on, 2 a path could not be
read, 3 usage error.
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
    auto need_uint = [&](unsigned long long& out) -> bool {
      std::string v;
      if (!need(v)) return false;
      if (!parse_uint(v, out) || out == 0) {
        error = "option '" + arg + "' needs a positive number, not '" + v + "'";
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
      if (!need(o.format)) return std::nullopt;
      if (!make_formatter(o.format, false)) {
        error = "unknown format '" + o.format + "'; use text, gcc, json, github, checkstyle, junit or sarif";
        return std::nullopt;
      }
    } else if (arg == "--color") {
      if (!need(o.color)) return std::nullopt;
      if (o.color != "auto" && o.color != "always" && o.color != "never") {
        error = "--color takes auto, always or never";
        return std::nullopt;
      }
    } else if (arg == "--fail-on") {
      std::string v;
      if (!need(v)) return std::nullopt;
      if (v == "none") {
        o.fail_never = true;
      } else if (auto s = parse_severity(v)) {
        o.fail_on = *s;
      } else {
        error = "--fail-on takes error, warning, info or none, not '" + v + "'";
        return std::nullopt;
      }
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
    } else if (arg == "--max-file-size") {
      if (!need_uint(n)) return std::nullopt;
      o.load.limits.max_file_size = n;
    } else if (arg == "--max-include-depth") {
      if (!need_uint(n)) return std::nullopt;
      o.load.limits.max_include_depth = static_cast<unsigned>(n);
    } else if (arg == "--max-files") {
      if (!need_uint(n)) return std::nullopt;
      o.load.limits.max_files = static_cast<unsigned>(n);
    } else if (arg == "--max-nesting") {
      if (!need_uint(n)) return std::nullopt;
      o.load.limits.max_nesting = static_cast<unsigned>(std::min<unsigned long long>(n, 10000));
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
  if (!o.help && !o.version && !o.list_rules && o.explain.empty() && o.dump_ast.empty() &&
      o.paths.empty()) {
    error = "no paths given";
    return std::nullopt;
  }
  return o;
}

}  // namespace staplint::cli
