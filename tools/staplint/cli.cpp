#include "cli.hpp"

#include <algorithm>
#include <thread>

#include <string_view>

#include "staplint/format.hpp"
#include "staplint/rules.hpp"
#include "staplint/text.hpp"

namespace staplint::cli {

std::string_view usage_synopsis() { return "staplint [options] PATH..."; }

std::string_view usage_description() {
  return R"(Lints web-server TLS configuration for certificate revocation: OCSP stapling,
client-certificate and upstream revocation checks.

PATH is a directory (every nginx.conf, apache2.conf, httpd.conf and Tomcat
server.xml below it is linted with what it includes or reads, then the server
files and JVM files none of them reached) or a file (an entry, a file linted in
the context of the entry above it that includes it, or a standalone fragment).

With no PATH, the 'entries' of the .staplint.yaml found from the current
directory are linted. Each PATH is linted under the .staplint.yaml in its
directory or the nearest one above it; options given here win over it.

'staplint probe HOST[:PORT]...' connects to each live endpoint (port 443 by
default), asks for its OCSP staple over TLS 1.2 and TLS 1.3, and checks what
comes back: the staple's signature, that it names the served certificate, its
status and its freshness. It connects only to the targets named, and to the
OCSP responder only with --ask-responder. Its verdicts: stapled-good,
stapled-revoked, stapled-stale, stapled-invalid, no-staple, no-ocsp-url,
handshake-failed, unreachable.
)";
}

std::string_view usage_exit_status() {
  return "0 clean, 1 findings at or above --fail-on, 2 a path could not be\nread, 3 usage error or an invalid "
         "configuration file.\n";
}

std::string OptionSpec::synopsis() const {
  std::string out = short_name.empty() ? std::string(name) : std::string(short_name) + ", " + std::string(name);
  if (takes == Takes::value) out += " " + std::string(value);
  if (takes == Takes::inline_value) out += "[=" + std::string(value) + "]";
  return out;
}

std::vector<std::string_view> OptionSpec::words() const {
  std::vector<std::string_view> out;
  if (completes != Completes::words) return out;
  for (std::string_view w : split_nonempty(value, '|')) out.push_back(w);
  return out;
}

std::string usage() {
  // The option in a column of 25, its help beside it when two blanks fit
  // between them, else on the next line; help lines continue in column 28.
  constexpr std::size_t kHelpColumn = 27;
  std::string out =
      "usage: " + std::string(usage_synopsis()) + "\n\n" + std::string(usage_description()) + "\noptions:\n";
  for (const OptionSpec& o : option_table()) {
    std::string line = "  " + o.synopsis();
    bool first = true;
    for (std::string_view help : split_nonempty(o.help, '\n')) {
      if (first && line.size() + 2 <= kHelpColumn) {
        line.resize(kHelpColumn, ' ');
      } else {
        out += line + "\n";
        line = std::string(kHelpColumn, ' ');
      }
      line += help;
      first = false;
    }
    out += line + "\n";
  }
  out += "\nexit status: " + std::string(usage_exit_status());
  return out;
}

Options::Command Options::command() const {
  if (help) return Command::help;
  if (version) return Command::version;
  if (list_rules) return Command::list_rules;
  if (!explain.empty()) return Command::explain;
  if (!dump_ast.empty()) return Command::dump_ast;
  if (probe.on) return Command::probe;
  if (!write_baseline.empty()) return Command::lint;  // records the findings; fixes nothing
  if (fix || diff) return Command::fix;
  return Command::lint;
}

namespace {

const OptionSpec* find_option(std::string_view spelled) {
  for (const OptionSpec& o : option_table()) {
    if (o.name == spelled || (!o.short_name.empty() && o.short_name == spelled)) return &o;
  }
  return nullptr;
}

/// `-vv`: short options that take no value, written together.
std::optional<std::vector<const OptionSpec*>> short_cluster(std::string_view arg) {
  if (arg.size() < 3 || arg[0] != '-' || arg[1] == '-') return std::nullopt;
  std::vector<const OptionSpec*> out;
  for (char c : arg.substr(1)) {
    const OptionSpec* o = find_option(std::string{'-', c});
    if (!o || o->takes != Takes::nothing) return std::nullopt;
    out.push_back(o);
  }
  return out;
}

std::string unknown_option(const std::string& arg) {
  std::vector<std::string> names;
  for (const OptionSpec& o : option_table()) names.emplace_back(o.name);
  std::string message = "unknown option '" + arg + "'";
  if (arg.rfind("--", 0) == 0) {
    if (auto near = closest_word(arg, names)) message += "; did you mean '" + *near + "'?";
  }
  return message;
}

}  // namespace

Result<Options> parse(int argc, const char* const* argv) {
  Options o;
  o.load.jobs = std::clamp(std::thread::hardware_concurrency(), 1u, 256u);
  bool only_paths = false;
  std::string error;
  int first = 1;
  if (argc > 1 && std::string_view(argv[1]) == "probe") {
    o.probe.on = true;  // `staplint probe TARGET...`: the targets take the paths' place
    first = 2;
  }
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (only_paths || arg.empty() || arg[0] != '-' || arg == "-") {
      o.paths.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_paths = true;
      continue;
    }
    std::optional<std::string> inline_value;
    if (arg.rfind("--", 0) == 0) {
      if (auto eq = arg.find('='); eq != std::string::npos) {
        inline_value = arg.substr(eq + 1);
        arg.resize(eq);
      }
    }
    const OptionSpec* spec = find_option(arg);
    // `-j4`: a short option with its value attached.
    if (!spec && arg.size() > 2 && arg[0] == '-' && arg[1] != '-') {
      if (const OptionSpec* s = find_option(arg.substr(0, 2)); s && s->takes == Takes::value) {
        inline_value = arg.substr(2);
        arg.resize(2);
        spec = s;
      }
    }
    if (!spec) {
      const auto cluster = short_cluster(arg);
      if (!cluster) return Error{unknown_option(arg)};
      for (const OptionSpec* c : *cluster) {
        if (!c->apply(o, c->name, {}, error)) return Error{error};
      }
      continue;
    }
    std::string value;
    switch (spec->takes) {
      case Takes::nothing:
        if (inline_value) return Error{"option '" + arg + "' takes no value"};
        break;
      case Takes::value:
        if (inline_value) {
          value = *inline_value;
        } else if (i + 1 < argc) {
          value = argv[++i];
        } else {
          return Error{"option '" + arg + "' needs a value"};
        }
        break;
      case Takes::inline_value:
        if (inline_value && inline_value->empty()) return Error{"option '" + arg + "' needs a value after '='"};
        value = inline_value.value_or("");
        break;
    }
    if (!spec->apply(o, spec->name, value, error)) return Error{error};
  }
  if (!o.baseline.empty() && !o.write_baseline.empty()) {
    return Error{"'--baseline' and '--write-baseline' exclude each other: a new baseline records every finding"};
  }
  if (o.no_config && !o.config_file.empty()) return Error{"'--config' and '--no-config' exclude each other"};
  if (!o.probe.on && !o.probe.given.empty()) {
    return Error{"'" + o.probe.given.front() + "' is an option of 'staplint probe TARGET...'"};
  }
  if (o.probe.on && o.command() == Options::Command::probe && o.paths.empty() && o.probe.from.empty()) {
    return Error{o.probe.replay
                     ? "'staplint probe --replay' needs a recording: NAME.probe.yaml, or a folder of them"
                     : "'staplint probe' needs a target: HOST[:PORT], such as example.org or 127.0.0.1:8443"};
  }
  if (o.probe.replay) {
    // A replay connects to nothing: the options that say where or how are not its.
    for (const std::string& g : o.probe.given) {
      if (g != "--replay")
        return Error{"'" + g + "' probes a live endpoint; 'staplint probe --replay' connects to nothing"};
    }
  }
  return o;
}

Result<Run> resolve(const Options& o, const ProjectConfig* c, const RuleCatalog& catalog, const std::string& cwd) {
  std::string error;
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
    // The command line's --template-var come after, and override these.
    std::vector<LoadOptions::TemplateVar> given;
    for (const auto& [name, value] : c->template_vars) given.push_back({name, value, here(c->file)});
    req.load.template_vars.insert(req.load.template_vars.begin(), given.begin(), given.end());
    for (const auto& [glob, engine] : c->templates) req.load.template_globs.emplace_back(absolute(glob), engine);
    if (c->format) run.format = *c->format;
  }
  if (o.enable && !(req.policy.enable = rule_ids(*o.enable))) return Error{error};
  if (o.disable) {
    auto ids = rule_ids(*o.disable);
    if (!ids) return Error{error};
    req.policy.disable = std::move(*ids);
  }
  for (const auto& [name, level] : o.severity) {
    auto ids = rule_ids({name});
    if (!ids) return Error{error};
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
