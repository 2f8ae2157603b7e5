// `.staplint.yaml`: keys, errors placed at line:col with did-you-mean, the
// upward search, globs and JDK versions.
#include <catch2/catch.hpp>

#include "staplint/project_config.hpp"

using namespace staplint;

namespace {
ProjectConfig parse_ok(const std::string& text) {
  auto r = parse_project_config(text, "/repo/.staplint.yaml", RuleCatalog::builtin());
  if (!r) FAIL(r.error().line << ":" << r.error().column << ": " << r.error().message);
  return *r;
}
ProjectConfigError parse_bad(const std::string& text) {
  auto r = parse_project_config(text, "/repo/.staplint.yaml", RuleCatalog::builtin());
  REQUIRE(!r.ok());
  return r.error();
}
}  // namespace

TEST_CASE("a committed .staplint.yaml names no path outside its directory", "[config]") {
  CHECK(parse_bad("entries: [../shared/nginx.conf]\n").message.find("outside the directory") != std::string::npos);
  CHECK(parse_bad("root: /\n").line == 1);
  CHECK(parse_bad("paths:\n  /x: /srv\n").line == 2);
  CHECK(parse_bad("paths:\n  /x: a/../../b\n").column == 7);
  // Below the working directory is allowed too (a --config in ci/ naming ../nginx).
  auto r = parse_project_config("entries: [../nginx/nginx.conf]\n", "/work/ci/lenient.yaml", RuleCatalog::builtin(),
                                "/work");
  REQUIRE(r.ok());
  CHECK(r->entries == std::vector<std::string>{"/work/nginx/nginx.conf"});
}

TEST_CASE("every key of .staplint.yaml is read, paths from the file's directory", "[config]") {
  const ProjectConfig c = parse_ok(R"(# a whole configuration
enable: [SL1001, stapling-unverified, SL9003]
disable:
  - trailing-comment
severity:
  SL1002: error
  stapling-disabled: info
fail-on: error
format: gcc
entries: [etc/nginx/nginx.conf, shared/../apache2/apache2.conf]
root: .
paths:
  /etc/nginx: deploy/nginx
  /etc/ssl/: /repo/pki
exclude: ["*.bak", "vendor/", "/etc/nginx/old/**"]
versions:
  nginx: 1.22.1
  httpd: "2.4.62"
  tomcat: 10.1.34
  jdk: 1.8.0_251
template-vars:
  nginx_stapling: "off"
  .Values.tls.stapling: on
templates:
  "*.conf.in": jinja
  /helm/: go
)");
  CHECK(c.dir == "/repo");
  CHECK(*c.enable == std::set<std::string>{"SL1001", "SL1002", "SL9003"});
  CHECK(c.disable == std::set<std::string>{"SL9003"});
  CHECK(c.severity.at("SL1002") == Severity::error);
  CHECK(c.severity.at("SL1001") == Severity::info);
  CHECK(c.fail_on == "error");
  CHECK(c.format == "gcc");
  CHECK(c.entries == std::vector<std::string>{"/repo/etc/nginx/nginx.conf", "/repo/apache2/apache2.conf"});
  CHECK(c.root == "/repo");
  CHECK(c.path_map == std::vector<std::pair<std::string, std::string>>{{"/etc/nginx", "/repo/deploy/nginx"},
                                                                       {"/etc/ssl/", "/repo/pki"}});
  CHECK(c.exclude == std::vector<std::string>{"/repo/**/*.bak", "/repo/**/vendor", "/repo/etc/nginx/old/**"});
  CHECK((c.nginx_version->major == 1 && c.nginx_version->minor == 22 && c.nginx_version->patch == 1));
  CHECK(c.httpd_version->patch == 62);
  CHECK(c.tomcat_version->minor == 1);
  CHECK((c.jdk_version->major == 8 && c.jdk_version->patch == 251));
  // As written: the engine renders them (a bare `on` is the string the user typed).
  CHECK(c.template_vars ==
        std::vector<std::pair<std::string, std::string>>{{"nginx_stapling", "off"}, {".Values.tls.stapling", "on"}});
  REQUIRE(c.templates.size() == 2);
  CHECK(c.templates[0] == std::pair<std::string, TemplateEngine>{"/repo/**/*.conf.in", TemplateEngine::jinja});
  CHECK(c.templates[1] == std::pair<std::string, TemplateEngine>{"/repo/helm", TemplateEngine::go});
}

TEST_CASE("an empty .staplint.yaml or one with only comments changes nothing", "[config]") {
  const ProjectConfig c = parse_ok("# nothing yet\n");
  CHECK_FALSE(c.enable);
  CHECK(c.disable.empty());
  CHECK_FALSE(c.format);
  CHECK(parse_ok("").entries.empty());
}

TEST_CASE("a bad key or value is placed at its line and column, with did-you-mean", "[config]") {
  ProjectConfigError e = parse_bad("format: gcc\nfail_on: error\n");
  CHECK(e.file == "/repo/.staplint.yaml");
  CHECK((e.line == 2 && e.column == 1));
  CHECK(e.message == "unknown key 'fail_on'; did you mean 'fail-on'?");

  e = parse_bad("disable: [SL9003, stapling-disabeld]\n");
  CHECK((e.line == 1 && e.column == 19));
  CHECK(e.message == "unknown rule 'stapling-disabeld'; did you mean 'stapling-disabled'?");

  e = parse_bad("severity:\n  SL1001: fatal\n");
  CHECK((e.line == 2 && e.column == 11));
  CHECK(e.message == "a severity is error, warning or info, not 'fatal'");

  e = parse_bad("versions:\n  apache: 2.4.62\n");
  CHECK((e.line == 2 && e.column == 3));
  CHECK(e.message == "unknown key 'apache' in 'versions'");

  e = parse_bad("versions:\n  nginx: latest\n");
  CHECK(e.message == "'nginx' takes a version like 1.26.2, not 'latest'");

  e = parse_bad("format: sraif\n");
  CHECK(e.message == "unknown format 'sraif'; did you mean 'sarif'?");

  e = parse_bad("fail-on: never\n");
  CHECK(e.message == "'fail-on' takes error, warning, info or none, not 'never'");

  e = parse_bad("disable: SL9003\n");
  CHECK((e.line == 1 && e.column == 10));
  CHECK(e.message == "'disable' takes a list of rule ids or names, like [SL1001, stapling-unverified]");

  e = parse_bad("paths:\n  etc/nginx: x\n");
  CHECK(e.message == "'etc/nginx' is not an absolute server path");

  e = parse_bad("- SL1001\n");
  CHECK(e.message == "a staplint configuration is a mapping of keys, like 'disable: [SL9003]'");

  e = parse_bad("disable: [SL9003\nformat: gcc\n");  // YAML syntax
  CHECK(e.line >= 1);
  CHECK_FALSE(e.message.empty());

  e = parse_bad("templates:\n  '*.in': jinja3\n");
  CHECK((e.line == 2 && e.column == 11));
  CHECK(e.message == "a template engine is jinja, go, erb or envsubst, not 'jinja3'");

  e = parse_bad("template-vars: [a]\n");
  CHECK(e.message == "'template-vars' takes a mapping of variable names to values, like {stapling: 'on'}");

  e = parse_bad("template-vars:\n  a: [on]\n");
  CHECK(e.message == "the value of 'a' is not a plain value");

  e = parse_bad(std::string("format: gcc\0\x01", 14));
  CHECK(e.message == "not a text file");
}

TEST_CASE("the configuration is found in the path's directory or the nearest above", "[config]") {
  MemoryFileSystem fs;
  fs.add("/repo/.staplint.yaml", "");
  fs.add("/repo/etc/nginx/nginx.conf", "");
  fs.add("/repo/sub/.staplint.yaml", "");
  fs.add("/repo/sub/x/site.conf", "");
  fs.add("/elsewhere/a.conf", "");
  CHECK(find_project_config(fs, "/repo/etc/nginx/nginx.conf", "/") == "/repo/.staplint.yaml");
  CHECK(find_project_config(fs, "etc/nginx", "/repo") == "/repo/.staplint.yaml");
  CHECK(find_project_config(fs, "x/site.conf", "/repo/sub") == "/repo/sub/.staplint.yaml");
  CHECK(find_project_config(fs, "/repo/sub", "/") == "/repo/sub/.staplint.yaml");
  CHECK(find_project_config(fs, "../../elsewhere/a.conf", "/repo/sub") == "");
}

TEST_CASE("globs: * and ? within a component, ** across them, directories cover what is below", "[config]") {
  CHECK(glob_match("/r/**/*.bak", "/r/a.bak"));
  CHECK(glob_match("/r/**/*.bak", "/r/x/y/a.bak"));
  CHECK_FALSE(glob_match("/r/**/*.bak", "/r/x/a.conf"));
  CHECK(glob_match("/r/vendor", "/r/vendor/nginx/nginx.conf"));
  CHECK_FALSE(glob_match("/r/vendor", "/r/vendored/nginx.conf"));
  CHECK(glob_match("/r/sites-*/old?.conf", "/r/sites-enabled/old1.conf"));
  CHECK_FALSE(glob_match("/r/sites-*/old?.conf", "/r/sites-enabled/x/old1.conf"));
  CHECK(glob_match("/r/[a-c]*.conf", "/r/b.conf"));
  CHECK_FALSE(glob_match("/r/[!a-c]*.conf", "/r/b.conf"));
  CHECK(glob_match("/r/**", "/r/x"));
  CHECK_FALSE(glob_match("r/*.conf", "/r/a.conf"));  // relative against absolute
  CHECK(glob_match("/r/a*b*c", "/r/axxbyyc"));
  CHECK_FALSE(glob_match("/r/a*b*c", "/r/axxbyy"));
}

TEST_CASE("JDK versions in the forms vendors print them", "[config]") {
  auto v = [](const char* s) { return parse_jdk_version(s); };
  CHECK((v("17")->major == 17 && v("17")->patch == 0));
  CHECK((v("21.0.5")->major == 21 && v("21.0.5")->patch == 5));
  CHECK((v("21.0.5+11")->patch == 5));
  CHECK((v("1.8.0_251")->major == 8 && v("1.8.0_251")->patch == 251));
  CHECK((v("8u261")->major == 8 && v("8u261")->patch == 261));
  CHECK(v("1.8")->major == 8);
  CHECK_FALSE(v("java17"));
  CHECK_FALSE(v("8u"));
  CHECK_FALSE(v(""));
}
