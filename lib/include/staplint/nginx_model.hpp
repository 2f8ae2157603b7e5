// The effective-configuration model for nginx: TLS servers and the value of
// each directive after http -> server (or stream -> server) inheritance.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "staplint/config_tree.hpp"

namespace staplint {

/// A flag directive (`ssl_stapling on;`) set to on, compared as nginx does.
bool flag_is_on(const Node* n);
/// A flag directive whose value nginx refuses (not exactly one of on/off).
bool flag_is_invalid(const Node* n);

/// Where an effective value comes from.
enum class Origin : std::uint8_t { server, parent, default_ };

struct Effective {
  const Node* node = nullptr;  ///< the directive in force; nullptr: the default
  Origin origin = Origin::default_;
  /// The first argument, or `fallback` for the default.
  std::string_view value(std::string_view fallback = {}) const;
  bool is_on() const { return flag_is_on(node); }
  bool is_invalid_flag() const { return flag_is_invalid(node); }
};

/// The directives of one http, stream or mail level, in file order for each
/// name: looked up by name, as thousands of servers share one level.
struct NginxScope {
  std::unordered_map<std::string_view, std::vector<const Node*>> by_name;
  void add(const Node* n) { by_name[n->name()].push_back(n); }
  const std::vector<const Node*>* find(std::string_view name) const {
    const auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : &it->second;
  }
};

struct NginxServer {
  const Node* node = nullptr;    ///< the `server` block
  const Node* parent = nullptr;  ///< the `http`/`stream`/`mail` block; nullptr in a fragment
  bool stream = false;
  /// A server of the mail proxy (`mail {}`): TLS with `listen ... ssl` or
  /// `starttls on|only`, client certificates, no stapling (ngx_mail_ssl_module).
  bool mail = false;
  bool tls = false;
  /// `ssl_reject_handshake on`: every handshake is refused, so nothing is
  /// ever stapled or verified there (nginx 1.19.4 and later).
  bool rejects_handshakes = false;
  const Node* tls_marker = nullptr;  ///< the `listen ... ssl` or `ssl on` directive
  std::string display_name;          ///< `example.com:443`
  std::vector<const Node*> own;      ///< server-level statements, includes flattened
  /// A one-byte tag of each of `own`'s names (name_tag), in the same order:
  /// rules ask a server for dozens of directives, and servers hold a hundred
  /// statements, so lookups scan these bytes and compare only names whose
  /// tag matches. Empty (or out of step) means: compare every name.
  std::vector<std::uint8_t> own_tags;
  /// The http/stream/mail level's directives (not blocks), includes
  /// flattened, by name; shared by every server of that block.
  std::shared_ptr<const NginxScope> inherited;
  /// What the checks layer derives for this server from the certificate
  /// files (its stapling facts), kept with it for the CertificateLookup whose
  /// serial is `derived_by`: every rule and the verdict ask again, and a
  /// hash table of 20,000 servers costs more than the facts.
  mutable std::shared_ptr<const void> derived;
  mutable std::uint64_t derived_by = 0;

  /// The last directive `name` at server level, else at the parent level.
  Effective effective(std::string_view name) const;
  /// Array-like directives (`ssl_certificate`): the server's own if it has any,
  /// else the parent's, as nginx merges them.
  std::vector<const Node*> all(std::string_view name) const;
  /// The tag own_tags holds for a name.
  static std::uint8_t name_tag(std::string_view name) {
    std::uint32_t h = 2166136261u;  // FNV-1a
    for (const char c : name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return static_cast<std::uint8_t>(h ^ (h >> 8) ^ (h >> 16) ^ (h >> 24));
  }
};

struct NginxModel {
  /// The servers of `http {}` and `stream {}`.
  std::vector<NginxServer> servers;
  /// The servers of `mail {}`, kept apart: they have no stapling, and only the
  /// client-certificate rules apply to them.
  std::vector<NginxServer> mail_servers;
  std::vector<const Node*> http_blocks;
  std::vector<const Node*> stream_blocks;
  std::vector<const Node*> mail_blocks;
};

/// `jobs`: the threads its servers may be made on (the result is the same).
NginxModel build_nginx_model(const ConfigTree& tree, unsigned jobs = 1);

/// Calls `fn` for each child of `nodes` that is not a comment, descending
/// through `include` nodes as if the included text stood in place.
template <typename Fn>
void for_each_directive(std::span<const Node> nodes, Fn&& fn) {
  for (const Node& n : nodes) {
    if (n.kind == NodeKind::include) {
      for_each_directive(n.children(), fn);
    } else if (n.kind != NodeKind::comment) {
      fn(n);
    }
  }
}

}  // namespace staplint
