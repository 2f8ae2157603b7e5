// Template variables from the repository (issue 17): which expressions name a
// variable, how YAML values render in each engine, and how values reach the
// nodes.
#include <catch2/catch.hpp>

#include "staplint/loader.hpp"
#include "staplint/template_vars.hpp"

using namespace staplint;

namespace {

std::string value_of(const TemplateVariables& v, std::string_view name) {
  const TemplateValue* t = v.find(name);
  return t ? t->value : "<unknown>";
}

/// The first directive named `name` in `nodes` (depth first), or nullptr.
const Node* find_node(std::span<const Node> nodes, std::string_view name) {
  for (const Node& n : nodes) {
    if (n.kind != NodeKind::comment && n.name() == name) return &n;
    if (const Node* c = find_node(n.children(), name)) return c;
  }
  return nullptr;
}

/// The first argument of the first directive named `name` in `t`.
std::string first_arg(const ConfigTree& t, std::string_view name) {
  const Node* n = find_node(t.nodes, name);
  return n && !n->args().empty() ? std::string(n->args()[0].value) : "<no such directive>";
}

bool is_hole(const std::string& value) { return value.find(kHoleFiller) != std::string::npos; }

}  // namespace

TEST_CASE("template variables: the expressions that name a variable and nothing else", "[template]") {
  using E = TemplateEngine;
  CHECK(template_variable("{{ nginx_stapling }}", E::jinja) == "nginx_stapling");
  CHECK(template_variable("{{-nginx.tls.dir-}}", E::jinja) == "nginx.tls.dir");
  CHECK(template_variable("{{+ x +}}", E::jinja) == "x");
  CHECK_FALSE(template_variable("{{ x | default('on') }}", E::jinja));
  CHECK_FALSE(template_variable("{{ x['y'] }}", E::jinja));
  CHECK_FALSE(template_variable("{{ x ~ 'y' }}", E::jinja));
  CHECK_FALSE(template_variable("{{ 1x }}", E::jinja));
  CHECK_FALSE(template_variable("{{ a..b }}", E::jinja));
  CHECK(template_variable("{{ .Values.tls.stapling }}", E::go) == ".Values.tls.stapling");
  CHECK(template_variable("{{- .Values.host -}}", E::go) == ".Values.host");
  CHECK(template_variable("{{ $.Values.host }}", E::go) == ".Values.host");  // the root's, in a range too
  CHECK_FALSE(template_variable("{{ .Values.host | quote }}", E::go));
  CHECK_FALSE(template_variable("{{ Values.host }}", E::go));
  CHECK_FALSE(template_variable("{{ $host }}", E::go));
  CHECK(template_variable("<%= @stapling %>", E::erb) == "@stapling");
  CHECK(template_variable("<%= stapling -%>", E::erb) == "stapling");
  CHECK_FALSE(template_variable("<%= node['nginx']['stapling'] %>", E::erb));
  CHECK_FALSE(template_variable("<%= @a.b %>", E::erb));
  CHECK(template_variable("${NGINX_HOST}", E::envsubst) == "NGINX_HOST");
  CHECK(template_variable("$NGINX_HOST", E::envsubst) == "NGINX_HOST");
  CHECK_FALSE(template_variable("${NGINX_HOST:-x}", E::envsubst));
}

TEST_CASE("template variables: YAML values render as each engine renders them", "[template]") {
  const std::string yaml = R"(
quoted_off: "off"
bare_off: off
bare_on: on
bare_yes: yes
bare_y: y
bare_true: True
port: 443
octal: 0755
float: 1.5
empty:
nothing: ~
list: [a, b]
computed: "{{ other }}"
host: www.example.org
address: 10.96.0.10
date: 2001-12-14
sexagesimal: 1:30
hex: 0x1F
tls:
  dir: /etc/ssl
  nested:
    deep: value
)";
  TemplateVariables jinja;
  REQUIRE_FALSE(read_template_variables(yaml, "defaults/main.yml", "", TemplateEngine::jinja, jinja));
  CHECK(value_of(jinja, "quoted_off") == "off");
  // PyYAML reads YAML 1.1: off/on/yes are booleans, and Jinja2 renders them
  // as Python does; `y` stays a string.
  CHECK(value_of(jinja, "bare_off") == "False");
  CHECK(value_of(jinja, "bare_on") == "True");
  CHECK(jinja.find("bare_on")->yaml_boolean == "on");
  CHECK(value_of(jinja, "bare_yes") == "True");
  CHECK(value_of(jinja, "bare_y") == "y");
  CHECK(value_of(jinja, "bare_true") == "True");
  CHECK(jinja.find("quoted_off")->yaml_boolean.empty());
  CHECK(value_of(jinja, "port") == "443");
  CHECK(value_of(jinja, "octal") == "<unknown>");
  CHECK(value_of(jinja, "float") == "<unknown>");
  CHECK(value_of(jinja, "empty") == "<unknown>");
  CHECK(value_of(jinja, "nothing") == "<unknown>");
  CHECK(value_of(jinja, "list") == "<unknown>");
  CHECK(value_of(jinja, "computed") == "<unknown>");
  CHECK(value_of(jinja, "host") == "www.example.org");
  CHECK(value_of(jinja, "address") == "10.96.0.10");  // not a float: a string
  CHECK(value_of(jinja, "date") == "<unknown>");      // a date, rendered otherwise
  CHECK(value_of(jinja, "sexagesimal") == "<unknown>");
  CHECK(value_of(jinja, "hex") == "<unknown>");
  CHECK(value_of(jinja, "tls.dir") == "/etc/ssl");
  CHECK(value_of(jinja, "tls.nested.deep") == "value");
  CHECK(jinja.find("host")->source == "defaults/main.yml:15");

  TemplateVariables go;
  REQUIRE_FALSE(read_template_variables(yaml, "values.yaml", ".Values.", TemplateEngine::go, go));
  // go-yaml v2 (Helm) reads y as a boolean too, and Go prints true/false.
  CHECK(value_of(go, ".Values.bare_off") == "false");
  CHECK(value_of(go, ".Values.bare_y") == "true");
  CHECK(value_of(go, ".Values.tls.dir") == "/etc/ssl");
  CHECK(value_of(go, "tls.dir") == "<unknown>");
}

TEST_CASE("template variables: a later file hides what it makes unknown; bad YAML is an error", "[template]") {
  TemplateVariables v;
  REQUIRE_FALSE(read_template_variables("a: one\nb: two\n", "defaults/main.yml", "", TemplateEngine::jinja, v));
  REQUIRE_FALSE(read_template_variables("a: \"{{ x }}\"\nb: three\n", "vars/main.yml", "", TemplateEngine::jinja, v));
  CHECK(value_of(v, "a") == "<unknown>");
  CHECK(value_of(v, "b") == "three");
  CHECK(v.find("b")->source == "vars/main.yml:2");
  TemplateVariables bad;
  CHECK(read_template_variables("a: [unclosed\n", "x.yml", "", TemplateEngine::jinja, bad));
  CHECK(read_template_variables("- a\n- b\n", "x.yml", "", TemplateEngine::jinja, bad));
  CHECK(read_template_variables(std::string("a: b\0c", 6), "x.yml", "", TemplateEngine::jinja, bad));
  // Deep nesting is bounded: no crash, the deep names are left out.
  std::string deep;
  for (int i = 0; i < 40; ++i)
    deep += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k" + std::to_string(i) + ":\n";
  deep += std::string(80, ' ') + "v: x\n";
  TemplateVariables d;
  CHECK_FALSE(read_template_variables(deep, "x.yml", "", TemplateEngine::jinja, d));
  CHECK(d.size() <= kMaxTemplateVariables);
}

TEST_CASE("template variables: an Ansible role's values reach the nodes; computed ones stay holes", "[template]") {
  MemoryFileSystem fs;
  fs.add("/r/roles/web/defaults/main.yml", "stapling: \"off\"\ndir: /etc/ssl\nname: a.example\n");
  fs.add("/r/roles/web/vars/main.yml", "name: b.example\n");
  fs.add("/r/roles/web/templates/site.conf.j2",
         "server {\n"
         "    server_name {{ name }};\n"
         "    ssl_certificate \"{{ dir }}/{{ name }}.pem\";\n"
         "    ssl_stapling {{ stapling }};\n"
         "    resolver {{ dns | first }};\n"
         "    # {{ stapling }} in a comment\n"
         "}\n");
  SourceManager sm;
  ConfigLoader loader(fs, sm, {});
  const ConfigTree t = loader.load("/r/roles/web/templates/site.conf.j2", true);
  REQUIRE(t.problems.empty());
  CHECK(first_arg(t, "server_name") == "b.example");  // role vars over role defaults
  CHECK(first_arg(t, "ssl_certificate") == "/etc/ssl/b.example.pem");
  CHECK(first_arg(t, "ssl_stapling") == "off");
  CHECK(is_hole(first_arg(t, "resolver")));
  const Node* stapling = find_node(t.nodes, "ssl_stapling");
  REQUIRE(stapling);
  const TemplateMask* mask = sm.file(t.entry).template_mask();
  REQUIRE(mask);
  // The filter and the comment's expression stay unknown; the rest have values.
  CHECK(mask->holes.size() == 2);
  CHECK(mask->values.size() == 4);
  for (const TemplateMask::Value& v : mask->values) CHECK(mask->touches_markup(v.range));
  const TemplateMask::Value* off = mask->value_in(stapling->args()[0].range);
  REQUIRE(off);
  CHECK(off->variable == "stapling");
  CHECK(off->source == "/r/roles/web/defaults/main.yml:1");

  // The command line overrides the role.
  LoadOptions o;
  o.template_vars.push_back({"stapling", "on", "--template-var"});
  SourceManager sm2;
  ConfigLoader loader2(fs, sm2, o);
  const ConfigTree t2 = loader2.load("/r/roles/web/templates/site.conf.j2", true);
  CHECK(first_arg(t2, "ssl_stapling") == "on");
  // A value of more than one word stays unknown.
  LoadOptions w;
  w.template_vars.push_back({"stapling", "on; evil", "--template-var"});
  SourceManager sm3;
  ConfigLoader loader3(fs, sm3, w);
  const ConfigTree t3 = loader3.load("/r/roles/web/templates/site.conf.j2", true);
  CHECK(is_hole(first_arg(t3, "ssl_stapling")));
}

TEST_CASE("template variables: .staplint.yaml's templates glob names an engine", "[template]") {
  MemoryFileSystem fs;
  fs.add("/r/conf/site.conf.in", "server { ssl_stapling {{ stapling }}; }\n");
  LoadOptions o;
  o.template_globs.emplace_back("/r/conf/*.in", TemplateEngine::jinja);
  o.template_vars.push_back({"stapling", "off", ".staplint.yaml"});
  SourceManager sm;
  ConfigLoader loader(fs, sm, o);
  CHECK(loader.template_engine("/r/conf/site.conf.in") == TemplateEngine::jinja);
  CHECK_FALSE(loader.template_engine("/r/other/site.conf.in"));
  const ConfigTree t = loader.load("/r/conf/site.conf.in", true);
  REQUIRE(t.problems.empty());
  CHECK(first_arg(t, "ssl_stapling") == "off");
}

TEST_CASE("template variables: Go rebinds the dot in range and with; $.Values is the chart's", "[template]") {
  MemoryFileSystem fs;
  fs.add("/c/Chart.yaml", "name: c\n");
  fs.add("/c/values.yaml", "stapling: \"off\"\nresolver: 10.0.0.1\n");
  fs.add("/c/templates/nginx.conf",
         "http {\n"
         "resolver {{ .Values.resolver }};\n"
         "{{ range .Servers }}\n"
         "server { ssl_stapling {{ $.Values.stapling }}; ssl_stapling_verify {{ .Values.stapling }}; }\n"
         "{{ end }}\n"
         "{{ with .Values.tls }}server { ssl_stapling {{ .Values.stapling }}; }{{ end }}\n"
         "{{ if .Values.withTls }}server { ssl_stapling {{ .Values.stapling }}; }{{ end }}\n"
         "}\n");
  SourceManager sm;
  ConfigLoader loader(fs, sm, {});
  const ConfigTree t = loader.load("/c/templates/nginx.conf", true);
  REQUIRE(t.problems.empty());
  CHECK(first_arg(t, "resolver") == "10.0.0.1");
  const TemplateMask* mask = sm.file(t.entry).template_mask();
  REQUIRE(mask);
  std::vector<std::string> given;
  for (const TemplateMask::Value& v : mask->values) given.push_back(v.variable);
  // The root's resolver, $.Values in the range, and .Values under if; not
  // .Values in the range nor under with.
  CHECK(given == std::vector<std::string>{".Values.resolver", ".Values.stapling", ".Values.stapling"});
  CHECK(mask->holes.size() == 2);
}
