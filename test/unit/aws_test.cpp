// AWS (issue 19): the HCL grammar, the YAML/JSON reader's positions, the
// model's references, and how a run finds Terraform modules and templates.
// No network, an in-memory file system.
#include <catch2/catch.hpp>

#include "hcl_parser.hpp"
#include "staplint/aws_model.hpp"
#include "staplint/aws_parse.hpp"
#include "staplint/file_system.hpp"
#include "staplint/lint.hpp"
#include "staplint/rules.hpp"

using namespace staplint;

namespace {

struct Parsed {
  SourceManager sm;
  FileId file = kNoFile;
  ParseResult result = std::span<Node>{};
  LineCol at(std::uint32_t offset) const { return sm.file(file).line_col(offset); }
};

std::unique_ptr<Parsed> parse(const std::string& path, const std::string& text) {
  auto p = std::make_unique<Parsed>();
  p->file = p->sm.add(path, path, text);
  p->result = parse_aws_text(p->file, p->sm, 100);
  return p;
}

std::vector<std::string> rules_of(const LintResult& r) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) out.push_back(f.rule_id + "@" + std::to_string(f.range.begin));
  return out;
}

}  // namespace

TEST_CASE("hcl: blocks, labels, attributes and expressions as written", "[aws][hcl]") {
  const std::string text =
      "resource \"aws_lb_listener\" \"a\\u00e9\" {\n"
      "  port = 443 # trailing\n"
      "  arn  = \"${aws_lb_trust_store.t.arn}\"\n"
      "  list = [\n    1,\n    2,\n  ]\n"
      "  inner { mode = \"verify\" }\n"
      "}\n";
  auto p = parse("main.tf", text);
  REQUIRE(p->result);
  const std::span<Node> top = *p->result;
  REQUIRE(top.size() == 1);
  const Node& r = top[0];
  CHECK(r.kind == NodeKind::block);
  CHECK(r.name() == "resource");
  REQUIRE(r.args().size() == 2);
  CHECK(r.args()[0].value == "aws_lb_listener");
  CHECK(r.args()[1].value == "a\xC3\xA9");  // the escape decoded
  std::vector<std::string> names;
  for (const Node& c : r.children()) names.emplace_back(c.kind == NodeKind::comment ? "#" : c.name());
  CHECK(names == std::vector<std::string>{"port", "#", "arn", "list", "inner"});
  const Node& port = r.children()[0];
  CHECK(port.args()[0].value == "443");
  CHECK(port.args()[0].quote == Quote::none);
  CHECK(p->at(port.range.begin).line == 2);
  // An interpolation is no constant: the expression as written.
  CHECK(r.children()[2].args()[0].value == "\"${aws_lb_trust_store.t.arn}\"");
  CHECK(r.children()[3].args()[0].value == "[\n    1,\n    2,\n  ]");
  const Node& inner = r.children()[4];
  CHECK(inner.kind == NodeKind::block);
  REQUIRE(inner.children().size() == 1);
  CHECK(inner.children()[0].args()[0].value == "verify");
  CHECK(inner.children()[0].args()[0].quote == Quote::double_);
}

TEST_CASE("hcl: what Terraform refuses, located", "[aws][hcl]") {
  struct Case {
    const char* text;
    std::uint32_t line, column;
    const char* says;
  };
  const Case cases[] = {
      {"a {\n  x = 1\n", 1, 3, "not closed"},
      {"x = 1\nx = 2\n", 2, 1, "already set"},
      {"a { x = 1 y = 2 }\n", 1, 5, "one argument and '}'"},
      {"x = \"\\q\"\n", 1, 7, "escape sequence"},
      {"x = \"%{ if a }b\"\n", 1, 16, "no '%{ endif }'"},
      {"x = <<EOT\nline\n", 1, 5, "heredoc 'EOT' is not closed"},
      {"/* never\n", 2, 1, "'*/'"},
      {"}\n", 1, 1, "closes no block"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto p = parse("main.tf", c.text);
    REQUIRE_FALSE(p->result);
    const InputProblem& e = p->result.error();
    CHECK(e.kind == InputProblemKind::syntax);
    CHECK(p->at(e.range.begin).line == c.line);
    CHECK(p->at(e.range.begin).column == c.column);
    CHECK(e.message.find(c.says) != std::string::npos);
  }
}

TEST_CASE("hcl: nesting past the limit is a limit, in blocks and in expressions", "[aws][hcl]") {
  std::string blocks, brackets = "x = ";
  for (int i = 0; i < 150; ++i) blocks += "a {\n";
  for (int i = 0; i < 150; ++i) blocks += "}\n";
  for (int i = 0; i < 150; ++i) brackets += "[";
  for (int i = 0; i < 150; ++i) brackets += "]";
  for (const std::string& t : {blocks, brackets + "\n"}) {
    auto p = parse("main.tf", t);
    REQUIRE_FALSE(p->result);
    CHECK(p->result.error().kind == InputProblemKind::limit);
  }
}

TEST_CASE("hcl: literal_string decodes escapes, and refuses templates", "[aws][hcl]") {
  using grammar::hcl::literal_string;
  CHECK(literal_string("\"a\\tb\\\"c\"") == "a\tb\"c");
  CHECK(literal_string("\"$${x} %%{y}\"") == "${x} %{y}");
  CHECK(literal_string("\"\\u00e9\"") == "\xC3\xA9");
  CHECK_FALSE(literal_string("\"${x}\"").has_value());
  CHECK_FALSE(literal_string("x").has_value());
}

TEST_CASE("cloudformation: short-form tags lower as their long forms, positions from the text", "[aws][yaml]") {
  const std::string yaml =
      "\xEF\xBB\xBF"  // a byte order mark: offsets still count from the file's start
      "Resources:\n"
      "  # staplint disable=SL2001 -- reason\n"
      "  L:\n"
      "    Type: 'AWS::ElasticLoadBalancingV2::Listener'\n"
      "    Properties:\n"
      "      A: !Ref Store\n"
      "      B: !GetAtt [Store, Arn]\n"
      "      C: {\"Fn::GetAtt\": [\"Store\", \"Arn\"]}\n"
      "      D: |\n"
      "        # not a comment: a line of the literal\n"
      "      E: \"quoted \\u00e9\"\n";
  auto p = parse("t.yaml", yaml);
  REQUIRE(p->result);
  const Node& resources = (*p->result)[0];
  CHECK(resources.name() == "Resources");
  REQUIRE(resources.children().size() == 2);
  CHECK(resources.children()[0].kind == NodeKind::comment);
  const Node& l = resources.children()[1];
  CHECK(p->at(l.range.begin).line == 3);
  CHECK(p->at(l.range.begin).column == 3);
  const Node* props = AwsModel::child(&l, "Properties");
  REQUIRE(props);
  const Node* a = AwsModel::child(props, "A");
  REQUIRE(a);
  REQUIRE(a->children().size() == 1);
  CHECK(a->children()[0].name() == "Ref");
  CHECK(a->children()[0].args()[0].value == "Store");
  CHECK(AwsModel::child(props, "B")->children()[0].name() == "Fn::GetAtt");
  CHECK(AwsModel::child(props, "C")->children()[0].name() == "Fn::GetAtt");
  // Only one comment: the one inside the block scalar is its text.
  std::size_t comments = 0;
  for (const Node& n : props->children()) comments += n.kind == NodeKind::comment;
  CHECK(comments == 0);
  const Node* e = AwsModel::child(props, "E");
  REQUIRE(e);
  CHECK(e->args()[0].value == "quoted \xC3\xA9");
  CHECK(p->at(e->args()[0].range.begin).line == 11);
  CHECK(p->at(e->args()[0].range.begin).column == 10);
}

TEST_CASE("cloudformation: malformed templates get located errors", "[aws][yaml]") {
  auto bad = parse("t.yaml", "AWSTemplateFormatVersion: x\nResources:\n  L: [1, 2\n");
  REQUIRE_FALSE(bad.get()->result);
  CHECK(bad->result.error().kind == InputProblemKind::syntax);
  CHECK(bad->result.error().message.rfind("CloudFormation template: ", 0) == 0);
  CHECK(bad->at(bad->result.error().range.begin).line >= 3);
  auto list = parse("t.yaml", "- AWSTemplateFormatVersion\n");
  REQUIRE_FALSE(list->result);
  CHECK(list->result.error().message.find("not a mapping") != std::string::npos);
  auto json = parse("t.json", "{\"Resources\": {\"L\": {\"Type\": \"AWS::X\",}}");
  REQUIRE_FALSE(json->result);
}

TEST_CASE("aws model: references followed, the rest unknown", "[aws][model]") {
  MemoryFileSystem fs;
  fs.add("/m/stores.tf",
         "resource \"aws_lb_trust_store\" \"t\" {}\n"
         "resource \"aws_lb_trust_store_revocation\" \"r\" {\n"
         "  trust_store_arn    = aws_lb_trust_store.t.arn\n"
         "  revocations_s3_key = \"ca.crl\"\n}\n");
  fs.add("/m/main.tf",
         "resource \"aws_lb_listener\" \"a\" {\n  x = aws_lb_trust_store.t.arn\n  y = var.v\n"
         "  z = \"${aws_lb_trust_store.t.arn}\"\n  w = module.m.arn\n  v = true\n}\n");
  SourceManager sm;
  LoadOptions options;
  ConfigLoader loader(fs, sm, options);
  const ConfigTree tree = loader.load_files({"/m/main.tf", "/m/stores.tf"}, Dialect::aws, "/m");
  REQUIRE(tree.problems.empty());
  const AwsModel m = build_aws_model(tree);
  REQUIRE(m.resources.size() == 3);
  const AwsResource* l = m.find("aws_lb_listener.a");
  REQUIRE(l);
  const AwsResource* store = m.find("aws_lb_trust_store.t");
  auto value = [&](const char* name) { return m.value(AwsModel::property(*l, "", name)); };
  CHECK(value("x").kind == AwsValue::Kind::reference);
  CHECK(value("x").target == store);
  CHECK(value("z").target == store);
  CHECK(value("y").kind == AwsValue::Kind::unknown);
  CHECK(value("w").kind == AwsValue::Kind::unknown);
  CHECK(value("v").boolean() == true);
  CHECK(value("missing").kind == AwsValue::Kind::absent);
  REQUIRE(m.revoked_stores.size() == 1);
  CHECK(m.revoked_stores[0] == store);
  CHECK_FALSE(m.unknown_revocation_target);
}

TEST_CASE("aws model: a YAML alias is unknown, never a default", "[aws][model]") {
  MemoryFileSystem fs;
  fs.add("/c/t.yaml",
         "AWSTemplateFormatVersion: x\nMetadata:\n  on: &on true\nResources:\n  D:\n"
         "    Type: AWS::IoT::DomainConfiguration\n    Properties:\n      DomainName: a.test\n"
         "      ServerCertificateConfig:\n        EnableOCSPCheck: *on\n");
  SourceManager sm;
  LintRequest req;
  req.paths = {"/c/t.yaml"};
  const LintResult r = lint(fs, sm, RuleCatalog::builtin(), req);
  CHECK(r.findings.empty());
  REQUIRE(r.endpoints.size() == 1);
  CHECK(r.endpoints[0].stapling == Stapling::unknown);
}

TEST_CASE("a run: a Terraform file named alone is read with its module; other YAML is skipped", "[aws][lint]") {
  MemoryFileSystem fs;
  fs.add("/r/mod/store.tf", "resource \"aws_lb_trust_store\" \"t\" {}\n");
  fs.add("/r/mod/listener.tf",
         "resource \"aws_lb_listener\" \"l\" {\n  protocol = \"HTTPS\"\n  mutual_authentication {\n"
         "    mode            = \"verify\"\n    trust_store_arn = aws_lb_trust_store.t.arn\n  }\n}\n");
  fs.add("/r/chart/values.yaml", "replicaCount: 2\nimage:\n  tag: latest\n");
  fs.add("/r/cfn/stack.yaml",
         "Resources:\n  D:\n    Type: AWS::IoT::DomainConfiguration\n    Properties:\n      DomainName: a.test\n");
  SourceManager sm;
  LintRequest req;
  req.paths = {"/r/mod/listener.tf", "/r/chart/values.yaml", "/r/cfn/stack.yaml"};
  const LintResult r = lint(fs, sm, RuleCatalog::builtin(), req);
  // SL2001 needs the trust store from the other file of the module; only the
  // named file's findings are shown.
  std::vector<std::string> ids;
  for (const Finding& f : r.findings) ids.push_back(f.rule_id + " " + sm.file(f.file).path());
  CHECK(ids == std::vector<std::string>{"SL1001 /r/cfn/stack.yaml", "SL2001 /r/mod/listener.tf"});
  for (const FileId f : r.files) CHECK(sm.file(f).path() != "/r/chart/values.yaml");
  REQUIRE(r.endpoints.size() == 2);
  CHECK(r.endpoints[0].name == "D");
  CHECK(r.endpoints[0].stapling == Stapling::off);
  CHECK(r.endpoints[1].name == "aws_lb_listener.l");
  CHECK(r.endpoints[1].stapling == Stapling::unknown);
  CHECK(r.endpoints[1].note.find("staplint probe") != std::string::npos);
}
