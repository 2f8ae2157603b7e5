// The effective-configuration model for Apache httpd: which directives httpd
// reads (conditional sections evaluated as httpd does, or marked unknown), in
// which context, and the value of each mod_ssl directive for every virtual
// host after server -> vhost inheritance.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "staplint/config_tree.hpp"

namespace staplint {

/// A directive httpd reads, in document order (includes in place).
struct ApacheDirective {
  const Node* node = nullptr;
  const Node* vhost = nullptr;  ///< the enclosing <VirtualHost>; nullptr: server config
  /// The innermost enclosing section that is neither a condition nor the
  /// <VirtualHost> (<Directory>, <Location>, <Files>, <Proxy>, ...).
  const Node* section = nullptr;
  /// The innermost enclosing condition staplint cannot evaluate (<If>,
  /// <IfDefine NAME> for a NAME set only by `-D`, <IfModule> when no
  /// LoadModule is visible, ...); nullptr when httpd certainly reads it.
  const Node* condition = nullptr;

  bool certain() const { return condition == nullptr; }
  /// The first argument, or empty.
  std::string_view value() const;
  bool is_on() const;  ///< a flag set to `on` (case-insensitive, as httpd)
};

/// The directive in force for a host, and where it comes from.
struct ApacheEffective {
  const ApacheDirective* directive = nullptr;  ///< nullptr: the default
  bool inherited = false;                      ///< from the server config
  explicit operator bool() const { return directive != nullptr; }
  const Node* node() const { return directive ? directive->node : nullptr; }
  std::string_view value() const { return directive ? directive->value() : std::string_view{}; }
  bool is_on() const { return directive && directive->is_on(); }
};

struct ApacheHost {
  const Node* node = nullptr;               ///< the <VirtualHost>; nullptr for the main server
  std::string display_name;                 ///< ServerName, else the address (`*:443`)
  std::vector<const ApacheDirective*> own;  ///< vhost-level, not in inner sections
  /// A one-byte tag of each of `own`'s names (name_tag), in the same order:
  /// rules ask a host for dozens of directives, so lookups scan these bytes
  /// and read only the names whose tag matches. A name read through its node
  /// is three dependent loads, which on a tree larger than the caches are
  /// three cache misses.
  std::vector<std::uint8_t> own_tags;
  /// Every directive (not section) inside the <VirtualHost>, inner sections
  /// too, in document order, and their tags; empty for the main server.
  std::vector<const ApacheDirective*> inside;
  std::vector<std::uint8_t> inside_tags;
  /// Names from ServerName and ServerAlias, lower-cased.
  std::vector<std::string> names;

  /// The tag of a directive name, case-insensitive as httpd's names are.
  static constexpr std::uint8_t name_tag(std::string_view name) {
    std::uint32_t h = 2166136261u;  // FNV-1a over the lower-cased bytes
    for (const char c : name) {
      const auto b = static_cast<unsigned char>(c);
      h = (h ^ static_cast<unsigned char>(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b)) * 16777619u;
    }
    return static_cast<std::uint8_t>(h ^ (h >> 8) ^ (h >> 16) ^ (h >> 24));
  }
};

/// Hashing for maps keyed by lower-cased names that are looked up by a
/// string_view, without building a string per lookup.
struct ApacheNameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct ApacheModel {
  std::vector<ApacheDirective> directives;           ///< every directive read, document order
  std::vector<const ApacheDirective*> server_level;  ///< outside any vhost or section
  std::vector<ApacheHost> hosts;                     ///< [0] is the main server, then each <VirtualHost>
  /// LoadModule lines are visible (an entry file, not a lone vhost file).
  bool modules_visible = false;
  std::set<std::string> loaded_modules;  ///< module identifiers (`ssl_module`), certain
  /// Debian's layout (apache2.conf, ${APACHE_RUN_DIR}): fixes use its paths.
  bool debian = false;

  /// The last vhost-level `name` of `host`, else the last server-level one.
  ApacheEffective effective(const ApacheHost& host, std::string_view name) const;
  /// httpd would serve TLS for it: effective `SSLEngine on`.
  bool tls(const ApacheHost& host) const { return effective(host, "SSLEngine").is_on(); }
  /// The MDomain (or <MDomainSet>) that names one of the host's names.
  const ApacheDirective* managed_domain(const ApacheHost& host) const;
  /// mod_md staples for it (`MDStapling on` for a managed domain of the host).
  const ApacheDirective* md_stapling(const ApacheHost& host) const;
  /// Every directive `name` read anywhere inside the host (inner sections too).
  std::vector<const ApacheDirective*> all_in(const ApacheHost& host, std::string_view name) const;
  /// Server-level directives named `name`.
  std::vector<const ApacheDirective*> at_server(std::string_view name) const;

  // mod_md: `MDStapling on` at server level, and the managed domains.
  std::vector<const ApacheDirective*> md_domains;  ///< MDomain and <MDomainSet> nodes
  // Lookups instead of scans, so that a tree of many vhosts (each with its
  // MDomain at server level, say) is linear.
  /// server_level by lower-cased name, in document order.
  std::unordered_map<std::string, std::vector<const ApacheDirective*>, ApacheNameHash, std::equal_to<>> server_by_name;
  /// For each lower-cased domain, the indexes in md_domains that name it.
  std::unordered_map<std::string, std::vector<std::size_t>> md_naming;
  /// The last `MDStapling` inside each <MDomainSet>.
  std::unordered_map<const Node*, const ApacheDirective*> md_set_stapling;

 private:
  /// The indexes in md_domains that name one of the host's names, in order.
  std::vector<std::size_t> md_domains_of(const ApacheHost& host) const;
};

/// `jobs`: the threads its hosts' names may be read on (the result is the same).
ApacheModel build_apache_model(const ConfigTree& tree, const SourceManager& sources, unsigned jobs = 1);

/// The module identifier a `<IfModule>` argument names (`mod_ssl.c` and
/// `ssl_module` both give `ssl_module`).
std::string apache_module_id(std::string_view name);

}  // namespace staplint
