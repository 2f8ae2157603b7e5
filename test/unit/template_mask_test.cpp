// Templates masked into configuration with holes (issue 17): every byte keeps
// its offset, expressions become holes, control tags become blanks and mark
// their regions.
#include <algorithm>

#include <catch2/catch.hpp>

#include "staplint/source.hpp"
#include "staplint/template_mask.hpp"
#include "template_findings.hpp"

using namespace staplint;

namespace {
std::string_view at(const std::string& text, Range r) {
  return std::string_view(text).substr(r.begin, r.end - r.begin);
}
}  // namespace

TEST_CASE("template: a Jinja2 vhost keeps its length, lines and the text outside the markers", "[template]") {
  const std::string t =
      "server {\n"
      "    listen 443 ssl;\n"
      "    server_name {{ inventory_hostname }};{# the host #}\n"
      "    {% if nginx_stapling | default(true) -%}\n"
      "    ssl_stapling on;\n"
      "    {%- else %}\n"
      "    ssl_stapling off;\n"
      "    {% endif %}\n"
      "    {{ nginx_extra_options }}\n"
      "    {% for u in upstreams %}location /{{ u.name }} { proxy_pass {{ u.url }}; }{% endfor %}\n"
      "}\n";
  const TemplateMask m = mask_template(t, TemplateEngine::jinja);
  REQUIRE_FALSE(m.problem);
  REQUIRE(m.text.size() == t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\n') CHECK(m.text[i] == '\n');
  }
  CHECK(m.text.find("server_name XXXXXXXXXXXXXXXXXXXXXXXX;") != std::string::npos);
  CHECK(m.text.find("{#") == std::string::npos);
  CHECK(m.text.find("{%") == std::string::npos);
  CHECK(m.text.find("    ssl_stapling on;\n") != std::string::npos);
  REQUIRE(m.holes.size() == 3);
  CHECK(at(t, m.holes[0]) == "{{ inventory_hostname }}");
  CHECK(at(t, m.holes[1]) == "{{ u.name }}");
  CHECK(at(t, m.holes[2]) == "{{ u.url }}");
  // if..endif, the expression alone on its line, for..endfor
  REQUIRE(m.regions.size() == 3);
  CHECK(m.regions[0].kind == TemplateRegion::Kind::condition);
  CHECK(at(t, m.regions[0].tag) == "{% if nginx_stapling | default(true) -%}");
  CHECK(at(t, m.regions[0].range).substr(at(t, m.regions[0].range).size() - 11) == "{% endif %}");
  CHECK(m.regions[1].kind == TemplateRegion::Kind::insertion);
  CHECK(at(t, m.regions[1].range) == "{{ nginx_extra_options }}");
  CHECK(m.regions[2].kind == TemplateRegion::Kind::loop);

  const std::size_t on = t.find("ssl_stapling on");
  const TemplateRegion* r = m.region_of({static_cast<std::uint32_t>(on), static_cast<std::uint32_t>(on + 16)});
  REQUIRE(r != nullptr);
  CHECK(r == &m.regions[0]);
  const std::size_t listen = t.find("listen");
  CHECK(m.region_of({static_cast<std::uint32_t>(listen), static_cast<std::uint32_t>(listen + 6)}) == nullptr);
  const std::size_t name = t.find("inventory_hostname");
  CHECK(m.in_hole({static_cast<std::uint32_t>(name), static_cast<std::uint32_t>(name + 4)}));
  CHECK_FALSE(m.in_hole({static_cast<std::uint32_t>(listen), static_cast<std::uint32_t>(listen + 6)}));
  // Fixes may not edit markup: a hole, a tag, a comment; inserting at their
  // edges is editing the text around them.
  const auto tag = static_cast<std::uint32_t>(t.find("{% endif %}"));
  CHECK(m.touches_markup({tag + 3, tag + 3}));
  CHECK(m.touches_markup({tag - 2, tag + 1}));
  CHECK_FALSE(m.touches_markup({tag, tag}));
  CHECK_FALSE(m.touches_markup({tag + 11, tag + 11}));
  CHECK(m.touches_markup({static_cast<std::uint32_t>(name), static_cast<std::uint32_t>(name + 1)}));
  CHECK_FALSE(m.touches_markup({static_cast<std::uint32_t>(on), static_cast<std::uint32_t>(on + 16)}));
}

TEST_CASE("template: Jinja2 strings, raw blocks and nesting", "[template]") {
  const TemplateMask m = mask_template("a {{ \"}}\" }} b {% raw %}{{ kept }}{% endraw %} c", TemplateEngine::jinja);
  REQUIRE_FALSE(m.problem);
  REQUIRE(m.holes.size() == 1);
  CHECK(m.text.find("{{ kept }}") != std::string::npos);
  CHECK(m.text.substr(0, 2) == "a ");

  const TemplateMask nested =
      mask_template("{% if a %}{% for x in y %}{% if b %}z{% endif %}{% endfor %}w{% endif %}", TemplateEngine::jinja);
  REQUIRE_FALSE(nested.problem);
  REQUIRE(nested.regions.size() == 3);
  CHECK(nested.regions[1].parent == 0);
  CHECK(nested.regions[2].parent == 1);
  const std::size_t z = nested.text.find('z'), w = nested.text.find('w');
  CHECK(nested.region_of({static_cast<std::uint32_t>(z), static_cast<std::uint32_t>(z + 1)}) == &nested.regions[2]);
  CHECK(nested.region_of({static_cast<std::uint32_t>(w), static_cast<std::uint32_t>(w + 1)}) == &nested.regions[0]);
}

TEST_CASE("template: unbalanced markers are problems at their own position", "[template]") {
  const std::string t = "a\n{% if x %}\nb\n";
  const TemplateMask open = mask_template(t, TemplateEngine::jinja);
  REQUIRE(open.problem);
  CHECK(open.problem->range.begin == 2);
  CHECK(open.problem->message == "template block is not closed; 'endif' is missing");
  CHECK(open.text.size() == t.size());

  const TemplateMask stray = mask_template("x {% endfor %}", TemplateEngine::jinja);
  REQUIRE(stray.problem);
  CHECK(stray.problem->message == "'{% endfor %}' closes no open template block");

  const TemplateMask unclosed = mask_template("x {{ y \n z", TemplateEngine::jinja);
  REQUIRE(unclosed.problem);
  CHECK(unclosed.problem->message == "'{{' is not closed by '}}'");
  CHECK(unclosed.text == "x      \n  ");

  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "{% if a %}";
  const TemplateMask too_deep = mask_template(deep, TemplateEngine::jinja);
  REQUIRE(too_deep.problem);
  CHECK(too_deep.problem->message == "template blocks nest deeper than 200 levels");
}

TEST_CASE("template: Go templates (Helm, docker-gen)", "[template]") {
  const std::string t =
      "{{/* nginx-proxy */}}\n"
      "{{ $host := .Host }}\n"
      "{{ range $h, $c := groupByMulti $ \"Env.VIRTUAL_HOST\" \",\" }}\n"
      "server {\n"
      "  server_name {{ $h }};\n"
      "  {{- if .Values.stapling }}\n"
      "  ssl_stapling on;\n"
      "  {{- else }}\n"
      "  ssl_stapling off;\n"
      "  {{- end }}\n"
      "  {{ template \"locations\" . }}\n"
      "}\n"
      "{{ end }}\n";
  const TemplateMask m = mask_template(t, TemplateEngine::go);
  REQUIRE_FALSE(m.problem);
  CHECK(m.text.size() == t.size());
  REQUIRE(m.holes.size() == 1);
  CHECK(at(t, m.holes[0]) == "{{ $h }}");
  REQUIRE(m.regions.size() == 3);
  CHECK(m.regions[0].kind == TemplateRegion::Kind::loop);
  CHECK(m.regions[1].kind == TemplateRegion::Kind::condition);
  CHECK(m.regions[1].parent == 0);
  CHECK(m.regions[2].kind == TemplateRegion::Kind::insertion);
  CHECK(m.text.find("{{") == std::string::npos);
  CHECK(m.text.find("  ssl_stapling on;\n") != std::string::npos);
}

TEST_CASE("template: ERB (Chef, Puppet)", "[template]") {
  const std::string t =
      "<%# managed by Chef %>\n"
      "<VirtualHost *:443>\n"
      "  ServerName <%= @server_name %>\n"
      "  <% if @stapling -%>\n"
      "  SSLUseStapling on\n"
      "  <% end -%>\n"
      "  <% @aliases.each do |a| %>ServerAlias <%= a %>\n<% end %>\n"
      "  <%% literal\n"
      "</VirtualHost>\n";
  const TemplateMask m = mask_template(t, TemplateEngine::erb);
  REQUIRE_FALSE(m.problem);
  CHECK(m.text.size() == t.size());
  REQUIRE(m.holes.size() == 2);
  CHECK(at(t, m.holes[0]) == "<%= @server_name %>");
  REQUIRE(m.regions.size() == 2);
  CHECK(m.regions[0].kind == TemplateRegion::Kind::condition);
  CHECK(m.regions[1].kind == TemplateRegion::Kind::loop);
  CHECK(m.text.find("  SSLUseStapling on\n") != std::string::npos);
}

TEST_CASE("template: envsubst takes capitals only, and leaves nginx's variables", "[template]") {
  const std::string t = "server_name ${NGINX_HOST} $HOST_2;\nreturn 301 https://$host${request_uri};\n";
  const TemplateMask m = mask_template(t, TemplateEngine::envsubst);
  REQUIRE_FALSE(m.problem);
  REQUIRE(m.holes.size() == 2);
  CHECK(at(t, m.holes[0]) == "${NGINX_HOST}");
  CHECK(at(t, m.holes[1]) == "$HOST_2");
  CHECK(m.text.find("https://$host${request_uri};") != std::string::npos);
}

TEST_CASE("template: names", "[template]") {
  auto j2 = template_by_name("roles/nginx/templates/nginx.conf.j2");
  REQUIRE(j2);
  CHECK(j2->engine == TemplateEngine::jinja);
  CHECK(j2->rendered == "roles/nginx/templates/nginx.conf");
  auto env = template_by_name("templates/default.conf.template");
  REQUIRE(env);
  CHECK(env->engine == TemplateEngine::envsubst);
  CHECK(env->rendered == "templates/default.conf");
  CHECK(template_by_name("chart/templates/configmap.yaml") == std::nullopt);  // the loader looks for Chart.yaml
  CHECK(template_by_name("sites-enabled/example.conf") == std::nullopt);
  CHECK(template_by_name(".j2") == std::nullopt);
  const std::string jinja = "server {\n  listen {{ port }};\n}\n";
  const auto j = template_marker_at(jinja, static_cast<std::uint32_t>(jinja.find("port")));
  REQUIRE(j);
  CHECK(j->engine == TemplateEngine::jinja);
  CHECK(j->range.begin == jinja.find("{{"));
  const std::string go = "server {\n  listen {{ .Port }};\n}\n";
  const auto g = template_marker_at(go, static_cast<std::uint32_t>(go.find("}}")));
  REQUIRE(g);
  CHECK(g->engine == TemplateEngine::go);
  const std::string erb = "<VirtualHost *:443>\n  ServerName <%= @name %>\n";
  const auto e = template_marker_at(erb, static_cast<std::uint32_t>(erb.find("@")));
  REQUIRE(e);
  CHECK(e->engine == TemplateEngine::erb);
  // a syntax error on a line without a marker is not the template's
  CHECK(template_marker_at(jinja, 0) == std::nullopt);
  CHECK(template_marker_at("server { listen 443; }", 5) == std::nullopt);
  CHECK(parse_template_engine("jinja2") == TemplateEngine::jinja);
  CHECK(parse_template_engine("mustache") == std::nullopt);
}

TEST_CASE("template: conditions left out, as a false condition renders; an else keeps one branch", "[template]") {
  const std::string t =
      "server {\n"
      "{% if a %}\n"
      "  ssl_stapling on;\n"
      "  {% if b %}x {{ v }};{% endif %}\n"
      "{% endif %}\n"
      "{% if c %}on{% else %}off{% endif %}\n"
      "{% for x in y %}{% else %}none{% endfor %}\n"
      "}\n";
  TemplateMask m = mask_template(t, TemplateEngine::jinja);
  REQUIRE_FALSE(m.problem);
  REQUIRE(m.regions.size() == 4);
  CHECK_FALSE(m.regions[0].alternatives);
  CHECK_FALSE(m.regions[1].alternatives);
  CHECK(m.regions[2].alternatives);        // if/else: one branch renders
  CHECK_FALSE(m.regions[3].alternatives);  // a loop's else is not a branch
  CHECK(has_optional_condition(m));
  const std::string before = m.text;
  REQUIRE(m.holes.size() == 1);
  leave_out_conditions(m);
  CHECK(m.text.size() == t.size());
  CHECK(std::count(m.text.begin(), m.text.end(), '\n') == std::count(t.begin(), t.end(), '\n'));
  CHECK(m.text.find("ssl_stapling") == std::string::npos);
  CHECK(m.holes.empty());                         // the hole inside went with its condition
  CHECK(m.text.find("on") != std::string::npos);  // the if/else is kept whole
  CHECK(m.text.find("none") != std::string::npos);
  CHECK(m.text.substr(0, 8) == "server {");

  // Go's {{ else }} and ERB's <% else %> count too.
  CHECK(mask_template("{{ if .a }}x{{ else }}y{{ end }}", TemplateEngine::go).regions[0].alternatives);
  CHECK_FALSE(mask_template("{{ if .a }}x{{ end }}", TemplateEngine::go).regions[0].alternatives);
  CHECK(mask_template("<% if @a %>x<% elsif @b %>y<% end %>", TemplateEngine::erb).regions[0].alternatives);
}

TEST_CASE("template: a message shows each hole as the template wrote it, by its place in the word", "[template]") {
  const std::string t =
      "server {\n"
      "    listen {{ addr }}:{{ port }} ssl;\n"
      "    server_name {{ host }};\n"
      "    ssl_certificate {{ crt }}/{{ name }}.pem;\n"
      "}\n";
  SourceManager sources;
  const FileId f = sources.add_template("v.conf.j2", "v.conf.j2", t, mask_template(t, TemplateEngine::jinja));
  const Range all{0, static_cast<std::uint32_t>(t.size())};
  // Three holes of ten bytes: each run finds its own, not the first of its length.
  CHECK(show_holes("server 'XXXXXXXXXX:XXXXXXXXXX' does not staple", f, all, sources) ==
        "server '{{ addr }}:{{ port }}' does not staple");
  CHECK(show_holes("'XXXXXXXXXX' has no resolver", f, all, sources) == "'{{ host }}' has no resolver");
  CHECK(show_holes("file 'XXXXXXXXX/XXXXXXXXXX.pem'", f, all, sources) == "file '{{ crt }}/{{ name }}.pem'");
  // A word the masked text does not hold as such: the holes of that length,
  // in order from the extent's start.
  CHECK(show_holes("'*:XXXXXXXXXX' and '*:XXXXXXXXXX'", f, all, sources) == "'*:{{ addr }}' and '*:{{ port }}'");
  // Within an extent: the server_name line alone.
  const auto line3 = static_cast<std::uint32_t>(t.find("    server_name"));
  CHECK(show_holes("'x-XXXXXXXXXX'", f, {line3, line3 + 27}, sources) == "'x-{{ host }}'");
  // Outside the extent (an attribute's finding names its element): the
  // nearest place of the word before it; no guess by length out there.
  const std::string x =
      "<SSLHostConfig hostName=\"{{ tomcat_host }}\" certificateVerification=\"required\">\n"
      "  <Certificate certificateKeystoreFile=\"conf/{{ tomcat_host }}.p12\"/>\n";
  const FileId xf = sources.add_template("s.xml.j2", "s.xml.j2", x, mask_template(x, TemplateEngine::jinja));
  const auto attr = static_cast<std::uint32_t>(x.find("certificateVerification"));
  CHECK(show_holes("'port 443 (XXXXXXXXXXXXXXXXX)'", xf, {attr, attr + 34}, sources) ==
        "'port 443 ({{ tomcat_host }})'");
  CHECK(show_holes("'XXXXXXXXXXXXXXXXXXXXXXX'", xf, {attr, attr + 34}, sources) == "'XXXXXXXXXXXXXXXXXXXXXXX'");
  // A run no hole explains, and a plain file, stay as they are.
  CHECK(show_holes("'XXXX'", f, all, sources) == "'XXXX'");
  const FileId plain = sources.add("p.conf", "p.conf", "server_name XXXXXXXXXX;\n");
  CHECK(show_holes("'XXXXXXXXXX'", plain, {0, 24}, sources) == "'XXXXXXXXXX'");
}
