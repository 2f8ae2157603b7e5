// The Apache model: conditions evaluated as httpd does (or kept unknown),
// contexts, server -> vhost inheritance; and the loader's ${VAR} expansion.
#include <catch2/catch.hpp>

#include "staplint/apache_model.hpp"
#include "staplint/file_system.hpp"
#include "staplint/lint.hpp"
#include "staplint/loader.hpp"
#include "staplint/text.hpp"

using namespace staplint;

namespace {
struct Loaded {
  MemoryFileSystem fs;
  SourceManager sm;
  ConfigTree tree;
  ApacheModel model;
  Loaded(std::initializer_list<std::pair<std::string, std::string>> files,
         const std::string& entry = "/srv/httpd/conf/httpd.conf") {
    for (const auto& [path, text] : files) fs.add(path, text);
    ConfigLoader loader(fs, sm, {});
    tree = loader.load(entry, false, Dialect::apache);
    model = build_apache_model(tree, sm);
  }
  /// Whether httpd reads a directive `name` (certainly, or under an unknown condition).
  std::string read(std::string_view name) const {
    for (const ApacheDirective& d : model.directives) {
      if (iequals(d.node->name(), name)) return d.certain() ? "yes" : "maybe";
    }
    return "no";
  }
  const ApacheHost& host(std::size_t i) const { return model.hosts.at(i); }
};
const std::string kEntry = "/srv/httpd/conf/httpd.conf";
}  // namespace

TEST_CASE("apache model: IfModule follows the modules loaded before it", "[apache-model]") {
  Loaded l({{kEntry,
             "<IfModule ssl_module>\nBeforeLoad on\n</IfModule>\n"
             "LoadModule ssl_module modules/mod_ssl.so\n"
             "<IfModule mod_ssl.c>\nAfterLoad on\n</IfModule>\n"
             "<IfModule !ssl_module>\nNegated on\n</IfModule>\n"
             "<IfModule mod_nothere.c>\nAbsent on\n</IfModule>\n"
             "<IfModule mod_log_config.c>\nBuiltIn on\n</IfModule>\n"}});
  CHECK(l.model.modules_visible);
  CHECK(l.read("BeforeLoad") == "no");
  CHECK(l.read("AfterLoad") == "yes");
  CHECK(l.read("Negated") == "no");
  CHECK(l.read("Absent") == "no");
  CHECK(l.read("BuiltIn") == "yes");
}

TEST_CASE("apache model: without LoadModule lines, IfModule is unknown", "[apache-model]") {
  Loaded l({{kEntry, "<IfModule mod_ssl.c>\nInside on\n</IfModule>\n"}});
  CHECK_FALSE(l.model.modules_visible);
  CHECK(l.read("Inside") == "maybe");
}

TEST_CASE("apache model: IfDefine knows Define and UnDefine, not -D", "[apache-model]") {
  Loaded l({{kEntry,
             "Define WITH_TLS\n<IfDefine WITH_TLS>\nDefined on\n</IfDefine>\n"
             "<IfDefine !WITH_TLS>\nNotDefined on\n</IfDefine>\n"
             "UnDefine WITH_TLS\n<IfDefine WITH_TLS>\nAfterUnDefine on\n</IfDefine>\n"
             "<IfDefine SSL>\nCommandLine on\n</IfDefine>\n"
             "<If \"%{HTTPS} == 'on'\">\nRuntime on\n</If>\n"}});
  CHECK(l.read("Defined") == "yes");
  CHECK(l.read("NotDefined") == "no");
  CHECK(l.read("AfterUnDefine") == "maybe");
  CHECK(l.read("CommandLine") == "maybe");
  CHECK(l.read("Runtime") == "maybe");
}

TEST_CASE("apache model: server settings are inherited by virtual hosts", "[apache-model]") {
  Loaded l({{kEntry,
             "SSLUseStapling on\n<VirtualHost *:443>\nServerName a.example\nSSLEngine on\n"
             "<Location /x>\nSSLVerifyClient require\n</Location>\n</VirtualHost>\n"
             "<VirtualHost *:443>\nServerName b.example\nSSLEngine on\nSSLUseStapling off\n"
             "</VirtualHost>\n<VirtualHost *:80>\nServerName c.example\n</VirtualHost>\n"}});
  REQUIRE(l.model.hosts.size() == 4);  // the main server, then a, b, c
  const ApacheEffective a = l.model.effective(l.host(1), "SSLUseStapling");
  CHECK(a.is_on());
  CHECK(a.inherited);
  const ApacheEffective b = l.model.effective(l.host(2), "sslusestapling");
  CHECK_FALSE(b.is_on());
  CHECK_FALSE(b.inherited);
  CHECK(l.model.tls(l.host(1)));
  CHECK_FALSE(l.model.tls(l.host(3)));
  CHECK(l.host(1).display_name == "a.example (*:443)");
  // A <Location> setting is not the host's own.
  CHECK_FALSE(l.model.effective(l.host(1), "SSLVerifyClient"));
  CHECK(l.model.all_in(l.host(1), "SSLVerifyClient").size() == 1);
}

TEST_CASE("apache model: mod_md staples for its domains", "[apache-model]") {
  Loaded l({{kEntry,
             "MDomain example.org www.example.org\nMDStapling on\n"
             "<VirtualHost *:443>\nServerName www.example.org\nSSLEngine on\n</VirtualHost>\n"
             "<VirtualHost *:443>\nServerName other.example\nSSLEngine on\n</VirtualHost>\n"
             "<MDomainSet set.example>\nMDStapling off\n</MDomainSet>\n"
             "<VirtualHost *:443>\nServerName set.example\nSSLEngine on\n</VirtualHost>\n"}});
  REQUIRE(l.model.hosts.size() == 4);
  CHECK(l.model.md_stapling(l.host(1)) != nullptr);
  CHECK(l.model.md_stapling(l.host(2)) == nullptr);
  CHECK(l.model.md_stapling(l.host(3)) == nullptr);  // its MDomainSet turns it off
}

TEST_CASE("apache loader: ${VAR} in Include comes from Define and Debian's envvars", "[apache-model]") {
  Loaded l({{"/etc/apache2/apache2.conf",
             "Define SITES /etc/apache2/sites\nInclude ${SITES}/*.conf\n"
             "IncludeOptional ${APACHE_CONFDIR}/extra.conf\nInclude ${NOT_DEFINED}/x.conf\n"},
            {"/etc/apache2/envvars",
             "# comment\nexport APACHE_RUN_DIR=/var/run/apache2$SUFFIX\n"
             "export APACHE_CONFDIR='/etc/apache2'\n"},
            {"/etc/apache2/sites/a.conf", "SiteA on\n"},
            {"/etc/apache2/extra.conf", "Extra on\n"}},
           "/etc/apache2/apache2.conf");
  CHECK(l.read("SiteA") == "yes");
  CHECK(l.read("Extra") == "yes");
  CHECK(l.model.debian);
  // An undefined variable stays as written, as in httpd (AH00111), and the
  // Include then finds nothing.
  REQUIRE(l.tree.problems.size() == 1);
  CHECK(l.tree.problems[0].message.find("${NOT_DEFINED}/x.conf") != std::string::npos);
}

TEST_CASE("apache lint: endpoints carry the stapling verdict", "[apache-model]") {
  MemoryFileSystem fs;
  fs.add(kEntry,
         "SSLStaplingCache shmcb:logs/stapling(32768)\n"
         "<VirtualHost *:443>\nServerName on.example\nSSLEngine on\nSSLUseStapling on\n</VirtualHost>\n"
         "<VirtualHost *:443>\nServerName off.example\nSSLEngine on\n</VirtualHost>\n"
         "<IfDefine SSL>\n<VirtualHost *:443>\nServerName maybe.example\nSSLEngine on\n"
         "SSLUseStapling on\n</VirtualHost>\n</IfDefine>\n");
  SourceManager sm;
  LintRequest req;
  req.paths = {kEntry};
  const LintResult r = lint(fs, sm, RuleCatalog::builtin(), req);
  std::map<std::string, std::string> verdicts;
  for (const EndpointReport& e : r.endpoints) verdicts[e.name] = std::string(to_string(e.stapling));
  CHECK(verdicts["on.example (*:443)"] == "on");
  CHECK(verdicts["off.example (*:443)"] == "off");
  CHECK(verdicts["maybe.example (*:443)"] == "unknown");
}

TEST_CASE("apache model: many hosts named on threads, as one thread names them", "[apache-model]") {
  // Past the thread threshold (1,000 hosts); with server-level MDomains and
  // a <MDomainSet>, so that every list the model fills is compared.
  std::string text = "LoadModule ssl_module mod_ssl.so\nSSLUseStapling on\nMDStapling on\n";
  for (int i = 0; i < 1500; ++i) {
    const std::string n = std::to_string(i);
    text += (i % 50 == 0 ? "MDomain s" + n + ".example\n" : std::string()) +
            "<VirtualHost *:" + (i % 2 ? "443" : "8443") + ">\n  ServerName S" + n + ".Example:443\n  ServerAlias a" +
            n + ".example\n  SSLEngine on\n  <Directory /srv/" + n +
            ">\n    SSLVerifyClient require\n  </Directory>\n" + "  Include conf/x.conf\n</VirtualHost>\n";
  }
  text += "<MDomainSet m.example>\n  MDStapling off\n</MDomainSet>\n";
  MemoryFileSystem fs;
  fs.add(kEntry, text);
  fs.add("/srv/httpd/conf/x.conf", "SSLStaplingCache shmcb:x\n");
  SourceManager sm;
  ConfigLoader loader(fs, sm, {});
  const ConfigTree tree = loader.load(kEntry, false, Dialect::apache);
  REQUIRE(tree.problems.empty());
  const ApacheModel one = build_apache_model(tree, sm, 1);
  REQUIRE(one.hosts.size() == 1501);
  CHECK(one.hosts[1].display_name == "s0.example (*:8443)");
  CHECK(one.hosts[2].names == std::vector<std::string>{"s1.example", "a1.example"});
  CHECK(one.hosts[2].own.size() == 4);     // ServerName, ServerAlias, SSLEngine, x.conf's directive
  CHECK(one.hosts[2].inside.size() == 6);  // and the Include, and the <Directory>'s directive
  CHECK(one.md_domains.size() == 31);
  CHECK(one.md_set_stapling.size() == 1);
  CHECK(one.server_level.size() == 3);
  for (unsigned jobs : {2u, 4u}) {
    const ApacheModel many = build_apache_model(tree, sm, jobs);
    REQUIRE(many.hosts.size() == one.hosts.size());
    for (std::size_t i = 0; i < one.hosts.size(); ++i) {
      const ApacheHost& a = one.hosts[i];
      const ApacheHost& b = many.hosts[i];
      REQUIRE(a.node == b.node);
      CHECK(a.display_name == b.display_name);
      CHECK(a.names == b.names);
      REQUIRE(a.own.size() == b.own.size());
      for (std::size_t k = 0; k < a.own.size(); ++k) CHECK(a.own[k]->node == b.own[k]->node);
      CHECK(a.own_tags == b.own_tags);
      CHECK(a.inside_tags == b.inside_tags);
    }
    CHECK(many.md_domains.size() == one.md_domains.size());
    CHECK(many.server_level.size() == one.server_level.size());
  }
}
