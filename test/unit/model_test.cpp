#include <catch2/catch.hpp>

#include "staplint/loader.hpp"
#include "staplint/nginx_model.hpp"

using namespace staplint;

namespace {
struct Loaded {
  MemoryFileSystem fs;
  SourceManager sm;
  ConfigTree tree;
  NginxModel model;
  Loaded(const std::string& text, bool fragment = false) {
    fs.add("/n/nginx.conf", text);
    ConfigLoader loader(fs, sm, {});
    tree = loader.load("/n/nginx.conf", fragment);
    REQUIRE(tree.problems.empty());
    model = build_nginx_model(tree);
  }
};
}  // namespace

TEST_CASE("TLS servers are found by 'listen ... ssl' or 'ssl on'", "[model]") {
  Loaded l(
      "http { server { listen 80; } server { listen [::]:443 ssl; server_name a.b; }"
      " server { listen 8443; ssl on; } }"
      " stream { server { listen 127.0.0.1:5000 ssl; } }");
  REQUIRE(l.model.servers.size() == 4);
  CHECK_FALSE(l.model.servers[0].tls);
  CHECK(l.model.servers[1].tls);
  CHECK(l.model.servers[1].display_name == "a.b:443");
  CHECK(l.model.servers[2].tls);
  CHECK(l.model.servers[2].tls_marker->name() == "ssl");
  CHECK(l.model.servers[3].stream);
  CHECK(l.model.servers[3].display_name == "127.0.0.1:5000");
}

TEST_CASE("server values override http values; defaults are marked", "[model]") {
  Loaded l(
      "http { ssl_stapling off; resolver 1.1.1.1;"
      " server { listen 443 ssl; ssl_stapling on; } server { listen 443 ssl; } }");
  const auto& a = l.model.servers.at(0);
  const auto& b = l.model.servers.at(1);
  CHECK(a.effective("ssl_stapling").is_on());
  CHECK(a.effective("ssl_stapling").origin == Origin::server);
  CHECK_FALSE(b.effective("ssl_stapling").is_on());
  CHECK(b.effective("ssl_stapling").origin == Origin::parent);
  CHECK(b.effective("resolver").value() == "1.1.1.1");
  CHECK(b.effective("ssl_stapling_verify").origin == Origin::default_);
  CHECK(b.effective("ssl_stapling_verify").value("off") == "off");
}

TEST_CASE("includes are transparent to inheritance", "[model]") {
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf", "http { include s.conf; server { listen 443 ssl; include t.conf; } }");
  fs.add("/n/s.conf", "ssl_stapling on;");
  fs.add("/n/t.conf", "ssl_certificate a.pem; ssl_certificate b.pem;");
  SourceManager sm;
  ConfigLoader loader(fs, sm, {});
  const ConfigTree t = loader.load("/n/nginx.conf", false);
  const NginxModel m = build_nginx_model(t);
  REQUIRE(m.servers.size() == 1);
  CHECK(m.servers[0].effective("ssl_stapling").is_on());
  CHECK(m.servers[0].all("ssl_certificate").size() == 2);
}

TEST_CASE("array directives come from the server if it has any, else from http", "[model]") {
  Loaded l(
      "http { ssl_certificate h.pem; server { listen 443 ssl; }"
      " server { listen 443 ssl; ssl_certificate s1.pem; ssl_certificate s2.pem; } }");
  CHECK(l.model.servers[0].all("ssl_certificate").size() == 1);
  CHECK(l.model.servers[1].all("ssl_certificate").size() == 2);
}

TEST_CASE("a fragment's top level stands for the inside of http", "[model]") {
  Loaded l("ssl_stapling on; server { listen 443 ssl; }", true);
  REQUIRE(l.model.servers.size() == 1);
  CHECK(l.model.servers[0].effective("ssl_stapling").is_on());
  CHECK(l.model.servers[0].parent == nullptr);
}

TEST_CASE("stream and mail servers are named by server_name when they have one", "[model]") {
  Loaded l(
      "stream { server { listen 6379 ssl; server_name redis.example.com; }"
      " server { listen 127.0.0.1:5671 ssl; } }"
      " mail { starttls on; server { listen 587; server_name smtp.example.com; protocol smtp; }"
      " server { listen 993 ssl; protocol imap; } server { listen 143; protocol imap; starttls off; } }");
  REQUIRE(l.model.servers.size() == 2);
  CHECK(l.model.servers[0].display_name == "redis.example.com:6379");
  CHECK(l.model.servers[1].display_name == "127.0.0.1:5671");
  // Mail servers are kept apart (no stapling there); TLS by listen ssl or starttls.
  REQUIRE(l.model.mail_servers.size() == 3);
  CHECK(l.model.mail_servers[0].display_name == "smtp.example.com:587");
  CHECK(l.model.mail_servers[0].tls);        // starttls on, inherited from mail {}
  CHECK(l.model.mail_servers[1].tls);        // listen ... ssl
  CHECK_FALSE(l.model.mail_servers[2].tls);  // starttls off
  CHECK(l.model.mail_servers[0].mail);
}

TEST_CASE("many servers made on threads are the servers one thread makes, in order", "[model]") {
  // Past the thread threshold (1,000 servers): each server's own list,
  // tags, TLS marker and name must match a one-thread build, slot by slot.
  std::string text = "http { ssl_stapling on;\n";
  for (int i = 0; i < 2500; ++i) {
    const std::string n = std::to_string(i);
    text += "server { listen " + std::string(i % 3 ? "443 ssl" : "80") + "; server_name s" + n +
            ".example; ssl_certificate c" + n + ".pem;" + (i % 7 ? "" : " ssl_stapling off;") + " }\n";
  }
  text += "}\nstream { server { listen 5000 ssl; } }\n";
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf", text);
  SourceManager sm;
  ConfigLoader loader(fs, sm, {});
  const ConfigTree tree = loader.load("/n/nginx.conf", false);
  REQUIRE(tree.problems.empty());
  const NginxModel one = build_nginx_model(tree, 1);
  for (unsigned jobs : {2u, 4u}) {
    const NginxModel many = build_nginx_model(tree, jobs);
    REQUIRE(many.servers.size() == 2501);
    REQUIRE(many.servers.size() == one.servers.size());
    for (std::size_t i = 0; i < one.servers.size(); ++i) {
      const NginxServer& a = one.servers[i];
      const NginxServer& b = many.servers[i];
      REQUIRE(a.node == b.node);
      CHECK(a.display_name == b.display_name);
      CHECK(a.own == b.own);
      CHECK(a.own_tags == b.own_tags);
      CHECK(a.tls == b.tls);
      CHECK(a.tls_marker == b.tls_marker);
      CHECK(a.stream == b.stream);
      CHECK(a.effective("ssl_stapling").node == b.effective("ssl_stapling").node);
    }
  }
  CHECK(one.servers[1].display_name == "s1.example:443");
  CHECK_FALSE(one.servers[0].tls);
  CHECK_FALSE(one.servers[7].effective("ssl_stapling").is_on());
  CHECK(one.servers[8].effective("ssl_stapling").is_on());
  CHECK(one.servers.back().stream);
}
