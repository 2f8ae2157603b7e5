// The rule catalog: validation of rule files, the binding of checks, and every
// rule's own examples, which must fire and stay silent as documented.
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

#include "checks/common/name_set.hpp"
#include "staplint/lint.hpp"
#include "staplint/rules.hpp"

using namespace staplint;

namespace {
const std::string kValid = R"(id: SL1999
name: test-rule
severity: warning
dialects: [nginx]
summary: s
message: "server '{server}'"
explain: {problem: p, why: w, fix: f}
references: [r]
)";

std::string load_error(const std::string& yaml) {
  try {
    RuleCatalog::load({{"rules/x.yaml", yaml}});
  } catch (const RuleError& e) {
    return e.what();
  }
  return "";
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  s.replace(s.find(from), from.size(), to);
  return s;
}
}  // namespace

TEST_CASE("a valid rule file loads", "[rules]") { CHECK(load_error(kValid).empty()); }

TEST_CASE("rule files are validated with did-you-mean", "[rules]") {
  CHECK(load_error(kValid + "sumary: x\n") == "rules/x.yaml: unknown key 'sumary'; did you mean 'summary'?");
  CHECK(load_error(kValid + "check: ngnix\n") ==
        "rules/x.yaml: unknown check folder 'ngnix'; did you mean 'nginx'? (lib/src/checks/ has apache, "
        "input, jvm, live, nginx and tomcat)");
  // A live check judges handshakes: dialect and folder go together.
  CHECK(load_error(replace(kValid, "[nginx]", "[live]") + "check: nginx\n") ==
        "rules/x.yaml: dialect 'live' needs 'check: live' (its checks judge handshakes)");
  CHECK(load_error(kValid + "check: live\n") == "rules/x.yaml: check folder 'live' serves only dialect 'live'");
  CHECK(load_error(replace(kValid, "[nginx]", "[live]")).empty());
  CHECK(load_error(replace(kValid, "{server}", "{}")).find("positional fields are not allowed") != std::string::npos);
  CHECK(load_error(replace(kValid, "{server}", "{class}")) ==
        "rules/x.yaml: message field 'class' cannot name a member of the check's Fields struct (a C++ keyword, or "
        "'pairs'); rename it");
  CHECK(load_error(replace(kValid, "{server}", "{pairs}")).find("cannot name a member") != std::string::npos);
  // Any named field formats here: whether the check sets exactly the
  // template's fields, the compiler decides (test/system/rulegen_contract.sh).
  CHECK(load_error(replace(kValid, "{server}", "{host}")).empty());
  CHECK(load_error(replace(kValid, "{server}", "{server")).find("does not format") != std::string::npos);
  CHECK(load_error(replace(kValid, "warning", "fatal")) ==
        "rules/x.yaml: severity 'fatal' is not one of error, warning, info");
  CHECK(load_error(replace(kValid, "SL1999", "SL19")) == "rules/x.yaml: id 'SL19' is not of the form SLnnnn");
  CHECK(load_error(replace(kValid, "fix: f", "fx: f")) ==
        "rules/x.yaml: unknown key 'fx' in 'explain'; did you mean 'fix'?");
  CHECK(load_error(replace(kValid, "references: [r]", "")) == "rules/x.yaml: 'references' must be a non-empty list");
  // also_severity: a lower severity than the rule's own.
  CHECK(load_error(kValid + "also_severity: info\n").empty());
  CHECK(load_error(kValid + "also_severity: warning\n") ==
        "rules/x.yaml: also_severity 'warning' must be lower than severity 'warning'");
  CHECK(load_error(kValid + "also_severity: error\n") ==
        "rules/x.yaml: also_severity 'error' must be lower than severity 'warning'");
  CHECK(load_error(kValid + "also_severity: minor\n") ==
        "rules/x.yaml: also_severity 'minor' is not one of error, warning, info");
}

TEST_CASE("duplicate ids and names are rejected", "[rules]") {
  const std::string other = replace(kValid, "test-rule", "other-rule");
  try {
    RuleCatalog::load({{"a.yaml", kValid}, {"b.yaml", other}});
    FAIL("no error");
  } catch (const RuleError& e) {
    CHECK(std::string(e.what()) == "b.yaml: duplicate rule id 'SL1999'");
  }
}

TEST_CASE("no rule is a draft: its text says no TODO (tools/add_rule writes them)", "[rules]") {
  for (const RuleSpec& r : RuleCatalog::builtin().rules()) {
    std::string text = r.summary + r.explain_problem + r.explain_why + r.explain_fix;
    for (const RuleBinding& b : r.bindings) text += b.message;
    for (const std::string& ref : r.references) text += ref;
    INFO(r.source);
    CHECK(text.find("TODO") == std::string::npos);
  }
}

TEST_CASE("message fields are read from the template", "[rules]") {
  CHECK(message_fields("'{a}' and {b:>4}, {{not}} {a}") == std::vector<std::string>{"a", "b"});
  CHECK(message_fields("no fields, {{ braces }}").empty());
  CHECK_THROWS_AS(message_fields("{0}"), RuleError);
  CHECK_THROWS_AS(message_fields("{a"), RuleError);
  CHECK_THROWS_AS(message_fields("{a b}"), RuleError);
}

TEST_CASE("every built-in rule is bound to its compiled check", "[rules]") {
  for (const RuleSpec& r : RuleCatalog::builtin().rules()) {
    for (const RuleBinding& b : r.bindings) {
      INFO(r.id << " " << to_string(b.dialect));
      CHECK((b.dialect == Dialect::live ? b.live_fn != nullptr : b.fn != nullptr));
    }
  }
  CHECK(check_file("nginx", "SL1003", "stapling-no-resolver") == "nginx/SL1003_stapling_no_resolver.cpp");
}

TEST_CASE("the built-in catalog loads and has the issue's rules", "[rules]") {
  const RuleCatalog& c = RuleCatalog::builtin();
  for (const char* id : {"SL0001", "SL0002", "SL0003", "SL0004", "SL0005", "SL1001", "SL1002", "SL1003", "SL1004"}) {
    INFO(id);
    CHECK(c.find(id) != nullptr);
  }
  CHECK(c.find("stapling-disabled")->id == "SL1001");
  CHECK(c.suggest("stapling-disabeld") == std::optional<std::string>("stapling-disabled"));
}

TEST_CASE("every rule's examples fire and stay silent as documented", "[rules]") {
  const RuleCatalog& c = RuleCatalog::builtin();
  for (const RuleSpec& r : c.rules()) {
    for (const RuleExample& e : r.examples) {
      for (const bool fires : {true, false}) {
        INFO(r.id << (fires ? " fires on:\n" : " is silent on:\n") << (fires ? e.fires : e.silent));
        MemoryFileSystem fs;
        const std::string path = !e.path.empty()                ? "/ex/" + e.path
                                 : e.dialect == Dialect::apache ? "/ex/conf/httpd.conf"
                                 : e.dialect == Dialect::jvm    ? "/ex/bin/setenv.sh"
                                 : e.dialect == Dialect::tomcat ? "/ex/conf/server.xml"
                                                                : "/ex/nginx.conf";
        fs.add(path, fires ? e.fires : e.silent);
        // The test PKI, for the rules that read certificates (certs/NAME).
        for (const auto& c : std::filesystem::directory_iterator(STAPLINT_SOURCE_DIR "/samples/certs")) {
          const ReadResult bytes = DiskFileSystem().read(c.path().string(), 1 << 20);
          fs.add(path::dirname(path) + "/certs/" + c.path().filename().string(), bytes.bytes);
        }
        SourceManager sm;
        LintRequest req;
        req.paths = {path};
        if (!e.version.empty()) {
          const auto v = Version::parse(e.version);
          (e.dialect == Dialect::apache   ? req.lint.httpd_version
           : e.dialect == Dialect::tomcat ? req.lint.tomcat_version
                                          : req.lint.nginx_version) = v;
        }
        const LintResult res = lint(fs, sm, c, req);
        bool seen = false;
        for (const Finding& f : res.findings) seen = seen || f.rule_id == r.id;
        CHECK(seen == fires);
        REQUIRE(res.file_dialects.size() == 1);
        CHECK(res.file_dialects[0] == e.dialect);
      }
    }
  }
}

namespace {

/// The rule ids a sample file expects (`expect: SL1001 SL1002@12`, in any
/// comment style the sample runner reads), and the file's text.
std::set<std::string> expected_rules(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::set<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    for (const char* marker : {"expect:", "expect-after-fix:"}) {
      const std::size_t at = line.find(marker);
      if (at == std::string::npos) continue;
      std::istringstream ids(line.substr(at + std::strlen(marker)));
      std::string id;
      while (ids >> id) {
        // JSON's `"//": "expect: SL1001",` ends its last id with `",`.
        id = id.substr(0, id.find_first_of("@\",}"));
        if (id.rfind("SL", 0) == 0) out.insert(id);
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every rule has a firing and a silent sample per dialect", "[rules][samples]") {
  // A sample of rule SLnnnn for a dialect lives under samples/<dialect>/ and
  // is named slnnnn-fires[-*] or slnnnn-silent[-*] (after a prefix the
  // dialect needs, as in setenv-sl1101-fires-typo.sh), as a file or a tree
  // directory. A firing sample expects the rule in one of its files; a silent
  // one in none. The sample runner checks that each gets what it expects.
  const std::regex name("(^|-)sl([0-9]{4})-(fires|silent)([-.]|$)");
  std::map<std::tuple<std::string, std::string, bool>, std::vector<std::filesystem::path>> samples;
  for (const char* dialect : {"nginx", "apache", "tomcat", "jvm", "live", "aws"}) {
    const std::filesystem::path dir = std::filesystem::path(STAPLINT_SOURCE_DIR) / "samples" / dialect;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
      const std::string n = e.path().filename().string();
      std::smatch m;
      if (n.find(".fixed") != std::string::npos || !std::regex_search(n, m, name)) continue;
      samples[{dialect, "SL" + m[2].str(), m[3] == "fires"}].push_back(e.path());
    }
  }
  auto expects = [](const std::filesystem::path& p, const std::string& id) {
    if (!std::filesystem::is_directory(p)) return expected_rules(p).count(id) > 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(p)) {
      if (e.is_regular_file() && expected_rules(e.path()).count(id)) return true;
    }
    return false;
  };
  for (const RuleSpec& r : RuleCatalog::builtin().rules()) {
    for (const Dialect d : r.dialects) {
      const std::string dialect(to_string(d));
      for (const bool fires : {true, false}) {
        INFO(r.id << " " << dialect << (fires ? " fires" : " silent"));
        const auto it = samples.find({dialect, r.id, fires});
        CHECK(it != samples.end());
        if (it == samples.end()) continue;
        for (const auto& p : it->second) {
          INFO(p.string());
          CHECK(expects(p, r.id) == fires);
        }
      }
    }
  }
}

TEST_CASE("versions parse", "[rules]") {
  CHECK(Version::parse("1.27.2").has_value());
  CHECK(Version::parse("1.22").has_value());
  CHECK_FALSE(Version::parse("1").has_value());
  CHECK_FALSE(Version::parse("1.x").has_value());
  CHECK(*Version::parse("1.22.1") < *Version::parse("1.27.2"));
}

TEST_CASE("the compiled-in catalog is exactly what rules/*.yaml say", "[rules]") {
  // staplint-rulegen turns the YAML into C++; load the same files with the
  // YAML loader at test time and compare every field.
  std::vector<RuleText> texts;
  for (const auto& e : std::filesystem::directory_iterator(STAPLINT_SOURCE_DIR "/rules")) {
    if (e.path().extension() != ".yaml" || e.path().filename() == "jvm-properties.yaml") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    texts.push_back({"rules/" + e.path().filename().string(), s.str()});
  }
  const RuleCatalog yaml = RuleCatalog::load(texts);
  const RuleCatalog& built = RuleCatalog::builtin();
  REQUIRE(yaml.rules().size() == built.rules().size());
  REQUIRE(built.rules().size() >= 24);
  for (std::size_t i = 0; i < yaml.rules().size(); ++i) {
    const RuleSpec& a = yaml.rules()[i];
    const RuleSpec& b = built.rules()[i];
    INFO(a.id);
    CHECK(a.id == b.id);
    CHECK(a.name == b.name);
    CHECK(a.severity == b.severity);
    CHECK(a.dialects == b.dialects);
    CHECK(a.summary == b.summary);
    REQUIRE(a.bindings.size() == b.bindings.size());
    for (std::size_t j = 0; j < a.bindings.size(); ++j) {
      CHECK(a.bindings[j].dialect == b.bindings[j].dialect);
      CHECK(a.bindings[j].check == b.bindings[j].check);
      CHECK(a.bindings[j].message == b.bindings[j].message);
    }
    CHECK(a.refuses == b.refuses);
    CHECK(a.also_severity == b.also_severity);
    CHECK(a.args == b.args);
    CHECK(a.explain_problem == b.explain_problem);
    CHECK(a.explain_why == b.explain_why);
    CHECK(a.explain_fix == b.explain_fix);
    CHECK(a.references == b.references);
    CHECK(a.source == b.source);
    REQUIRE(a.examples.size() == b.examples.size());
    for (std::size_t j = 0; j < a.examples.size(); ++j) {
      CHECK(a.examples[j].dialect == b.examples[j].dialect);
      CHECK(a.examples[j].fires == b.examples[j].fires);
      CHECK(a.examples[j].silent == b.examples[j].silent);
      CHECK(a.examples[j].path == b.examples[j].path);
      CHECK(a.examples[j].version == b.examples[j].version);
    }
  }
}

TEST_CASE("a NameSet matches directive names without regard to case, and nothing else", "[rules]") {
  const checks::NameSet set{"SSLUseStapling", "MDStapling", "SSLOCSPEnable"};
  CHECK(set.contains("SSLUseStapling"));
  CHECK(set.contains("sslusestapling"));
  CHECK(set.contains("MDSTAPLING"));
  CHECK(set.contains("SSLOCSPEnable"));
  CHECK_FALSE(set.contains("SSLUseStaplin"));    // a prefix
  CHECK_FALSE(set.contains("SSLUseStaplingX"));  // longer
  CHECK_FALSE(set.contains("ServerName"));       // same first letter
  CHECK_FALSE(set.contains("Header"));           // a first letter none has
  CHECK_FALSE(set.contains(""));
}
