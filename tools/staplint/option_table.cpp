// Every option staplint takes, once: its spelling, its value, its help and
// what the shell completes for it, with the code that stores it. Parsing,
// --help, the man page and the bash completion are all read from here.
#include <string_view>

#include "cli.hpp"
#include "staplint/format.hpp"
#include "staplint/rules.hpp"
#include "staplint/text.hpp"

namespace staplint::cli {

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

/// A positive number up to `cap`: a limit is there to bound the work, so one
/// past its cap is a usage error, never wrapped or silently clamped.
template <class T>
bool limit(std::string_view option, const std::string& v, unsigned long long cap, T& out, std::string& error) {
  unsigned long long n = 0;
  if (!parse_uint(v, n) || n == 0) {
    error = "option '" + std::string(option) + "' needs a positive number, not '" + v + "'";
    return false;
  }
  if (n > cap) {
    error = "option '" + std::string(option) + "' takes at most " + std::to_string(cap) + ", not '" + v + "'";
    return false;
  }
  out = static_cast<T>(n);
  return true;
}

bool rule_set(std::optional<std::set<std::string>>& set, std::string_view option, const std::string& v,
              std::string& error) {
  if (split_nonempty(v, ',').empty()) {
    error = "'" + std::string(option) + "' needs rule ids or names, like SL1001,stapling-unverified; '" + v +
            "' names none";
    return false;
  }
  if (!set) set.emplace();
  for (std::string_view r : split_nonempty(v, ',')) set->emplace(r);
  return true;
}

bool server_version(std::optional<Version>& into, std::string_view option, std::string_view server,
                    const std::string& v, std::string& error) {
  into = parse_server_version(server, v);
  if (!into) {
    error = "'" + std::string(option) + "' takes a version like " + std::string(server_version_example(server)) +
            ", not '" + v + "'";
    return false;
  }
  return true;
}

using S = std::string_view;
using V = const std::string&;
using E = std::string&;

// NOLINTBEGIN(readability-function-size): a table, one entry per option
const OptionSpec kOptions[] = {
    {"--format", "", "text|gcc|json|github|checkstyle|junit|sarif", Takes::value, "output format (default: text)",
     Completes::words,
     [](Options& o, S, V v, E error) {
       if (!make_formatter(v, false)) {
         error = "unknown format '" + v + "'; use text, gcc, json, github, checkstyle, junit or sarif";
         return false;
       }
       o.format = v;
       return true;
     }},
    {"--color", "", "auto|always|never", Takes::value,
     "color the text output (default: auto, when stdout is a terminal)", Completes::words,
     [](Options& o, S, V v, E error) {
       if (v != "auto" && v != "always" && v != "never") {
         error = "--color takes auto, always or never";
         return false;
       }
       o.color = v;
       return true;
     }},
    {"--fail-on", "", "error|warning|info|none", Takes::value,
     "exit 1 when a finding is at or above this (default: warning)", Completes::words,
     [](Options& o, S, V v, E error) {
       if (v != "none" && !parse_severity(v)) {
         error = "--fail-on takes error, warning, info or none, not '" + v + "'";
         return false;
       }
       o.fail_on = v;
       return true;
     }},
    {"--config", "", "FILE", Takes::value, "use this configuration file instead of searching for .staplint.yaml",
     Completes::files,
     [](Options& o, S, V v, E) {
       o.config_file = v;
       return true;
     }},
    {"--no-config", "", "", Takes::nothing, "use no configuration file", Completes::nothing,
     [](Options& o, S, V, E) {
       o.no_config = true;
       return true;
     }},
    {"--enable", "", "RULE[,RULE...]", Takes::value, "run only these rules (ids or names)", Completes::rule_list,
     [](Options& o, S option, V v, E error) { return rule_set(o.enable, option, v, error); }},
    {"--disable", "", "RULE[,RULE...]", Takes::value, "do not run these rules", Completes::rule_list,
     [](Options& o, S option, V v, E error) { return rule_set(o.disable, option, v, error); }},
    {"--severity", "", "RULE=LEVEL", Takes::value, "report RULE as error, warning or info (repeatable)",
     Completes::rule_levels,
     [](Options& o, S, V v, E error) {
       const auto eq = v.find('=');
       if (eq == std::string::npos || eq == 0 || !parse_severity(v.substr(eq + 1))) {
         error = "--severity takes RULE=error, RULE=warning or RULE=info, not '" + v + "'";
         return false;
       }
       o.severity.emplace_back(v.substr(0, eq), v.substr(eq + 1));
       return true;
     }},
    {"--exclude", "", "GLOB", Takes::value,
     "do not lint or report files matching GLOB (repeatable;\n'**' matches directories, a bare name matches at any "
     "depth)",
     Completes::nothing,
     [](Options& o, S, V v, E error) {
       if (v.find_first_not_of(" \t/") == std::string::npos) {
         error = "'--exclude' needs a glob, like '**/*.bak'; an empty one would exclude everything";
         return false;
       }
       o.exclude.push_back(v);
       return true;
     }},
    {"--prefix", "", "DIR", Takes::value,
     "resolve relative includes against DIR, nginx's conf prefix\n(default: the entry's directory)",
     Completes::directories,
     [](Options& o, S, V v, E) {
       o.load.prefix = v;
       return true;
     }},
    {"--root", "", "DIR", Takes::value,
     "read absolute paths (includes, and --prefix) below DIR, for a\ncheckout of the server's / (e.g. --root . for "
     "./etc/nginx/...)",
     Completes::directories,
     [](Options& o, S, V v, E) {
       o.load.root = v;
       return true;
     }},
    {"--path-map", "", "SERVER=DIR", Takes::value,
     "read the absolute server path SERVER (and below it) from DIR\n(repeatable; the longest match wins over --root)",
     Completes::nothing,
     [](Options& o, S, V v, E error) {
       const auto eq = v.find('=');
       if (eq == std::string::npos || v[0] != '/' || eq + 1 == v.size()) {
         error = "--path-map takes SERVER=DIR with an absolute SERVER path, not '" + v + "'";
         return false;
       }
       o.load.path_map.emplace_back(v.substr(0, eq), v.substr(eq + 1));
       return true;
     }},
    {"--template-var", "", "NAME=VALUE", Takes::value,
     "read the template variable NAME as VALUE (repeatable), by the name the\ntemplate writes: nginx_stapling, "
     ".Values.tls.stapling, @stapling, STAPLING",
     Completes::nothing,
     [](Options& o, S, V v, E error) {
       const auto eq = v.find('=');
       if (eq == std::string::npos || eq == 0) {
         error = "--template-var takes NAME=VALUE, not '" + v + "'";
         return false;
       }
       o.load.template_vars.push_back({v.substr(0, eq), v.substr(eq + 1), "--template-var"});
       return true;
     }},
    {"--nginx-version", "", "X.Y.Z", Takes::value,
     "judge version-dependent rules for this nginx (default: current mainline)", Completes::nothing,
     [](Options& o, S, V v, E error) {
       o.lint.nginx_version = Version::parse(v);
       if (!o.lint.nginx_version) {
         error = "--nginx-version takes a version like 1.26.2, not '" + v + "'";
         return false;
       }
       return true;
     }},
    {"--httpd-version", "", "X.Y.Z", Takes::value, "... for this Apache httpd (default: a current 2.4)",
     Completes::nothing,
     [](Options& o, S option, V v, E error) {
       return server_version(o.lint.httpd_version, option, "httpd", v, error);
     }},
    {"--tomcat-version", "", "X.Y.Z", Takes::value, "... for this Tomcat (default: a current release)",
     Completes::nothing,
     [](Options& o, S option, V v, E error) {
       return server_version(o.lint.tomcat_version, option, "tomcat", v, error);
     }},
    {"--jdk-version", "", "V", Takes::value, "... for this JDK: 17, 21.0.5, 1.8.0_251 or 8u251 (default: current)",
     Completes::nothing,
     [](Options& o, S option, V v, E error) { return server_version(o.lint.jdk_version, option, "jdk", v, error); }},
    {"--no-certificates", "", "", Takes::nothing,
     "do not read the certificate, CRL and OCSP files the configuration\nnames (private keys are never read)",
     Completes::nothing,
     [](Options& o, S, V, E) {
       o.lint.read_certificates = false;
       return true;
     }},
    {"--crl-warn-days", "", "N", Takes::value, "warn about a CRL whose nextUpdate is within N days (default: 7)",
     Completes::nothing,
     [](Options& o, S, V v, E error) {
       unsigned long long n = 0;
       if (!parse_uint(v, n) || n > 3650) {
         error = "--crl-warn-days takes a number of days from 0 to 3650, not '" + v + "'";
         return false;
       }
       o.lint.crl_warn_days = static_cast<int>(n);
       return true;
     }},
    {"--max-file-size", "", "BYTES", Takes::value, "larger files are not read (default: 33554432, at most 268435456)",
     Completes::nothing,
     [](Options& o, S option, V v, E error) {
       return limit(option, v, LoadLimits::kMaxFileSizeCap, o.load.limits.max_file_size, error);
     }},
    {"--max-include-depth", "", "N", Takes::value, "(default: 64, at most 1000)", Completes::nothing,
     [](Options& o, S option, V v, E error) {
       return limit(option, v, LoadLimits::kMaxIncludeDepthCap, o.load.limits.max_include_depth, error);
     }},
    {"--max-files", "", "N", Takes::value, "files in one tree (default: 200000, at most 10000000)", Completes::nothing,
     [](Options& o, S option, V v, E error) {
       return limit(option, v, LoadLimits::kMaxFilesCap, o.load.limits.max_files, error);
     }},
    {"--max-nesting", "", "N", Takes::value, "block nesting depth, through includes too (default: 100, at most 10000)",
     Completes::nothing,
     [](Options& o, S option, V v, E error) {
       return limit(option, v, LoadLimits::kMaxNestingCap, o.load.limits.max_nesting, error);
     }},
    {"--max-expansion", "", "N", Takes::value,
     "statements a tree may hold after includes, as a multiple of its\ndistinct ones (default: 64, at most 100000; "
     "never under 250000)",
     Completes::nothing,
     [](Options& o, S option, V v, E error) {
       return limit(option, v, LoadLimits::kMaxExpansionCap, o.load.limits.max_expansion, error);
     }},
    {"--max-value-length", "", "BYTES", Takes::value,
     "a variable's value after expansion: httpd Define, shell and\nbatch variables (default: 1048576, at most "
     "67108864)",
     Completes::nothing,
     [](Options& o, S option, V v, E error) {
       return limit(option, v, LoadLimits::kMaxValueLengthCap, o.load.limits.max_value_length, error);
     }},
    // The value only as --fix=VALUE: a path may follow --fix.
    {"--fix", "", "safe|all", Takes::inline_value,
     "apply the safe fixes (or all, suggested ones too), each file\nwritten atomically; then report what remains",
     Completes::words,
     [](Options& o, S, V v, E error) {
       if (v.empty() || v == "safe") {
         o.fix = FixMode::safe;
       } else if (v == "all") {
         o.fix = FixMode::all;
       } else {
         error = "'--fix' takes 'safe' or 'all', not '" + v + "'";
         return false;
       }
       return true;
     }},
    {"--diff", "", "", Takes::nothing,
     "print the fixes --fix would apply as a unified diff\n(for git apply or patch -p1) instead of writing them",
     Completes::nothing,
     [](Options& o, S, V, E) {
       o.diff = true;
       return true;
     }},
    {"--show-suppressed", "", "", Takes::nothing, "list the findings inline suppressions turned off, with reasons",
     Completes::nothing,
     [](Options& o, S, V, E) {
       o.show_suppressed = true;
       return true;
     }},
    {"--write-baseline", "", "FILE", Takes::value, "record the current findings in FILE and exit 0", Completes::files,
     [](Options& o, S, V v, E) {
       o.write_baseline = v;
       return true;
     }},
    {"--baseline", "", "FILE", Takes::value,
     "report only findings FILE does not record (matched by rule,\nfile and the directive's text, not by line)",
     Completes::files,
     [](Options& o, S, V v, E) {
       o.baseline = v;
       return true;
     }},
    {"--sni", "", "NAME", Takes::value,
     "probe: the server name to send (default: the target's host, unless\nit is an address)", Completes::nothing,
     [](Options& o, S option, V v, E error) {
       o.probe.given.emplace_back(option);
       if (v.empty() || v.find_first_of(" \t\r\n/:") != std::string::npos) {
         error = "--sni takes a host name, not '" + v + "'";
         return false;
       }
       o.probe.sni = v;
       return true;
     }},
    {"--connect", "", "HOST:PORT=ADDR", Takes::value,
     "probe: connect to ADDR for the target HOST:PORT (repeatable): a\nserver before DNS points at it", Completes::nothing,
     [](Options& o, S option, V v, E error) {
       o.probe.given.emplace_back(option);
       const auto eq = v.find('=');
       if (eq == std::string::npos || eq == 0 || eq + 1 == v.size()) {
         error = "--connect takes HOST:PORT=ADDR, not '" + v + "'";
         return false;
       }
       o.probe.connect.emplace_back(v.substr(0, eq), v.substr(eq + 1));
       return true;
     }},
    {"--from", "", "PATH", Takes::value,
     "probe: the TLS endpoints the configuration at PATH declares (repeatable),\neach at the address it listens on "
     "(or --connect's), with its server name",
     Completes::files,
     [](Options& o, S option, V v, E) {
       o.probe.given.emplace_back(option);
       o.probe.from.push_back(v);
       return true;
     }},
    {"--against", "", "PATH", Takes::value,
     "probe: as --from, and set each live verdict beside the configuration's\nstatic one, saying where they "
     "disagree and what to check",
     Completes::files,
     [](Options& o, S option, V v, E) {
       o.probe.given.emplace_back(option);
       o.probe.from.push_back(v);
       o.probe.against = true;
       return true;
     }},
    {"--replay", "", "", Takes::nothing,
     "probe: the arguments are probe recordings (NAME.probe.yaml, or folders\nof them), judged again offline; "
     "nothing is connected to",
     Completes::nothing,
     [](Options& o, S option, V, E) {
       o.probe.given.emplace_back(option);
       o.probe.replay = true;
       return true;
     }},
    {"--record", "", "DIR", Takes::value,
     "probe: also write what each endpoint sent to DIR, as a recording\n(NAME.probe.yaml and its certificate and "
     "response files) that --replay\njudges again",
     Completes::directories,
     [](Options& o, S option, V v, E) {
       o.probe.given.emplace_back(option);
       o.probe.record = v;
       return true;
     }},
    {"--ask-responder", "", "", Takes::nothing,
     "probe: also ask each leaf's OCSP responder (http:// only), and compare\nits answer with the staple; "
     "without it the responder is never contacted",
     Completes::nothing,
     [](Options& o, S option, V, E) {
       o.probe.given.emplace_back(option);
       o.probe.ask_responder = true;
       return true;
     }},
    {"--attempts", "", "N", Takes::value,
     "probe: handshakes per endpoint and TLS version until a staple comes\n(default: 3, at most 20): a cold nginx "
     "staples only later",
     Completes::nothing,
     [](Options& o, S option, V v, E error) {
       o.probe.given.emplace_back(option);
       return limit(option, v, 20, o.probe.attempts, error);
     }},
    {"--timeout", "", "SECONDS", Takes::value, "probe: the bound on each handshake (default: 5, at most 120)",
     Completes::nothing,
     [](Options& o, S option, V v, E error) {
       o.probe.given.emplace_back(option);
       unsigned seconds = 0;
       if (!limit(option, v, 120, seconds, error)) return false;
       o.probe.timeout_ms = seconds * 1000;
       return true;
     }},
    {"--tls", "", "1.2|1.3", Takes::value, "probe: only this TLS version (default: both, as the staple travels\n"
     "differently in each)", Completes::words,
     [](Options& o, S option, V v, E error) {
       o.probe.given.emplace_back(option);
       if (v != "1.2" && v != "1.3") {
         error = "--tls takes 1.2 or 1.3, not '" + v + "'";
         return false;
       }
       o.probe.tls = v;
       return true;
     }},
    {"--jobs", "-j", "N", Takes::value,
     "read and parse the files an include names, and run a large tree's\nrules, on N threads (default: the "
     "number of cores, at most 256);\nthe output is the same for any N",
     Completes::nothing, [](Options& o, S option, V v, E error) { return limit(option, v, 256, o.load.jobs, error); }},
    {"--dump-ast", "", "FILE", Takes::value, "print the syntax tree of FILE with includes expanded", Completes::files,
     [](Options& o, S, V v, E) {
       o.dump_ast = v;
       return true;
     }},
    {"--list-rules", "", "", Takes::nothing, "print the rule catalog", Completes::nothing,
     [](Options& o, S, V, E) {
       o.list_rules = true;
       return true;
     }},
    {"--explain", "", "RULE", Takes::value, "print what RULE (SLnnnn or its name) checks, why, and the fix",
     Completes::rules,
     [](Options& o, S, V v, E) {
       o.explain = v;
       return true;
     }},
    {"--verbose", "-v", "", Takes::nothing, "log to stderr (repeat for debug)", Completes::nothing,
     [](Options& o, S, V, E) {
       ++o.verbosity;
       return true;
     }},
    {"--version", "", "", Takes::nothing, "print the version", Completes::nothing,
     [](Options& o, S, V, E) {
       o.version = true;
       return true;
     }},
    {"--help", "-h", "", Takes::nothing, "print this help", Completes::nothing,
     [](Options& o, S, V, E) {
       o.help = true;
       return true;
     }},
};
// NOLINTEND(readability-function-size)

}  // namespace

std::span<const OptionSpec> option_table() { return kOptions; }

}  // namespace staplint::cli
