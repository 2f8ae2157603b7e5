#include <catch2/catch.hpp>

#include <algorithm>

#include "cli.hpp"
#include "leave_to_exit.hpp"
#include "staplint/format.hpp"

using namespace staplint;

namespace {
std::optional<cli::Options> run(std::vector<const char*> args, std::string& err) {
  args.insert(args.begin(), "staplint");
  auto parsed = cli::parse(static_cast<int>(args.size()), args.data());
  if (!parsed) {
    err = parsed.error().message;
    return std::nullopt;
  }
  return *std::move(parsed);
}
std::optional<cli::Run> resolve(const cli::Options& o, const ProjectConfig* c, const RuleCatalog& catalog,
                                const std::string& cwd, std::string& err) {
  auto r = cli::resolve(o, c, catalog, cwd);
  if (!r) {
    err = r.error().message;
    return std::nullopt;
  }
  return *std::move(r);
}
}  // namespace

TEST_CASE("options and paths parse", "[cli]") {
  std::string err;
  auto o = run({"--format=gcc", "--fail-on", "error", "--root", "/r", "--nginx-version", "1.27.2", "a.conf", "--",
                "--odd-name.conf"},
               err);
  REQUIRE(o);
  CHECK(o->format == "gcc");
  CHECK(o->fail_on == "error");
  CHECK(o->load.root == "/r");
  CHECK(o->lint.nginx_version->minor == 27);
  CHECK(o->paths == std::vector<std::string>{"a.conf", "--odd-name.conf"});
}

TEST_CASE("usage errors say what is wrong", "[cli]") {
  std::string err;
  CHECK_FALSE(run({"--format", "xml", "a"}, err));
  CHECK(err == "unknown format 'xml'; use text, gcc, json, github, checkstyle, junit or sarif");
  CHECK_FALSE(run({"--max-files", "0", "a"}, err));
  CHECK(err == "option '--max-files' needs a positive number, not '0'");
  CHECK_FALSE(run({"--root"}, err));
  CHECK(err == "option '--root' needs a value");
  CHECK_FALSE(run({"--config", "x.yaml", "--no-config"}, err));
  CHECK(err == "'--config' and '--no-config' exclude each other");
  CHECK_FALSE(run({"--severity", "SL1001=fatal", "a"}, err));
  CHECK(err == "--severity takes RULE=error, RULE=warning or RULE=info, not 'SL1001=fatal'");
  CHECK_FALSE(run({"--path-map", "etc/nginx=x", "a"}, err));
  CHECK_FALSE(run({"--jdk-version", "seventeen", "a"}, err));
  CHECK(err == "'--jdk-version' takes a version like 17, 21.0.5 or 1.8.0_251, not 'seventeen'");
  CHECK_FALSE(run({"--nginx-version", "new", "a"}, err));
}

TEST_CASE("the command line wins over the configuration file, which wins over the defaults", "[cli]") {
  const RuleCatalog& catalog = RuleCatalog::builtin();
  ProjectConfig c;
  c.file = "/repo/.staplint.yaml";
  c.dir = "/repo";
  c.disable = {"SL9003"};
  c.severity = {{"SL1002", Severity::error}};
  c.fail_on = "error";
  c.format = "gcc";
  c.entries = {"/repo/etc/nginx/nginx.conf"};
  c.root = "/repo";
  c.path_map = {{"/etc/ssl", "/repo/pki"}};
  c.exclude = {"/repo/**/*.bak"};
  c.nginx_version = Version{1, 22, 1};
  c.jdk_version = Version{17, 0, 13};
  std::string err;

  // Nothing on the command line: the file's settings, paths relative to here.
  auto o = run({}, err);
  REQUIRE(o);
  auto r = resolve(*o, &c, catalog, "/repo", err);
  REQUIRE(r);
  CHECK(r->format == "gcc");
  CHECK(r->fail_on == Severity::error);
  CHECK_FALSE(r->fail_never);
  CHECK(r->request.paths == std::vector<std::string>{"etc/nginx/nginx.conf"});
  CHECK(r->request.policy.context_entries == std::vector<std::string>{"etc/nginx/nginx.conf"});
  CHECK(r->request.load.root == "/repo");
  CHECK(r->request.load.path_map == std::vector<std::pair<std::string, std::string>>{{"/etc/ssl", "pki"}});
  CHECK_FALSE(r->request.policy.runs("SL9003"));
  CHECK(r->request.policy.runs("SL1001"));
  CHECK(r->request.policy.severity.at("SL1002") == Severity::error);
  CHECK(r->request.policy.exclude == std::vector<std::string>{"/repo/**/*.bak"});
  CHECK(r->request.lint.nginx_version->minor == 22);
  CHECK(r->request.lint.jdk_version->major == 17);

  // The command line replaces each setting it gives, by id or by name.
  o = run({"--format", "json", "--fail-on", "none", "--disable", "stapling-disabled", "--enable", "SL1001,SL1002",
           "--severity", "stapling-unverified=info", "--nginx-version", "1.27.2", "--exclude", "old/", "site.conf"},
          err);
  REQUIRE(o);
  r = resolve(*o, &c, catalog, "/work", err);
  REQUIRE(r);
  CHECK(r->format == "json");
  CHECK(r->fail_never);
  CHECK(r->request.paths == std::vector<std::string>{"site.conf"});
  CHECK_FALSE(r->request.policy.runs("SL1001"));  // disabled wins over enabled
  CHECK(r->request.policy.runs("SL1002"));
  CHECK_FALSE(r->request.policy.runs("SL9003"));  // not enabled
  CHECK(r->request.policy.severity.at("SL1002") == Severity::info);
  CHECK(r->request.policy.exclude == std::vector<std::string>{"/work/**/old"});
  CHECK(r->request.lint.nginx_version->minor == 27);
  CHECK(r->request.load.root == "/repo");  // not below /work: kept absolute

  // No configuration: the defaults.
  r = resolve(*o, nullptr, catalog, "/work", err);
  REQUIRE(r);
  CHECK(r->request.policy.severity.size() == 1);
  CHECK_FALSE(r->request.lint.jdk_version);

  // A rule the catalog does not know.
  o = run({"--disable", "stapling-disabeld", "a"}, err);
  REQUIRE(o);
  CHECK_FALSE(resolve(*o, nullptr, catalog, "/work", err));
  CHECK(err == "unknown rule 'stapling-disabeld'; did you mean 'stapling-disabled'?");
}

TEST_CASE("the command line gives template variables as NAME=VALUE, repeated, in order", "[cli]") {
  std::string err;
  auto o = run({"--template-var", "a=on", "--template-var", ".Values.x=b=c", "."}, err);
  REQUIRE(o);
  REQUIRE(o->load.template_vars.size() == 2);
  CHECK(o->load.template_vars[0].name == "a");
  CHECK(o->load.template_vars[0].value == "on");
  CHECK(o->load.template_vars[1].name == ".Values.x");
  CHECK(o->load.template_vars[1].value == "b=c");
  CHECK(o->load.template_vars[1].source == "--template-var");
  CHECK_FALSE(run({"--template-var", "=on", "."}, err));
  CHECK(err.find("NAME=VALUE") != std::string::npos);
  CHECK_FALSE(run({"--template-var", "novalue", "."}, err));
}

TEST_CASE("probe: its command, targets and options", "[cli]") {
  std::string err;
  auto o = run({"probe", "--sni", "www.example.org", "--attempts", "4", "--timeout", "2", "--tls", "1.3", "--connect",
                "www.example.org:443=192.0.2.7", "www.example.org", "[::1]:8443"},
               err);
  REQUIRE(o);
  CHECK(o->command() == cli::Options::Command::probe);
  CHECK(o->paths == std::vector<std::string>{"www.example.org", "[::1]:8443"});
  CHECK(o->probe.sni == "www.example.org");
  CHECK(o->probe.attempts == 4);
  CHECK(o->probe.timeout_ms == 2000);
  CHECK(o->probe.tls == "1.3");
  REQUIRE(o->probe.connect.size() == 1);
  CHECK(o->probe.connect[0].second == "192.0.2.7");
  CHECK_FALSE(run({"probe"}, err));
  CHECK(err.find("needs a target") != std::string::npos);
  CHECK_FALSE(run({"probe", "--tls", "1.1", "a.example"}, err));
  CHECK_FALSE(run({"probe", "--attempts", "21", "a.example"}, err));
  CHECK_FALSE(run({"probe", "--timeout", "0", "a.example"}, err));
  CHECK_FALSE(run({"probe", "--connect", "noequals", "a.example"}, err));
  CHECK_FALSE(run({"probe", "--sni", "bad name", "a.example"}, err));
  // `probe` is a command only as the first word: elsewhere it is a path.
  o = run({".", "probe"}, err);
  REQUIRE(o);
  CHECK(o->command() == cli::Options::Command::lint);
}

TEST_CASE("one option table drives parsing and --help", "[cli]") {
  std::string err;
  // Every option parses as the table spells it, and --help lists it.
  const std::string help = cli::usage();
  for (const cli::OptionSpec& spec : cli::option_table()) {
    INFO(spec.name);
    CHECK(help.find("  " + spec.synopsis()) != std::string::npos);
    CHECK(spec.apply != nullptr);
    CHECK_FALSE(spec.help.empty());
    // A probe option is given to `staplint probe TARGET`.
    const bool probe = spec.help.rfind("probe:", 0) == 0;
    std::vector<const char*> args;
    if (probe) args.push_back("probe");
    args.push_back(spec.name.data());
    std::string value;
    if (spec.takes == cli::Takes::value) {
      // A value each option takes: its first choice, else something plausible.
      value = !spec.words().empty()                           ? std::string(spec.words().front())
              : spec.completes == cli::Completes::rules       ? "SL1001"
              : spec.completes == cli::Completes::rule_list   ? "SL1001,SL1002"
              : spec.completes == cli::Completes::rule_levels ? "SL1001=info"
              : spec.name == "--path-map"                     ? "/etc/ssl=pki"
              : spec.name == "--nginx-version"                ? "1.26.2"
              : spec.name == "--httpd-version"                ? "2.4.62"
              : spec.name == "--tomcat-version"               ? "10.1.34"
              : spec.name == "--jdk-version"                  ? "17"
              : spec.name == "--template-var"                 ? "nginx_stapling=on"
              : spec.name == "--connect"                      ? "example.org:443=127.0.0.1"
                                                              : "3";
      args.push_back(value.c_str());
    }
    if (probe) args.push_back("example.org");
    CHECK(run(args, err));
    if (probe) {
      // Outside probe, a probe option is a usage error that says so.
      args.erase(args.begin());
      CHECK_FALSE(run(args, err));
      CHECK(err.find("is an option of 'staplint probe") != std::string::npos);
    }
  }
  // --format offers exactly the formats there are.
  for (const cli::OptionSpec& spec : cli::option_table()) {
    if (spec.name != "--format") continue;
    std::vector<std::string_view> offered = spec.words();
    std::sort(offered.begin(), offered.end());
    CHECK(offered == formatter_names());  // both sorted
  }
  // Short options, alone and together.
  auto o = run({"-vv", "-h"}, err);
  REQUIRE(o);
  CHECK(o->verbosity == 2);
  CHECK(o->command() == cli::Options::Command::help);
  // A value where none is taken, and an empty --fix=.
  CHECK_FALSE(run({"--diff=yes"}, err));
  CHECK(err == "option '--diff' takes no value");
  CHECK_FALSE(run({"--fix="}, err));
  CHECK(err == "option '--fix' needs a value after '='");
  // --fix takes its value only after '=': what follows is a path.
  o = run({"--fix", "all"}, err);
  REQUIRE(o);
  CHECK(o->fix == FixMode::safe);
  CHECK(o->paths == std::vector<std::string>{"all"});
  CHECK(o->command() == cli::Options::Command::fix);
  // A misspelt option gets a did-you-mean.
  CHECK_FALSE(run({"--fial-on", "error"}, err));
  CHECK(err == "unknown option '--fial-on'; did you mean '--fail-on'?");
  CHECK_FALSE(run({"-q"}, err));
  CHECK(err == "unknown option '-q'");
  // -j: a count, attached or not; the default is the number of cores.
  o = run({"-j", "3", "a"}, err);
  REQUIRE(o);
  CHECK(o->load.jobs == 3);
  o = run({"-j2", "a"}, err);
  REQUIRE(o);
  CHECK(o->load.jobs == 2);
  o = run({"a"}, err);
  REQUIRE(o);
  CHECK(o->load.jobs >= 1);
  CHECK_FALSE(run({"-j", "0", "a"}, err));
  CHECK_FALSE(run({"--jobs=257", "a"}, err));
  CHECK(err == "option '--jobs' takes at most 256, not '257'");
  // --write-baseline records the findings, even with --fix.
  o = run({"--fix", "--write-baseline", "b.json", "a"}, err);
  REQUIRE(o);
  CHECK(o->command() == cli::Options::Command::lint);
}

TEST_CASE("--help lays the options out in two columns", "[cli]") {
  const std::string help = cli::usage();
  CHECK(help.rfind("usage: staplint [options] PATH...\n\n", 0) == 0);
  CHECK(help.find("\n  --format text|gcc|json|github|checkstyle|junit|sarif\n"
                  "                           output format (default: text)\n") != std::string::npos);
  CHECK(help.find("\n  --config FILE            use this configuration file") != std::string::npos);
  CHECK(help.find("\n  --fix[=safe|all]         apply the safe fixes") != std::string::npos);
  CHECK(help.find("\n  -h, --help               print this help\n") != std::string::npos);
  CHECK(help.find("\nexit status: 0 clean") != std::string::npos);
}

TEST_CASE("what a command leaves to the process's exit is kept, never destroyed", "[cli]") {
  struct Watched {
    bool* destroyed;
    explicit Watched(bool* d) : destroyed(d) {}
    Watched(const Watched&) = delete;
    Watched& operator=(const Watched&) = delete;
    ~Watched() { *destroyed = true; }
  };
  static bool destroyed = false;  // outlives the kept object, which is never destroyed
  auto object = std::make_unique<Watched>(&destroyed);
  const Watched* const at = object.get();
  cli::leave_to_exit(std::move(object));
  CHECK_FALSE(destroyed);
  CHECK(at->destroyed == &destroyed);  // still there to read
}
