// What the user points at: directories, entries, included files, fragments.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>

#include "staplint/lint.hpp"
#include "staplint/loader.hpp"
#include "staplint/suppressions.hpp"

using namespace staplint;

namespace {
struct Run {
  SourceManager sm;
  LintResult result;
  std::vector<std::string> located;  // "path:line rule"
  Run(const FileSystem& fs, std::vector<std::string> paths) {
    LintRequest req;
    req.paths = std::move(paths);
    result = lint(fs, sm, RuleCatalog::builtin(), req);
    for (const Finding& f : result.findings) {
      const SourceFile& src = sm.file(f.file);
      located.push_back(src.path() + ":" + std::to_string(src.line_col(f.range.begin).line) + " " + f.rule_id);
    }
  }
};

MemoryFileSystem debian_like() {
  MemoryFileSystem fs;
  fs.add("/etc/nginx/nginx.conf", "events {}\nhttp {\n  resolver 127.0.0.1;\n  include sites-enabled/*;\n}\n");
  fs.add("/etc/nginx/sites-enabled/a", "server {\n  listen 443 ssl;\n}\n");
  fs.add("/etc/nginx/sites-enabled/b", "server {\n  listen 443 ssl;\n  ssl_stapling on;\n}\n");
  fs.add("/etc/nginx/sites-available/draft", "server {\n  listen 443 ssl;\n}\n");
  fs.add("/etc/nginx/mime.types", "types { text/html html; }\n");
  return fs;
}
}  // namespace

TEST_CASE("a directory: entries, then unreached server files as fragments", "[lint]") {
  const MemoryFileSystem fs = debian_like();
  Run r(fs, {"/etc/nginx"});
  CHECK(r.located == std::vector<std::string>{"/etc/nginx/sites-available/draft:1 SL1001",
                                              "/etc/nginx/sites-enabled/a:1 SL1001",
                                              "/etc/nginx/sites-enabled/b:3 SL1002"});
  CHECK(r.result.endpoints.size() == 3);
  CHECK(r.result.unusable.empty());
}

TEST_CASE("an included file is linted in its tree; only its findings are shown", "[lint]") {
  const MemoryFileSystem fs = debian_like();
  Run r(fs, {"/etc/nginx/sites-enabled/b"});
  // The http-level resolver is seen (no SL1003), and a's finding is not shown.
  CHECK(r.located == std::vector<std::string>{"/etc/nginx/sites-enabled/b:3 SL1002"});
  REQUIRE(r.result.endpoints.size() == 1);
  CHECK(r.result.endpoints[0].stapling == Stapling::on);
}

TEST_CASE("several files of one tree, named in any order, are each linted in it, once", "[lint]") {
  // pre-commit names every changed vhost; each must see the http-level
  // resolver, and a second look at the tree must not lose its includes.
  const MemoryFileSystem fs = debian_like();
  for (const auto& paths : {std::vector<std::string>{"/etc/nginx/sites-enabled/a", "/etc/nginx/sites-enabled/b"},
                            std::vector<std::string>{"/etc/nginx/sites-enabled/b", "/etc/nginx/sites-enabled/a"}}) {
    Run r(fs, paths);
    CHECK(r.located ==
          std::vector<std::string>{"/etc/nginx/sites-enabled/a:1 SL1001", "/etc/nginx/sites-enabled/b:3 SL1002"});
    CHECK(r.result.endpoints.size() == 2);
  }
  // The entry, then a file of its tree: the tree is loaded a second time.
  Run r(fs, {"/etc/nginx/nginx.conf", "/etc/nginx/sites-enabled/b"});
  CHECK(r.located ==
        std::vector<std::string>{"/etc/nginx/sites-enabled/a:1 SL1001", "/etc/nginx/sites-enabled/b:3 SL1002"});
}

TEST_CASE("a snippet two entries include brings its own includes into both trees", "[lint]") {
  MemoryFileSystem fs;
  fs.add("/t/one/nginx.conf", "events {}\nhttp {\n  include /t/common/tls.conf;\n}\n");
  fs.add("/t/two/nginx.conf", "events {}\nhttp {\n  include /t/common/tls.conf;\n}\n");
  fs.add("/t/common/tls.conf", "include /t/common/site.conf;\n");
  fs.add("/t/common/site.conf", "server {\n  listen 443 ssl;\n}\n");
  Run r(fs, {"/t/one/nginx.conf", "/t/two/nginx.conf"});
  // The same finding in both trees is reported once, with each tree's chain seen.
  CHECK(r.located == std::vector<std::string>{"/t/common/site.conf:1 SL1001"});
  CHECK(r.result.endpoints.size() == 2);
  REQUIRE(r.result.findings.size() == 1);
  CHECK(r.result.findings[0].included_from.size() == 2);
}

TEST_CASE("a named file no entry includes is read as its server tree reads files", "[lint]") {
  // pre-commit names whatever changed in a copy of /etc: a snippet nothing
  // includes yet, httpd's envvars, Tomcat's web.xml and policy files.
  MemoryFileSystem fs;
  fs.add("/etc/nginx/nginx.conf", "events {}\nhttp {\n}\n");
  fs.add("/etc/nginx/fastcgi.conf", "fastcgi_param A B;\n");
  fs.add("/etc/nginx/snippets/fastcgi-php.conf", "include fastcgi.conf;\n");  // from the conf prefix
  fs.add("/etc/apache2/apache2.conf", "ServerRoot /etc/apache2\n");
  fs.add("/etc/apache2/envvars", "if [ x ]; then\n  export A=b\nfi\n");
  fs.add("/etc/apache2/sites-available/tls.conf",
         "<VirtualHost *:443>\n  SSLEngine on\n</VirtualHost>\n");  // httpd's dialect, though nginx would parse it
  fs.add("/etc/tomcat10/server.xml", "<Server/>\n");
  fs.add("/etc/tomcat10/web.xml", "<?xml version=\"1.0\"?>\n<!-- -->\n<web-app/>\n");
  fs.add("/etc/tomcat10/policy.d/01system.policy", "grant codeBase \"file:x\" {\n  permission A \"b\", \"c\";\n};\n");
  fs.add("/tmp/junk.conf", "[program:web]\ncommand=x\n");  // an INI file: said once (SL0007), not linted
  Run r(fs, {"/etc/nginx/snippets/fastcgi-php.conf", "/etc/apache2/envvars", "/etc/apache2/sites-available/tls.conf",
             "/etc/tomcat10/web.xml", "/etc/tomcat10/policy.d/01system.policy", "/tmp/junk.conf"});
  CHECK(r.located ==
        std::vector<std::string>{"/etc/apache2/sites-available/tls.conf:2 SL1001", "/tmp/junk.conf:1 SL0007"});
}

TEST_CASE("findings in included files carry the include chain", "[lint]") {
  const MemoryFileSystem fs = debian_like();
  Run r(fs, {"/etc/nginx/nginx.conf"});
  REQUIRE(r.result.findings.size() == 2);
  const Finding& f = r.result.findings[0];
  REQUIRE(f.included_from.size() == 1);
  CHECK(r.sm.file(f.included_from[0].file).path() == "/etc/nginx/nginx.conf");
  CHECK(r.sm.file(f.included_from[0].file).line_col(f.included_from[0].range.begin).line == 4);
}

TEST_CASE("a file no entry includes is a fragment inside http", "[lint]") {
  const MemoryFileSystem fs = debian_like();
  Run r(fs, {"/etc/nginx/sites-available/draft"});
  CHECK(r.located == std::vector<std::string>{"/etc/nginx/sites-available/draft:1 SL1001"});
}

TEST_CASE("a missing path is reported as unusable, the others are still linted", "[lint]") {
  const MemoryFileSystem fs = debian_like();
  Run r(fs, {"/nope.conf", "/etc/nginx/sites-enabled/a"});
  CHECK(r.result.unusable == std::vector<std::string>{"/nope.conf"});
  CHECK(r.located == std::vector<std::string>{"/etc/nginx/sites-enabled/a:1 SL1001"});
}

TEST_CASE("version-dependent fatal verdicts", "[lint]") {
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf",
         "http { server { listen 443 ssl; ssl_stapling on; ssl_certificate_compression on; } }\n"
         "stream { server { listen 5000 ssl; ssl_stapling on; } }\n");
  auto verdicts = [&](std::optional<Version> v) {
    SourceManager sm;
    LintRequest req;
    req.paths = {"/n/nginx.conf"};
    req.lint.nginx_version = v;
    const LintResult r = lint(fs, sm, RuleCatalog::builtin(), req);
    std::vector<std::string> out;
    for (const auto& e : r.endpoints) out.emplace_back(to_string(e.stapling));
    return out;
  };
  // Current mainline: compression with stapling is refused, and a refused
  // configuration serves nothing: every endpoint is fatal.
  CHECK(verdicts(std::nullopt) == std::vector<std::string>{"fatal", "fatal"});
  // 1.29.2: compression allowed; stream stapling exists.
  CHECK(verdicts(Version{1, 29, 2}) == std::vector<std::string>{"on", "on"});
  // 1.22.1: stapling in stream is refused, and with it the whole configuration.
  CHECK(verdicts(Version{1, 22, 1}) == std::vector<std::string>{"fatal", "fatal"});
}

TEST_CASE("stapling verdicts per endpoint", "[lint]") {
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf",
         "http { resolver 127.0.0.1;\n"
         " server { listen 443 ssl; ssl_stapling On; ssl_stapling_verify on;"
         " ssl_trusted_certificate c.pem; }\n"
         " server { listen 443 ssl; ssl_stapling on; ssl_stapling_verify on;"
         " ssl_trusted_certificate c.pem; ssl_certificate /c/$ssl_server_name.pem; }\n"
         " server { listen 443 ssl; }\n"
         " server { listen 443 ssl; ssl_stapling on; ssl_stapling_verify on; }\n"
         " server { listen 443 ssl; ssl_stapling on; ssl_stapling_verify off; }\n}\n");
  Run r(fs, {"/n/nginx.conf"});
  REQUIRE(r.result.endpoints.size() == 5);
  CHECK(r.result.endpoints[0].stapling == Stapling::on);  // nginx reads flags case-insensitively
  CHECK(r.result.endpoints[1].stapling == Stapling::ineffective);
  CHECK(r.result.endpoints[2].stapling == Stapling::off);
  // SL1004: verification without a trusted chain staples only when the
  // issuer signs the responses itself.
  CHECK(r.result.endpoints[3].stapling == Stapling::unknown);
  CHECK(r.result.endpoints[4].stapling == Stapling::on);
}

TEST_CASE("a configuration nginx refuses makes every endpoint fatal", "[lint]") {
  MemoryFileSystem fs;
  // A variable flag (SL9002), and stapling inside location (SL9001): nginx
  // refuses the whole configuration, so no server runs, stapling or not.
  for (const char* bad : {" server { listen 443 ssl; ssl_stapling $x; }\n",
                          " server { listen 443 ssl; location / { ssl_stapling on; } }\n"}) {
    fs.add("/n/nginx.conf", std::string("http { resolver 127.0.0.1;\n") +
                                " server { listen 443 ssl; ssl_stapling on; ssl_stapling_verify on;"
                                " ssl_trusted_certificate c.pem; }\n" +
                                bad + "}\n");
    Run r(fs, {"/n/nginx.conf"});
    INFO(bad);
    REQUIRE(r.result.endpoints.size() == 2);
    CHECK(r.result.endpoints[0].stapling == Stapling::fatal);
    CHECK(r.result.endpoints[1].stapling == Stapling::fatal);
  }
  // An error that does not stop nginx (an expired CRL is SL4006, a run-time
  // failure) leaves the verdicts alone.
  CHECK_FALSE(RuleCatalog::builtin().find("SL4006")->refuses);
  CHECK(RuleCatalog::builtin().find("SL9001")->refuses);
}

TEST_CASE("apache trees: ServerRoot, Include and IncludeOptional as httpd reads them", "[lint][apache]") {
  MemoryFileSystem fs;
  fs.add("/etc/apache2/apache2.conf",
         "ServerRoot /etc/apache2\nInclude ports.conf\nIncludeOptional sites-enabled/*.conf\n"
         "IncludeOptional conf-enabled/*.conf\nIncludeOptional missing.conf\n");
  fs.add("/etc/apache2/ports.conf", "Listen 80\n<IfModule ssl_module>\n  Listen 443\n</IfModule>\n");
  fs.add("/etc/apache2/sites-enabled/a.conf", "<VirtualHost *:443>\n  ServerName a\n</VirtualHost>\n");
  fs.add("/etc/apache2/sites-enabled/b.conf", "<VirtualHost *:443>\n</Location>\n");
  Run r(fs, {"/etc/apache2"});
  CHECK(r.located == std::vector<std::string>{"/etc/apache2/sites-enabled/b.conf:2 SL0001"});
  CHECK(r.result.files.size() == 4);
  for (Dialect d : r.result.file_dialects) CHECK(d == Dialect::apache);
}

TEST_CASE("apache: an Include that matches nothing is refused, IncludeOptional is not", "[lint][apache]") {
  MemoryFileSystem fs;
  fs.add("/etc/httpd/conf/httpd.conf",
         "ServerRoot /etc/httpd\nInclude conf.modules.d/*.conf\nIncludeOptional conf.d/*.conf\n");
  fs.add("/etc/httpd/conf.d/README", "# not config\n");
  fs.add("/etc/httpd/conf.modules.d/.keep", "");
  Run r(fs, {"/etc/httpd/conf/httpd.conf"});
  REQUIRE(r.result.findings.size() == 1);
  CHECK(r.result.findings[0].rule_id == "SL0002");
  CHECK(r.result.findings[0].message ==
        "no matches for the wildcard '*.conf' in '/etc/httpd/conf.modules.d'; httpd refuses an "
        "'Include' that matches nothing (use 'IncludeOptional')");
}

TEST_CASE("a standalone file's dialect is guessed from its first decisive line", "[lint][apache]") {
  MemoryFileSystem fs;
  fs.add("/repo/site.conf", "# a site\n<VirtualHost *:80>\n</Directory>\n");
  fs.add("/repo/other.conf", "server {\n  listen 80\n}\n");
  fs.add("/repo/ssl.conf", "SSLProtocol all\n</IfModule>\n");
  fs.add("/repo/broken.conf", "add_header X \"b\n");
  Run r(fs, {"/repo/site.conf", "/repo/other.conf", "/repo/ssl.conf", "/repo/broken.conf"});
  CHECK(r.located == std::vector<std::string>{"/repo/broken.conf:1 SL0001", "/repo/other.conf:2 SL0001",
                                              "/repo/site.conf:3 SL0001", "/repo/ssl.conf:2 SL0001"});
}

TEST_CASE("an Apache site file named alone is linted in the tree that includes it", "[lint]") {
  MemoryFileSystem fs;
  fs.add("/etc/apache2/apache2.conf",
         "SSLStaplingCache shmcb:/run/apache2/stapling(32768)\n"
         "IncludeOptional sites-enabled/*.conf\n");
  const std::string site =
      "<VirtualHost *:443>\nServerName shop.example\nSSLEngine on\nSSLUseStapling on\n"
      "SSLStaplingReturnResponderErrors off\nSSLStaplingFakeTryLater off\n</VirtualHost>\n";
  fs.add("/etc/apache2/sites-enabled/shop.conf", site);
  // In its tree the server-level cache serves it: nothing to report.
  Run in_tree(fs, {"/etc/apache2/sites-enabled/shop.conf"});
  CHECK(in_tree.located.empty());
  REQUIRE(in_tree.result.endpoints.size() == 1);
  CHECK(in_tree.result.endpoints[0].stapling == Stapling::on);
  // The same file with no tree above it: httpd would not start (SL1005).
  MemoryFileSystem alone;
  alone.add("/work/shop.conf", site);
  Run by_itself(alone, {"/work/shop.conf"});
  CHECK(by_itself.located == std::vector<std::string>{"/work/shop.conf:4 SL1005"});
  REQUIRE(by_itself.result.endpoints.size() == 1);
  CHECK(by_itself.result.endpoints[0].stapling == Stapling::fatal);
}

namespace {
std::size_t fix_count(const LintResult& r) {
  std::size_t n = 0;
  for (const Finding& f : r.findings) n += f.fixes.size();
  return n;
}
}  // namespace

TEST_CASE("a ModSecurity rules file in an nginx tree is not read as nginx", "[lint][dialect]") {
  // pre-commit names it alone; nginx loads it with modsecurity_rules_file,
  // never with its own parser: no SL0001, and no ';' "fix".
  MemoryFileSystem fs;
  fs.add("/etc/nginx/nginx.conf", "events {}\nhttp {\n  include sites/*.conf;\n}\n");
  fs.add("/etc/nginx/modsec/main.conf",
         "# ModSecurity\nSecRuleEngine On\nSecRequestBodyAccess On\n"
         "SecRule REQUEST_HEADERS:Content-Type \"application/json\" \\\n"
         "     \"id:'200001',phase:1,t:none,pass,nolog,ctl:requestBodyProcessor=JSON\"\n");
  Run r(fs, {"/etc/nginx/modsec/main.conf"});
  CHECK(r.located.empty());
  CHECK(fix_count(r.result) == 0);
  REQUIRE(r.result.file_dialects.size() == 1);
  CHECK(r.result.file_dialects[0] == Dialect::apache);
}

TEST_CASE("a file whose dialect is a guess gets one located note and no fixes", "[lint][dialect]") {
  MemoryFileSystem fs;
  fs.add("/etc/nginx/nginx.conf", "events {}\nhttp {\n  include sites/*.conf;\n}\n");
  // Mostly nginx, one httpd line: read as nginx, the doubt at line 3.
  fs.add("/etc/nginx/conf.d/mixed.conf", "server_tokens off;\nssl_protocols TLSv1.2;\nServerTokens Prod\n");
  // httpd text in an nginx tree: read as httpd, the doubt at its first tag.
  fs.add("/etc/nginx/conf.d/vhost.conf",
         "# copied from the old server\n<VirtualHost *:443>\nSSLEngine on\nSSLUseStapling off\n</VirtualHost>\n");
  // Plain nginx in an nginx tree: certain, fixes offered.
  fs.add("/etc/nginx/conf.d/site.conf", "server {\n  listen 443 ssl;\n  ssl_stapling off;\n}\n");
  Run mixed(fs, {"/etc/nginx/conf.d/mixed.conf"});
  CHECK(mixed.located ==
        std::vector<std::string>{"/etc/nginx/conf.d/mixed.conf:3 SL0007", "/etc/nginx/conf.d/mixed.conf:3 SL0001"});
  CHECK(fix_count(mixed.result) == 0);
  Run vhost(fs, {"/etc/nginx/conf.d/vhost.conf"});
  REQUIRE_FALSE(vhost.located.empty());
  CHECK(vhost.located[0] == "/etc/nginx/conf.d/vhost.conf:2 SL0007");
  CHECK(std::find(vhost.located.begin(), vhost.located.end(), "/etc/nginx/conf.d/vhost.conf:3 SL1001") !=
        vhost.located.end());
  CHECK(fix_count(vhost.result) == 0);
  CHECK(vhost.result.file_dialects[0] == Dialect::apache);
  Run site(fs, {"/etc/nginx/conf.d/site.conf"});
  CHECK(site.located == std::vector<std::string>{"/etc/nginx/conf.d/site.conf:3 SL1001"});
  CHECK(fix_count(site.result) > 0);
}

TEST_CASE("a site file no entry includes resolves includes from the tree's prefix", "[lint]") {
  // h5bp's layout: conf.d/templates/ holds examples no entry includes, and
  // their includes are written relative to the nginx prefix.
  MemoryFileSystem fs;
  fs.add("/srv/nginx/nginx.conf", "events {}\nhttp {\n  include conf.d/*.conf;\n}\n");
  fs.add("/srv/nginx/h5bp/tls/ssl_engine.conf", "ssl_session_timeout 24h;\n");
  fs.add("/srv/nginx/conf.d/templates/example.com.conf",
         "server {\n  listen 443 ssl;\n  include h5bp/tls/ssl_engine.conf;\n  ssl_stapling on;\n"
         "  ssl_stapling_verify on;\n  ssl_trusted_certificate /etc/ssl/chain.pem;\n  resolver 127.0.0.1;\n}\n");
  fs.add("/srv/apache/httpd.conf", "SSLStaplingCache shmcb:/run/stapling(32768)\nIncludeOptional conf.d/*.conf\n");
  fs.add("/srv/apache/h5bp/tls/ssl_engine.conf", "SSLEngine on\n");
  fs.add("/srv/apache/conf.d/templates/example.com.conf",
         "<VirtualHost *:443>\n  Include h5bp/tls/ssl_engine.conf\n  SSLUseStapling on\n"
         "  SSLStaplingReturnResponderErrors off\n  SSLStaplingFakeTryLater off\n</VirtualHost>\n");
  // Found in a directory walk, or named: the includes resolve (no SL0002),
  // and each is read as if its entry included it: the httpd template gets
  // the entry's server-level stapling cache (no SL1005).
  Run walked(fs, {"/srv/nginx", "/srv/apache"});
  CHECK(walked.located.empty());
  Run named(fs, {"/srv/nginx/conf.d/templates/example.com.conf", "/srv/apache/conf.d/templates/example.com.conf"});
  CHECK(named.located.empty());
}

TEST_CASE("a file no entry includes inherits what its entry's http level sets", "[lint]") {
  // Debian's sites-available/: a draft site is read as if sites-enabled held
  // it, so the http-level resolver and stapling apply; its fixes edit only it.
  MemoryFileSystem fs;
  fs.add("/etc/nginx/nginx.conf",
         "events {}\nhttp {\n  resolver 127.0.0.1;\n  ssl_stapling on;\n  include sites-enabled/*;\n}\n");
  fs.add("/etc/nginx/sites-available/draft", "server {\n  listen 443 ssl;\n  ssl_certificate /etc/ssl/d.pem;\n}\n");
  Run r(fs, {"/etc/nginx/sites-available/draft"});
  // SL1002 (stapling without verify) is located at the http-level line, which
  // is not in the named file: nothing to show, and no fix reaches nginx.conf.
  CHECK(r.located.empty());
  CHECK(r.result.endpoints.size() == 1);
  // A finding in an adopted file: no include names it, so no include chain;
  // its fix edits it alone.
  fs.add("/etc/nginx/sites-available/off", "server {\n  listen 443 ssl;\n  ssl_stapling off;\n}\n");
  Run off(fs, {"/etc/nginx/sites-available/off"});
  CHECK(off.located == std::vector<std::string>{"/etc/nginx/sites-available/off:3 SL1001"});
  for (const Finding& f : off.result.findings) {
    CHECK(f.included_from.empty());
    for (const Fix& fix : f.fixes) {
      for (const TextEdit& e : fix.edits) CHECK(off.sm.file(e.file).path() == "/etc/nginx/sites-available/off");
    }
  }
  // Read alone, the same draft has no stapling at all.
  MemoryFileSystem alone;
  alone.add("/work/draft", std::string(fs.read("/etc/nginx/sites-available/draft", 1 << 20).bytes));
  Run by_itself(alone, {"/work/draft"});
  CHECK(by_itself.located == std::vector<std::string>{"/work/draft:1 SL1001"});
}

TEST_CASE("apache: an Include httpd skips is not reported; one under an unknown condition is conditional",
          "[lint][apache]") {
  MemoryFileSystem fs;
  fs.add("/etc/apache2/apache2.conf",
         "LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\n"
         "<IfModule mod_nothere.c>\n  Include missing-a.conf\n</IfModule>\n"
         "<IfDefine DEFAULT_VHOST>\n  Include missing-b.conf\n</IfDefine>\n"
         "Include missing-c.conf\n");
  Run r(fs, {"/etc/apache2/apache2.conf"});
  CHECK(r.located ==
        std::vector<std::string>{"/etc/apache2/apache2.conf:6 SL0002", "/etc/apache2/apache2.conf:8 SL0002"});
  REQUIRE(r.result.findings.size() == 2);
  CHECK(r.result.findings[0].conditional);
  CHECK_FALSE(r.result.findings[1].conditional);
}

TEST_CASE("a Tomcat base whose setenv.sh cannot be read gets no fix that creates it", "[lint]") {
  MemoryFileSystem fs;
  const std::string server_xml =
      "<Server port=\"8005\"><Service name=\"Catalina\">\n"
      "<Connector port=\"8443\" SSLEnabled=\"true\"><SSLHostConfig>\n"
      "<Certificate certificateFile=\"conf/cert.pem\"/></SSLHostConfig></Connector>\n"
      "</Service></Server>\n";
  fs.add("/srv/tomcat/conf/server.xml", server_xml);
  fs.add("/srv/tomcat/bin/setenv.sh", std::string("CATALINA_OPTS=\0\x01\x02\n", 18));
  const Run run(fs, {"/srv/tomcat"});
  CHECK(std::count(run.located.begin(), run.located.end(), "/srv/tomcat/bin/setenv.sh:1 SL0004") == 1);
  bool sl1001 = false;
  for (const Finding& f : run.result.findings) {
    if (f.rule_id != "SL1001") continue;
    sl1001 = true;
    for (const Fix& fix : f.fixes) {
      for (const TextEdit& e : fix.edits) CHECK(e.create.empty());
    }
  }
  CHECK(sl1001);
  // Without the file, the fix creates it.
  MemoryFileSystem bare;
  bare.add("/srv/tomcat/conf/server.xml", server_xml);
  const Run created(bare, {"/srv/tomcat"});
  bool creates = false;
  for (const Finding& f : created.result.findings) {
    for (const Fix& fix : f.fixes) {
      for (const TextEdit& e : fix.edits) creates = creates || e.create == "/srv/tomcat/bin/setenv.sh";
    }
  }
  CHECK(creates);
}

TEST_CASE("a run without endpoint reports finds what a run with them finds", "[lint]") {
  // LintOptions::endpoints off (a format that prints no verdicts): no
  // endpoints, and the same findings in the same order.
  const MemoryFileSystem fs = debian_like();
  LintRequest req;
  req.paths = {"/etc/nginx"};
  SourceManager with_sm, without_sm;
  const LintResult with = lint(fs, with_sm, RuleCatalog::builtin(), req);
  req.lint.endpoints = false;
  const LintResult without = lint(fs, without_sm, RuleCatalog::builtin(), req);
  CHECK(with.endpoints.size() == 3);
  CHECK(without.endpoints.empty());
  REQUIRE(with.findings.size() == without.findings.size());
  for (std::size_t i = 0; i < with.findings.size(); ++i) {
    CHECK(with.findings[i].rule_id == without.findings[i].rule_id);
    CHECK(with.findings[i].message == without.findings[i].message);
    CHECK(with.findings[i].range.begin == without.findings[i].range.begin);
  }
}

TEST_CASE("suppressions found on threads are those one thread finds, in order", "[lint]") {
  // 1,500 site files (past the 1,000 that share the search out), a
  // suppression in every 100th: the same list at any thread count.
  MemoryFileSystem fs;
  fs.add("/etc/nginx/nginx.conf", "events {}\nhttp {\n  include sites/*.conf;\n}\n");
  for (int i = 0; i < 1500; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/etc/nginx/sites/%04d.conf", i);
    fs.add(name, i % 100 == 7
                     ? "server {\n  # staplint disable=SL1001 -- site " + std::to_string(i) + "\n  listen 443 ssl;\n}\n"
                     : std::string("server {\n  listen 443 ssl;\n}\n"));
  }
  SourceManager sm;
  ConfigLoader loader(fs, sm, {});
  const ConfigTree tree = loader.load("/etc/nginx/nginx.conf", false);
  REQUIRE(tree.files.size() == 1501);
  const std::vector<Suppression> one = collect_suppressions(tree, sm, 1);
  REQUIRE(one.size() == 15);
  CHECK(one.front().reason == "site 7");
  CHECK(one.back().reason == "site 1407");
  for (unsigned jobs : {2u, 4u}) {
    const std::vector<Suppression> many = collect_suppressions(tree, sm, jobs);
    REQUIRE(many.size() == one.size());
    for (std::size_t i = 0; i < one.size(); ++i) {
      CHECK(many[i].file == one[i].file);
      CHECK(many[i].applies.begin == one[i].applies.begin);
      CHECK(many[i].reason == one[i].reason);
    }
  }
}
