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
  auto o = run({"--format=gcc", "--fail-on", "error", "--root", "/r", "--nginx-version",
                "1.27.2", "a.conf", "--", "--odd-name.conf"},
               err);
  REQUIRE(o);
  CHECK(o->format == "gcc");
  CHECK(o->fail_on == Severity::error);
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
  CHECK_FALSE(run({}, err));
  CHECK(err == "no paths given");
  CHECK_FALSE(run({"--nginx-version", "new", "a"}, err));
}
