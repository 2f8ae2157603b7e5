// Include expansion through the in-memory file system.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "staplint/loader.hpp"

using namespace staplint;

namespace {
std::vector<std::string> problems(const ConfigTree& t) {
  std::vector<std::string> out;
  for (const auto& p : t.problems) out.push_back(p.message);
  return out;
}
/// Bounds-checked element access for spans (REQUIRE fails the test).
const Node& at(std::span<const Node> nodes, std::size_t i) {
  REQUIRE(i < nodes.size());
  return nodes[i];
}
/// Loads /n/nginx.conf from `fs`.
ConfigTree load(const MemoryFileSystem& fs, SourceManager& sm, LoadOptions options = {}) {
  ConfigLoader loader(fs, sm, std::move(options));
  return loader.load("/n/nginx.conf", false);
}
const Node& only_child(const Node& n) {
  REQUIRE(n.children().size() == 1);
  return n.children().front();
}
}  // namespace

TEST_CASE("relative includes resolve against the entry's directory, globs sorted", "[loader]") {
  MemoryFileSystem fs;
  fs.add("/etc/nginx/nginx.conf", "http { include sites/*.conf; }");
  fs.add("/etc/nginx/sites/b.conf", "b;");
  fs.add("/etc/nginx/sites/a.conf", "a;");
  fs.add("/etc/nginx/sites/.hidden.conf", "hidden;");
  fs.add("/etc/nginx/sites/c.txt", "c;");
  SourceManager sm;
  ConfigLoader loader(fs, sm, {});
  const ConfigTree t = loader.load("/etc/nginx/nginx.conf", false);
  REQUIRE(t.problems.empty());
  const Node& inc = only_child(at(t.nodes, 0));
  CHECK(inc.kind == NodeKind::include);
  REQUIRE(inc.children().size() == 2);
  CHECK(inc.children()[0].name() == "a");
  CHECK(inc.children()[1].name() == "b");
  CHECK(t.inclusions.size() == 3);
  CHECK(sm.file(t.inclusions[inc.children()[0].inclusion()].file).path() == "/etc/nginx/sites/a.conf");
  CHECK(t.inclusions[inc.children()[0].inclusion()].site_file == t.entry);
}

TEST_CASE("the prefix and root options change where includes are read", "[loader]") {
  MemoryFileSystem fs;
  fs.add("/repo/etc/nginx/nginx.conf", "include /etc/nginx/conf.d/*.conf; include rel.conf;");
  fs.add("/repo/etc/nginx/conf.d/x.conf", "x;");
  fs.add("/repo/other/rel.conf", "r;");  // the prefix is a server path too
  SourceManager sm;
  LoadOptions o;
  o.root = "/repo";
  o.prefix = "/other";
  ConfigLoader loader(fs, sm, o);
  const ConfigTree t = loader.load("/repo/etc/nginx/nginx.conf", false);
  CHECK(problems(t).empty());
  CHECK(only_child(at(t.nodes, 0)).name() == "x");
  CHECK(only_child(at(t.nodes, 1)).name() == "r");
}

TEST_CASE("with a root, relative includes stay in the checkout the entry was read from", "[loader]") {
  // The entry's directory is already a checkout path: only server paths map.
  MemoryFileSystem fs;
  fs.add("/repo/etc/nginx/nginx.conf", "include conf.d/*.conf; include /etc/nginx/abs.conf;");
  fs.add("/repo/etc/nginx/conf.d/x.conf", "x;");
  fs.add("/repo/etc/nginx/abs.conf", "a;");
  SourceManager sm;
  LoadOptions o;
  o.root = "/repo";
  ConfigLoader loader(fs, sm, o);
  const ConfigTree t = loader.load("/repo/etc/nginx/nginx.conf", false);
  CHECK(problems(t).empty());
  CHECK(only_child(at(t.nodes, 0)).name() == "x");
  CHECK(only_child(at(t.nodes, 1)).name() == "a");
}

TEST_CASE("path maps send absolute server paths to checkout directories, longest prefix first", "[loader]") {
  LoadOptions o;
  o.root = "/repo";
  o.path_map = {{"/etc/nginx", "deploy/nginx"}, {"/etc/nginx/sites-enabled/", "/sites"}, {"/srv", "/data"}};
  CHECK(o.map_server_path("/etc/nginx/nginx.conf") == "deploy/nginx/nginx.conf");
  CHECK(o.map_server_path("/etc/nginx") == "deploy/nginx");
  CHECK(o.map_server_path("/etc/nginx/sites-enabled/a.conf") == "/sites/a.conf");
  CHECK(o.map_server_path("/etc/nginxx/a.conf") == "/repo/etc/nginxx/a.conf");  // not a prefix by name
  CHECK(o.map_server_path("/srv/x") == "/data/x");
  CHECK(o.map_server_path("relative/x") == "relative/x");
  o.root.clear();
  CHECK(o.map_server_path("/etc/ssl/x.pem") == "/etc/ssl/x.pem");
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf", "include /etc/nginx/sites-enabled/*.conf;");
  fs.add("/sites/a.conf", "a;");
  SourceManager sm;
  LoadOptions m;
  m.path_map = {{"/etc/nginx/sites-enabled", "/sites"}};
  const ConfigTree t = load(fs, sm, m);
  CHECK(problems(t).empty());
  CHECK(only_child(at(t.nodes, 0)).name() == "a");
}

TEST_CASE("a missing plain include is SL0002; a glob matching nothing is fine", "[loader]") {
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf", "include /nowhere/*.conf;\ninclude missing.conf;\n");
  SourceManager sm;
  const ConfigTree t = load(fs, sm);
  REQUIRE(t.problems.size() == 1);
  CHECK(t.problems[0].kind == InputProblemKind::include_not_found);
  CHECK(t.problems[0].message == "included file 'missing.conf' not found (looked for '/n/missing.conf')");
  CHECK(sm.file(t.problems[0].file).line_col(t.problems[0].range.begin).line == 2);
}

TEST_CASE("include cycles are reported with the chain", "[loader]") {
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf", "include a.conf;");
  fs.add("/n/a.conf", "include b.conf;");
  fs.add("/n/b.conf", "include a.conf;");
  SourceManager sm;
  const ConfigTree t = load(fs, sm);
  REQUIRE(t.problems.size() == 1);
  CHECK(t.problems[0].kind == InputProblemKind::include_cycle);
  CHECK(t.problems[0].message == "include cycle: 'a.conf' -> 'b.conf' -> 'a.conf'");
  CHECK(sm.file(t.problems[0].file).path() == "/n/b.conf");
}

TEST_CASE("self-include through a broad glob is a cycle, not a hang", "[loader]") {
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf", "include *.conf;");
  SourceManager sm;
  const ConfigTree t = load(fs, sm);
  REQUIRE(t.problems.size() == 1);
  CHECK(t.problems[0].kind == InputProblemKind::include_cycle);
}

TEST_CASE("include depth and file count are limited", "[loader]") {
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf", "include f0.conf;");
  for (int i = 0; i < 10; ++i) {
    fs.add("/n/f" + std::to_string(i) + ".conf", "include f" + std::to_string(i + 1) + ".conf;");
  }
  fs.add("/n/f10.conf", "x;");
  SourceManager sm;
  LoadOptions o;
  o.limits.max_include_depth = 5;
  const ConfigTree t = load(fs, sm, o);
  REQUIRE(t.problems.size() == 1);
  CHECK(t.problems[0].kind == InputProblemKind::limit);
  CHECK(t.problems[0].message == "includes nest deeper than 5 levels");

  SourceManager sm2;
  LoadOptions o2;
  o2.limits.max_files = 3;
  const ConfigTree t2 = load(fs, sm2, o2);
  REQUIRE(t2.problems.size() == 1);
  CHECK(t2.problems[0].message == "more than 3 files in one configuration tree");
}

TEST_CASE("binary, oversized and unreadable includes are SL0004 at the include", "[loader]") {
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf", "include bin.conf;\ninclude big.conf;\ninclude locked.conf;\n");
  fs.add("/n/bin.conf", std::string("a\0b;", 4));
  fs.add("/n/big.conf", std::string(100, 'x'));
  fs.add_unreadable("/n/locked.conf");
  SourceManager sm;
  LoadOptions o;
  o.limits.max_file_size = 80;
  const ConfigTree t = load(fs, sm, o);
  REQUIRE(t.problems.size() == 3);
  for (const auto& p : t.problems) {
    CHECK(p.kind == InputProblemKind::unreadable);
    CHECK(p.file == t.entry);
  }
  CHECK(t.problems[0].message == "'/n/bin.conf' is not a text file (a NUL byte on line 1)");
  CHECK(t.problems[1].message == "'/n/big.conf' is over the size limit of 80 bytes (100 bytes)");
  CHECK(t.problems[2].message == "cannot read '/n/locked.conf': Permission denied");
}

TEST_CASE("a syntax error in an included file is reported in that file", "[loader]") {
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf", "http { include bad.conf; server { listen 80; } }");
  fs.add("/n/bad.conf", "x \"y;");
  SourceManager sm;
  const ConfigTree t = load(fs, sm);
  REQUIRE(t.problems.size() == 1);
  CHECK(t.problems[0].kind == InputProblemKind::syntax);
  CHECK(sm.file(t.problems[0].file).path() == "/n/bad.conf");
  CHECK(t.problems[0].range.begin == 2);
  // The rest of the tree is still there.
  CHECK(at(t.nodes, 0).children().size() == 2);
}

TEST_CASE("words are unescaped like nginx does", "[loader]") {
  SourceManager sm;
  const FileId f = sm.add("a.conf", "a.conf", R"(a "x\"y" 'p\'q' r\ts "\n" \\z;)");
  const ParseResult parsed = parse_nginx_text(f, sm, 100);
  REQUIRE(parsed.ok());
  const std::span<Node> nodes = *parsed;
  const auto& args = at(nodes, 0).args();
  REQUIRE(args.size() == 5);
  CHECK(args[0].value == "x\"y");
  CHECK(args[0].quote == Quote::double_);
  CHECK(args[1].value == "p'q");
  CHECK(args[2].value == "r\ts");
  CHECK(args[3].value == "\n");
  CHECK(args[4].value == "\\z");
}

TEST_CASE("variables are recognised in arguments", "[loader]") {
  Arg a;
  a.value = "/etc/ssl/$ssl_server_name.crt";
  CHECK(a.has_variable());
  a.value = "/etc/ssl/${host}.crt";
  CHECK(a.has_variable());
  a.value = "/etc/ssl/price$.crt";
  CHECK_FALSE(a.has_variable());
}

namespace {
/// The tree of `entry` on disk as a list of "path: top-level names", each
/// include's children indented under it, read with `jobs` threads.
std::string expanded(const std::string& entry, Dialect dialect, unsigned jobs, const std::string& dir) {
  DiskFileSystem fs;
  SourceManager sm;
  LoadOptions options;
  options.jobs = jobs;
  ConfigLoader loader(fs, sm, options);
  const ConfigTree tree = loader.load(entry, false, dialect);
  std::string out;
  std::vector<std::pair<const Node*, std::size_t>> todo;  // depth first, in document order
  for (auto it = tree.nodes.rbegin(); it != tree.nodes.rend(); ++it) todo.emplace_back(&*it, 0);
  while (!todo.empty()) {
    const auto [n, level] = todo.back();
    todo.pop_back();
    if (n->kind == NodeKind::comment) continue;
    out += std::string(level * 2, ' ') + sm.file(n->file()).path().substr(dir.size()) + ": " + std::string(n->name()) +
           "\n";
    for (auto it = n->children().rbegin(); it != n->children().rend(); ++it) todo.emplace_back(&*it, level + 1);
  }
  for (const InputProblem& p : tree.problems) out += "problem: " + p.message + "\n";
  out += "statements: " + std::to_string(tree.node_count) + "\n";
  return out;
}
}  // namespace

TEST_CASE("files parsed ahead on threads expand as files parsed in turn do", "[loader]") {
  // A glob of several files: at -j 3 they are parsed ahead on threads,
  // which also note whether a file holds anything the expansion acts on.
  // A Define in a file that includes nothing must still reach the include
  // after it, and a file's own includes must still be followed.
  char dir_template[] = "/tmp/staplint-ahead-XXXXXX";
  REQUIRE(::mkdtemp(dir_template) != nullptr);
  const std::string dir = dir_template;
  DiskFileSystem fs;
  REQUIRE(::mkdir((dir + "/conf.d").c_str(), 0755) == 0);
  REQUIRE(::mkdir((dir + "/more").c_str(), 0755) == 0);
  REQUIRE(fs.write_file(dir + "/apache2.conf", "Include conf.d/*.conf\nInclude ${LATER}/x.conf\n"));
  REQUIRE(fs.write_file(dir + "/conf.d/a.conf", "ServerName a\n# Include nothing.conf\n"));
  REQUIRE(fs.write_file(dir + "/conf.d/b.conf", "Define LATER " + dir + "/more\n"));
  REQUIRE(fs.write_file(dir + "/conf.d/c.conf", "<IfModule ssl_module>\n  IncludeOptional more/y.conf\n</IfModule>\n"));
  REQUIRE(fs.write_file(dir + "/more/x.conf", "SSLUseStapling on\n"));
  REQUIRE(fs.write_file(dir + "/more/y.conf", "SSLStaplingCache shmcb:y\n"));
  REQUIRE(fs.write_file(dir + "/nginx.conf", "http {\n  include sites/*.conf;\n}\n"));
  REQUIRE(::mkdir((dir + "/sites").c_str(), 0755) == 0);
  REQUIRE(fs.write_file(dir + "/sites/1.conf", "server { listen 443 ssl; }\n"));
  REQUIRE(fs.write_file(dir + "/sites/2.conf", "server { include more/z.conf; }\n"));
  REQUIRE(fs.write_file(dir + "/sites/3.conf", "# include nothing;\nserver { }\n"));
  REQUIRE(fs.write_file(dir + "/more/z.conf", "ssl_stapling on;\n"));

  const std::string apache = expanded(dir + "/apache2.conf", Dialect::apache, 1, dir);
  CHECK(apache ==
        "/apache2.conf: Include\n"
        "  /conf.d/a.conf: ServerName\n"
        "  /conf.d/b.conf: Define\n"
        "  /conf.d/c.conf: IfModule\n"
        "    /conf.d/c.conf: IncludeOptional\n"
        "      /more/y.conf: SSLStaplingCache\n"
        "/apache2.conf: Include\n"
        "  /more/x.conf: SSLUseStapling\n"
        "statements: 9\n");
  CHECK(expanded(dir + "/apache2.conf", Dialect::apache, 3, dir) == apache);
  const std::string nginx = expanded(dir + "/nginx.conf", Dialect::nginx, 1, dir);
  CHECK(nginx ==
        "/nginx.conf: http\n"
        "  /nginx.conf: include\n"
        "    /sites/1.conf: server\n"
        "      /sites/1.conf: listen\n"
        "    /sites/2.conf: server\n"
        "      /sites/2.conf: include\n"
        "        /more/z.conf: ssl_stapling\n"
        "    /sites/3.conf: server\n"
        "statements: 9\n");
  CHECK(expanded(dir + "/nginx.conf", Dialect::nginx, 3, dir) == nginx);
  std::filesystem::remove_all(dir);
}
