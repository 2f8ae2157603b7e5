#include <catch2/catch.hpp>

#include "cli.hpp"

using namespace staplint;

namespace {
std::optional<cli::Options> run(std::vector<const char*> args, std::string& err) {
  args.insert(args.begin(), "staplint");
  return cli::parse(static_cast<int>(args.size()), args.data(), err);
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
  auto r = cli::resolve(*o, &c, catalog, "/repo", err);
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
  r = cli::resolve(*o, &c, catalog, "/work", err);
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
  r = cli::resolve(*o, nullptr, catalog, "/work", err);
  REQUIRE(r);
  CHECK(r->request.policy.severity.size() == 1);
  CHECK_FALSE(r->request.lint.jdk_version);

  // A rule the catalog does not know.
  o = run({"--disable", "stapling-disabeld", "a"}, err);
  REQUIRE(o);
  CHECK_FALSE(cli::resolve(*o, nullptr, catalog, "/work", err));
  CHECK(err == "unknown rule 'stapling-disabeld'; did you mean 'stapling-disabled'?");
}
