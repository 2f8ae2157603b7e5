#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "staplint/fix_apply.hpp"
#include "staplint/fixer.hpp"
#include "staplint/rules.hpp"

using namespace staplint;

TEST_CASE("edits apply in offset order", "[fixer]") {
  const std::string t = "abcdef";
  CHECK(apply_edits(t, {{0, 4, 0, "X", {}}, {0, 1, 2, "Y", {}}}) == "aYdXef");
}

TEST_CASE("identical edits from several findings apply once", "[fixer]") {
  CHECK(apply_edits("ab", {{0, 1, 0, "X", {}}, {0, 1, 0, "X", {}}}) == "aXb");
}

TEST_CASE("overlapping edits are skipped and counted", "[fixer]") {
  std::size_t skipped = 0;
  CHECK(apply_edits("abcdef", {{0, 1, 3, "X", {}}, {0, 2, 2, "Y", {}}}, &skipped) == "aXef");
  CHECK(skipped == 1);
}

TEST_CASE("edits past the end are refused", "[fixer]") {
  std::size_t skipped = 0;
  CHECK(apply_edits("ab", {{0, 5, 0, "X", {}}}, &skipped) == "ab");
  CHECK(skipped == 1);
}

TEST_CASE("a fix plan: safe or all, files with syntax errors left alone, diffs", "[fixer]") {
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf",
         "http {\n    server {\n        listen 443 ssl;\n        ssl_stapling yes;\n    }\n"
         "    server {\n        listen 8443 ssl;\n    }\n}\n");
  fs.add("/b/nginx.conf", "http {\n    server {\n        listen 443 ssl;\n        ssl_stapling yes\n    }\n}\n");
  SourceManager sm;
  LintRequest req;
  req.paths = {"/n/nginx.conf", "/b/nginx.conf"};
  const LintResult result = lint(fs, sm, RuleCatalog::builtin(), req);

  const FixPlan safe = plan_fixes(result, sm, FixMode::safe);
  REQUIRE(safe.patches.size() == 1);  // SL9002 'yes' -> 'on'; SL1001's fix is suggested
  CHECK(safe.patches[0].path == "/n/nginx.conf");
  CHECK(safe.patches[0].after.find("ssl_stapling on;") != std::string::npos);
  CHECK(safe.syntax_errors == std::vector<std::string>{"/b/nginx.conf"});

  const FixPlan all = plan_fixes(result, sm, FixMode::all);
  REQUIRE(all.patches.size() == 1);
  CHECK(all.fixes > safe.fixes);
  const std::string diff = unified_diff(all.patches[0]);
  CHECK(diff.rfind("--- a/n/nginx.conf\n+++ b/n/nginx.conf\n@@ -1,", 0) == 0);
  CHECK(all.patches[0].after.find("listen 8443 ssl;\n        ssl_stapling on;") != std::string::npos);
  CHECK(diff.find("-        ssl_stapling yes;\n") != std::string::npos);
  CHECK(diff.find("+        ssl_stapling on;\n") != std::string::npos);

  CHECK(result.named_dirs == std::vector<std::string>{"/n", "/b"});
  // Not below what was named: refused.
  CHECK(write_patches(fs, all, {"/b"}).size() == 1);
  CHECK(fs.read("/n/nginx.conf", 1 << 20).bytes == all.patches[0].before);
  CHECK(write_patches(fs, all, result.named_dirs).empty());
  CHECK(fs.read("/n/nginx.conf", 1 << 20).bytes == all.patches[0].after);
  fs.add_unreadable("/n/nginx.conf");
  CHECK(write_patches(fs, all, result.named_dirs).size() == 1);  // reported, not thrown
}

TEST_CASE("a fix is not written over an edit made since the file was read", "[fixer]") {
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf", "http {\n    server {\n        listen 443 ssl;\n        ssl_stapling yes;\n    }\n}\n");
  SourceManager sm;
  LintRequest req;
  req.paths = {"/n/nginx.conf"};
  const LintResult result = lint(fs, sm, RuleCatalog::builtin(), req);
  const FixPlan plan = plan_fixes(result, sm, FixMode::safe);
  REQUIRE(plan.patches.size() == 1);
  const std::string edited = plan.patches[0].before + "# the user's edit\n";
  fs.add("/n/nginx.conf", edited);
  const auto errors = write_patches(fs, plan, result.named_dirs);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("changed since it was read") != std::string::npos);
  CHECK(fs.read("/n/nginx.conf", 1 << 20).bytes == edited);
}

TEST_CASE("a fix is not written through a symlink out of the named tree", "[fixer]") {
  MemoryFileSystem fs;
  fs.add("/n/nginx.conf", "http {\n    include sites/*.conf;\n}\n");
  fs.add("/victim/target.conf", "server {\n    listen 443 ssl;\n    ssl_stapling yes;\n}\n");
  fs.add_symlink("/n/sites/a.conf", "/victim/target.conf");
  SourceManager sm;
  LintRequest req;
  req.paths = {"/n/nginx.conf"};
  const LintResult result = lint(fs, sm, RuleCatalog::builtin(), req);
  // The finding is there, but names no text of the file outside and offers
  // no fix for it.
  REQUIRE(result.findings.size() >= 1);
  bool outside = false;
  for (const Finding& f : result.findings) {
    if (sm.file(f.file).identity() != "/victim/target.conf") continue;
    outside = true;
    CHECK(f.message.find("outside the paths named for linting") != std::string::npos);
    CHECK(f.message.find("yes") == std::string::npos);
    CHECK(f.fixes.empty());
  }
  CHECK(outside);
  CHECK(plan_fixes(result, sm, FixMode::all).patches.empty());
}

TEST_CASE("unified diff: a missing final newline and a created file", "[fixer]") {
  const std::string d = unified_diff({"x.conf", "a\nb", "a\nc", false});
  CHECK(d ==
        "--- a/x.conf\n+++ b/x.conf\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n"
        "+c\n\\ No newline at end of file\n");
  CHECK(unified_diff({"bin/setenv.sh", "", "x\n", true}) == "--- /dev/null\n+++ b/bin/setenv.sh\n@@ -0,0 +1 @@\n+x\n");
}

TEST_CASE("two fixes that create the same file give it the lines of both, once", "[fixer]") {
  SourceManager sm;
  LintResult result;
  for (const char* option : {"-Da=1", "-Db=2"}) {
    Finding f;
    f.rule_id = "SL1001";
    TextEdit e;
    e.create = "base/bin/setenv.sh";
    e.text = std::string("#!/bin/sh\nCATALINA_OPTS=\"$CATALINA_OPTS ") + option + "\"\n";
    f.fixes.push_back({"create", {e}, false});
    result.findings.push_back(f);
  }
  const FixPlan plan = plan_fixes(result, sm, FixMode::all);
  REQUIRE(plan.patches.size() == 1);
  CHECK(plan.patches[0].create);
  CHECK(plan.patches[0].after ==
        "#!/bin/sh\nCATALINA_OPTS=\"$CATALINA_OPTS -Da=1\"\nCATALINA_OPTS=\"$CATALINA_OPTS -Db=2\"\n");
  CHECK(plan_fixes(result, sm, FixMode::safe).patches.empty());
}

TEST_CASE("on disk, write_file refuses a stale file, a FIFO and a read-only file, and keeps the rest", "[fixer]") {
  char dir_template[] = "/tmp/staplint-write-XXXXXX";
  REQUIRE(::mkdtemp(dir_template) != nullptr);
  const std::string dir = dir_template;
  DiskFileSystem fs;
  const std::string file = dir + "/a.conf";
  REQUIRE(fs.write_file(file, "one\n"));
  ::chmod(file.c_str(), 0640);
  // Read as "one", edited to "two" since: the fix is not written over it.
  REQUIRE(fs.write_file(file, "two\n"));
  const std::string read = "one\n";
  const Result<void> stale = fs.write_file(file, "fixed\n", &read);
  REQUIRE_FALSE(stale);
  CHECK(stale.error().message.find("changed since it was read") != std::string::npos);
  CHECK(fs.read(file, 100).bytes == "two\n");
  // Unchanged since it was read: written, mode kept, no temporary file left.
  const std::string now = "two\n";
  CHECK(fs.write_file(file, "fixed\n", &now));
  CHECK(fs.read(file, 100).bytes == "fixed\n");
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);
  CHECK(fs.list(dir).size() == 1);
  // A FIFO is never replaced by a regular file.
  const std::string fifo = dir + "/pipe.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  const Result<void> to_fifo = fs.write_file(fifo, "{}\n");
  REQUIRE_FALSE(to_fifo);
  CHECK(to_fifo.error().message.find("not a regular file") != std::string::npos);
  REQUIRE(::lstat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
  // Nobody may write a 0444 file: not replaced, even by root.
  const std::string ro = dir + "/ro.conf";
  REQUIRE(fs.write_file(ro, "ro\n"));
  ::chmod(ro.c_str(), 0444);
  const Result<void> read_only = fs.write_file(ro, "changed\n");
  REQUIRE_FALSE(read_only);
  CHECK(read_only.error().message.find("read-only") != std::string::npos);
  CHECK(fs.read(ro, 100).bytes == "ro\n");
  for (const DirEntry& e : fs.list(dir)) ::unlink((dir + "/" + e.name).c_str());
  ::rmdir(dir.c_str());
}
