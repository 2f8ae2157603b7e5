// Which dialect reads a file, by its name and its top-level statements.
#include "dialect_choice.hpp"

#include "staplint/dialect_sniff.hpp"
#include "staplint/file_system.hpp"
#include "staplint/lint.hpp"
#include "staplint/template_mask.hpp"
#include "staplint/text.hpp"

namespace staplint {

bool has_top_level(std::span<const Node> nodes, std::initializer_list<std::string_view> names) {
  for (const Node& n : nodes) {
    for (std::string_view name : names) {
      if (n.is(name)) return true;
    }
  }
  return false;
}

bool has_top_level_ci(std::span<const Node> nodes, std::string_view name) {
  for (const Node& n : nodes) {
    if (n.kind == NodeKind::block && iequals(n.name(), name)) return true;
  }
  return false;
}

std::string config_name(const std::string& p) {
  std::optional<TemplateName> t = template_by_name(p);
  return t ? t->rendered : p;
}

bool looks_like_entry(const std::string& p, const ParsedFile& pf) {
  return path::basename(config_name(p)) == "nginx.conf" ||
         has_top_level(pf.nodes, {"http", "events", "stream", "worker_processes"});
}

bool is_apache_entry(const std::string& p) {
  const std::string name = path::basename(config_name(p));
  return name == "apache2.conf" || name == "httpd.conf";
}

bool is_jvm_file(const std::string& p) {
  const std::string name = path::basename(config_name(p));
  const std::string dir = path::basename(path::dirname(p));
  auto ends = [&](std::string_view s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  auto starts = [&](std::string_view s) { return name.rfind(s, 0) == 0; };
  if (name == "java.security" || ends(".security") || ends(".properties")) return true;
  if ((starts("setenv") || starts("catalina")) && (ends(".sh") || ends(".bat"))) return true;
  // systemd: tomcat10.service and its drop-ins, tomcat10.service.d/*.conf.
  if (starts("tomcat") && ends(".service")) return true;
  if (dir.rfind("tomcat", 0) == 0 && dir.size() > 10 && dir.compare(dir.size() - 10, 10, ".service.d") == 0 &&
      ends(".conf")) {
    return true;
  }
  // Debian's /etc/default/tomcat10, RHEL's /etc/sysconfig/tomcat and /etc/tomcat/tomcat.conf.
  if ((dir == "default" || dir == "sysconfig") && starts("tomcat")) return true;
  return starts("tomcat") && ends(".conf") && dir.rfind("tomcat", 0) == 0;
}

bool is_tomcat_file(const std::string& p) {
  const std::string name = path::basename(config_name(p));
  const bool xml = name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0;
  return name == "context.xml" || (xml && name.rfind("server", 0) == 0);  // server.xml, server-tls.xml
}

Dialect dialect_of_file(const std::string& path, const std::string& text) {
  if (is_jvm_file(path)) return Dialect::jvm;
  if (is_tomcat_file(path)) return Dialect::tomcat;
  if (is_apache_entry(path)) return Dialect::apache;
  if (path::basename(config_name(path)) == "nginx.conf") return Dialect::nginx;
  return sniff_dialect(path, text).dialect;
}

}  // namespace staplint
