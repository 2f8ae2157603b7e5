// Builds the Apache model: walks the lowered tree in document order as httpd
// reads it, evaluating <IfModule> against the modules loaded so far and
// <IfDefine> against Define, and keeping what it cannot evaluate as unknown.
#include "staplint/apache_model.hpp"

#include <unordered_map>

#include <algorithm>
#include <array>
#include <cstring>

#include "parallel.hpp"
#include "staplint/source.hpp"
#include "staplint/text.hpp"

namespace staplint {

namespace {

/// Modules compiled into Debian's apache2 (`apache2 -l`).
constexpr std::string_view kBuiltin[] = {"core_module",       "so_module",    "watchdog_module", "http_module",
                                         "log_config_module", "logio_module", "version_module",  "unixd_module"};

std::string lower(std::string_view s) { return ascii_lowered(s); }

bool is_any(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return iequals(name, n); });
}

enum class Truth { yes, no, unknown };

constexpr std::uint8_t kMDomain = ApacheHost::name_tag("MDomain");
constexpr std::uint8_t kLoadModule = ApacheHost::name_tag("LoadModule");
constexpr std::uint8_t kDefine = ApacheHost::name_tag("Define");
constexpr std::uint8_t kUnDefine = ApacheHost::name_tag("UnDefine");

struct Walker {
  /// What the passes after the walk need of each of model.directives, in
  /// the same order: its host, its name's tag and its class.
  struct Seen {
    std::uint32_t host = 0;  ///< index in model.hosts; 0: outside any <VirtualHost>
    std::uint8_t tag = 0;    ///< ApacheHost::name_tag of its name
    std::uint8_t flags = 0;
    static constexpr std::uint8_t kInclude = 1, kBlock = 2, kMd = 4, kSection = 8;
    bool md() const { return (flags & kMd) != 0; }
    /// In a host's `inside`: a directive (not a section), anywhere in it.
    bool inside() const { return (flags & kBlock) == 0; }
    /// In a host's `own`: at the host's level, neither an include nor mod_md's.
    bool own() const { return (flags & (kInclude | kMd | kSection)) == 0; }
    bool server_level() const { return own(); }
  };

  const ConfigTree& tree;
  ApacheModel& model;
  std::set<std::string> maybe_loaded;  // LoadModule under an unknown condition
  std::set<std::string> defined, maybe_defined;
  std::vector<Seen> seen;
  std::uint32_t host = 0;  ///< the <VirtualHost> being walked

  Truth if_module(std::string_view arg) const {
    const bool negate = !arg.empty() && arg.front() == '!';
    if (negate) arg.remove_prefix(1);
    const std::string id = apache_module_id(arg);
    Truth t;
    if (model.loaded_modules.count(id) ||
        std::find(std::begin(kBuiltin), std::end(kBuiltin), id) != std::end(kBuiltin)) {
      t = Truth::yes;
    } else if (!model.modules_visible || maybe_loaded.count(id)) {
      t = Truth::unknown;
    } else {
      t = Truth::no;
    }
    if (negate && t != Truth::unknown) t = t == Truth::yes ? Truth::no : Truth::yes;
    return t;
  }

  Truth if_define(std::string_view arg) const {
    const bool negate = !arg.empty() && arg.front() == '!';
    if (negate) arg.remove_prefix(1);
    Truth t;
    if (defined.count(std::string(arg)))
      t = Truth::yes;
    else
      t = Truth::unknown;  // maybe defined by `-D` on the command line, or by maybe_defined
    if (negate && t != Truth::unknown) t = t == Truth::yes ? Truth::no : Truth::yes;
    return t;
  }

  void walk(std::span<const Node> nodes, const Node* vhost, const Node* section, const Node* condition) {
    for (const Node& n : nodes) {
      switch (n.kind) {
        case NodeKind::comment:
          break;
        case NodeKind::include:
          record(n, vhost, section, condition);
          walk(n.children(), vhost, section, condition);
          break;
        case NodeKind::directive:
          record(n, vhost, section, condition);
          break;
        case NodeKind::raw_block:
        case NodeKind::attribute:
          break;
        case NodeKind::block:
          block(n, vhost, section, condition);
          break;
      }
    }
  }

  void block(const Node& n, const Node* vhost, const Node* section, const Node* condition) {
    const ArgList first = n.args(1);
    const std::string_view arg = first.empty() ? std::string_view{} : first[0].value;
    if (iequals(n.name(), "IfModule") || iequals(n.name(), "IfDefine")) {
      const Truth t = iequals(n.name(), "IfModule") ? if_module(arg) : if_define(arg);
      if (t == Truth::no) return;
      walk(n.children(), vhost, section, t == Truth::unknown && !condition ? &n : condition);
      return;
    }
    if (is_any(n.name(), {"If", "ElseIf", "Else", "IfVersion", "IfFile", "IfDirective", "IfSection"})) {
      walk(n.children(), vhost, section, condition ? condition : &n);
      return;
    }
    if (iequals(n.name(), "Macro")) return;  // read only where `Use`d: not evaluated
    if (iequals(n.name(), "VirtualHost") && !vhost && !section) {
      ApacheHost h;
      h.node = &n;
      host = static_cast<std::uint32_t>(model.hosts.size());
      model.hosts.push_back(std::move(h));
      walk(n.children(), &n, nullptr, condition);
      host = 0;
      return;
    }
    if (iequals(n.name(), "MDomainSet")) {
      add(n, vhost, section, condition, ApacheHost::name_tag(n.name()), Seen::kBlock | Seen::kMd);
      walk(n.children(), vhost, &n, condition);
      return;
    }
    walk(n.children(), vhost, section ? section : &n, condition);
  }

  void add(const Node& n, const Node* vhost, const Node* section, const Node* condition, std::uint8_t tag,
           std::uint8_t flags) {
    if (section) flags |= Seen::kSection;
    model.directives.push_back({&n, vhost, section, condition});
    seen.push_back({vhost ? host : 0, tag, flags});
  }

  void record(const Node& n, const Node* vhost, const Node* section, const Node* condition) {
    const std::string_view name = n.name();
    const std::uint8_t tag = ApacheHost::name_tag(name);
    std::uint8_t flags = n.kind == NodeKind::include ? Seen::kInclude : 0;
    if (tag == kMDomain && iequals(name, "MDomain")) flags |= Seen::kMd;
    add(n, vhost, section, condition, tag, flags);
    if (tag != kLoadModule && tag != kDefine && tag != kUnDefine) return;
    if (iequals(name, "LoadModule") && !n.args().empty()) {
      const std::string id = lower(n.args()[0].value);
      (condition ? maybe_loaded : model.loaded_modules).insert(id);
    } else if (iequals(n.name(), "Define") && !n.args().empty()) {
      (condition ? maybe_defined : defined).insert(std::string(n.args()[0].value));
    } else if (iequals(n.name(), "UnDefine") && !n.args().empty() && !condition) {
      defined.erase(std::string(n.args()[0].value));
    }
  }
};

bool any_load_module(std::span<const Node> nodes) {
  for (const Node& n : nodes) {
    if (n.kind == NodeKind::directive && iequals(n.name(), "LoadModule")) return true;
    if ((n.kind == NodeKind::block || n.kind == NodeKind::include) && any_load_module(n.children())) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view ApacheDirective::value() const {
  if (!node) return {};
  const ArgList first = node->args(1);  // the first word alone is read
  return first.empty() ? std::string_view{} : first[0].value;
}

bool ApacheDirective::is_on() const { return iequals(value(), "on"); }

std::string apache_module_id(std::string_view name) {
  std::string n = lower(name);
  if (n.size() > 2 && n.compare(n.size() - 2, 2, ".c") == 0) {
    n.resize(n.size() - 2);
    if (n == "core") return "core_module";
    if (n == "http_core") return "http_module";
    if (n.rfind("mod_", 0) == 0) n = n.substr(4);
    return n + "_module";
  }
  return n;
}

namespace {

/// `name` lower-cased, in `small` when it fits (every directive name does).
std::string_view lowered(std::string_view name, std::array<char, 64>& small, std::string& spill) {
  if (name.size() > small.size()) {
    spill = lower(name);
    return spill;
  }
  for (std::size_t i = 0; i < name.size(); ++i) small[i] = ascii_lower(name[i]);
  return {small.data(), name.size()};
}

/// The indexes in `list` whose name is `name`, from the tags first: calls
/// `found(i)` for each, last first when `backwards`, until it returns true.
template <typename Found>
void each_named(const std::vector<const ApacheDirective*>& list, const std::vector<std::uint8_t>& tags,
                std::string_view name, bool backwards, Found found) {
  if (tags.size() != list.size()) {  // no tags: compare every name
    for (std::size_t k = 0; k < list.size(); ++k) {
      const std::size_t i = backwards ? list.size() - 1 - k : k;
      if (iequals(list[i]->node->name(), name) && found(i)) return;
    }
    return;
  }
  const std::uint8_t tag = ApacheHost::name_tag(name);
  const std::uint8_t* const begin = tags.data();
  if (backwards) {
    std::size_t n = tags.size();
    while (n > 0) {
      const void* at = memrchr(begin, tag, n);
      if (!at) return;
      n = static_cast<std::size_t>(static_cast<const std::uint8_t*>(at) - begin);
      if (iequals(list[n]->node->name(), name) && found(n)) return;
    }
    return;
  }
  const std::uint8_t* const end = begin + tags.size();
  for (const std::uint8_t* p = begin; p < end; ++p) {
    p = static_cast<const std::uint8_t*>(std::memchr(p, tag, static_cast<std::size_t>(end - p)));
    if (!p) return;
    const auto i = static_cast<std::size_t>(p - begin);
    if (iequals(list[i]->node->name(), name) && found(i)) return;
  }
}

}  // namespace

ApacheEffective ApacheModel::effective(const ApacheHost& host, std::string_view name) const {
  const ApacheDirective* own = nullptr;
  each_named(host.own, host.own_tags, name, true, [&](std::size_t i) {
    own = host.own[i];
    return true;
  });
  if (own) return {own, false};
  if (host.node) {
    std::array<char, 64> small;  // NOLINT(cppcoreguidelines-pro-type-member-init): lowered() writes what it reads
    std::string spill;
    if (const auto it = server_by_name.find(lowered(name, small, spill)); it != server_by_name.end()) {
      return {it->second.back(), true};
    }
  }
  return {};
}

std::vector<const ApacheDirective*> ApacheModel::all_in(const ApacheHost& host, std::string_view name) const {
  std::vector<const ApacheDirective*> out;
  if (!host.node) {
    for (const ApacheDirective& d : directives) {
      if (!d.vhost && d.node->kind != NodeKind::block && iequals(d.node->name(), name)) out.push_back(&d);
    }
    return out;
  }
  each_named(host.inside, host.inside_tags, name, false, [&](std::size_t i) {
    out.push_back(host.inside[i]);
    return false;
  });
  return out;
}

std::vector<const ApacheDirective*> ApacheModel::at_server(std::string_view name) const {
  std::array<char, 64> small{};
  std::string spill;
  const auto it = server_by_name.find(lowered(name, small, spill));
  return it == server_by_name.end() ? std::vector<const ApacheDirective*>{} : it->second;
}

std::vector<std::size_t> ApacheModel::md_domains_of(const ApacheHost& host) const {
  std::vector<std::size_t> out;
  for (const std::string& name : host.names) {
    if (const auto it = md_naming.find(name); it != md_naming.end())
      out.insert(out.end(), it->second.begin(), it->second.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const ApacheDirective* ApacheModel::managed_domain(const ApacheHost& host) const {
  const std::vector<std::size_t> mds = md_domains_of(host);
  return mds.empty() ? nullptr : md_domains[mds.front()];
}

const ApacheDirective* ApacheModel::md_stapling(const ApacheHost& host) const {
  // `MDStapling on` in a <MDomainSet> applies to its domains; at server level to all.
  const ApacheDirective* global = nullptr;
  if (const auto it = server_by_name.find("mdstapling"); it != server_by_name.end()) {
    global = it->second.back()->is_on() ? it->second.back() : nullptr;
  }
  for (const std::size_t i : md_domains_of(host)) {
    const ApacheDirective* md = md_domains[i];
    if (md->node->kind == NodeKind::block) {
      if (const auto it = md_set_stapling.find(md->node); it != md_set_stapling.end()) {
        if (it->second->is_on()) return it->second;
        continue;
      }
    }
    if (global) return global;
  }
  return nullptr;
}

ApacheModel build_apache_model(const ConfigTree& tree, const SourceManager& sources, unsigned jobs) {
  ApacheModel model;
  model.modules_visible = any_load_module(tree.nodes);
  model.hosts.push_back({});  // the main server
  model.hosts[0].display_name = "main server";
  Walker w{tree, model, {}, {}, {}, {}, 0};
  // At most one entry per statement: no copies as the lists grow.
  model.directives.reserve(tree.node_count);
  w.seen.reserve(tree.node_count);
  w.walk(tree.nodes, nullptr, nullptr, nullptr);

  // Each directive's host, tag and class came from the walk: the passes
  // below read those bytes, not the nodes (a name read through its node is
  // a cache miss on a tree larger than the caches). Each host's lists are
  // counted first, then allocated once.
  const std::vector<Walker::Seen>& seen = w.seen;
  std::vector<std::uint32_t> inside_count(model.hosts.size()), own_count(model.hosts.size());
  for (const Walker::Seen& s : seen) {
    if (s.host == 0) continue;
    if (s.inside()) ++inside_count[s.host];
    if (s.own()) ++own_count[s.host];
  }
  for (std::size_t i = 0; i < model.hosts.size(); ++i) {
    model.hosts[i].inside.reserve(inside_count[i]);
    model.hosts[i].inside_tags.reserve(inside_count[i]);
    model.hosts[i].own.reserve(own_count[i]);
    model.hosts[i].own_tags.reserve(own_count[i]);
  }
  for (std::size_t k = 0; k < seen.size(); ++k) {
    const Walker::Seen& s = seen[k];
    const ApacheDirective* d = &model.directives[k];
    if (s.md() && !d->vhost && !d->section) model.md_domains.push_back(d);
    if (s.host == 0) {
      if (s.server_level()) model.server_level.push_back(d);
      continue;
    }
    ApacheHost& h = model.hosts[s.host];
    if (s.inside()) {
      h.inside.push_back(d);
      h.inside_tags.push_back(s.tag);
    }
    if (s.own()) {
      h.own.push_back(d);
      h.own_tags.push_back(s.tag);
    }
  }
  for (const ApacheDirective* d : model.server_level) model.server_by_name[lower(d->node->name())].push_back(d);
  for (std::size_t i = 0; i < model.md_domains.size(); ++i) {
    for (const Arg& a : model.md_domains[i]->node->args()) {
      std::vector<std::size_t>& naming = model.md_naming[lower(a.value)];
      if (naming.empty() || naming.back() != i) naming.push_back(i);
    }
  }
  const std::uint8_t md_stapling_tag = ApacheHost::name_tag("MDStapling");
  for (std::size_t k = 0; k < seen.size(); ++k) {
    const ApacheDirective& d = model.directives[k];
    if (seen[k].tag == md_stapling_tag && d.section && iequals(d.node->name(), "MDStapling")) {
      model.md_set_stapling[d.section] = &d;
    }
  }
  const std::uint8_t server_name_tag = ApacheHost::name_tag("ServerName");
  const std::uint8_t server_alias_tag = ApacheHost::name_tag("ServerAlias");
  // Each host's names, on `jobs` threads when there are many: each host
  // writes only its own.
  parallel_for(model.hosts.size(), threads_for(model.hosts.size(), jobs), 256, [&](std::size_t k) {
    ApacheHost& h = model.hosts[k];
    if (!h.node) return;
    std::string written;  // a template's first name, as it wrote it
    for (std::size_t i = 0; i < h.own.size(); ++i) {
      if (h.own_tags[i] != server_name_tag && h.own_tags[i] != server_alias_tag) continue;
      const ApacheDirective* d = h.own[i];
      if (iequals(d->node->name(), "ServerName") || iequals(d->node->name(), "ServerAlias")) {
        for (const Arg& a : d->node->args()) {
          if (h.names.empty() && d->node->unit() && d->node->unit()->shown(a.value) != a.value) {
            written = std::string(d->node->unit()->shown(a.value));
          }
          std::string name = lower(a.value);
          if (const auto colon = name.find(':'); colon != std::string::npos) name.resize(colon);
          h.names.push_back(name);
        }
      }
    }
    std::string address;
    // As written: a template's expression (`{{ listen_ip }}:443`), not its filler.
    for (const Arg& a : h.node->args()) {
      address += (address.empty() ? "" : " ") + std::string(h.node->unit() ? h.node->unit()->shown(a.value) : a.value);
    }
    h.display_name = h.names.empty() ? address : (written.empty() ? h.names.front() : written) + " (" + address + ")";
  });
  // Debian's layout: its entry file, or its run-time directory variable.
  const std::string& entry = sources.file(tree.entry).path();
  model.debian = entry.size() >= 11 && entry.compare(entry.size() - 11, 11, "apache2.conf") == 0;
  for (std::size_t i = 0; i < model.directives.size() && !model.debian; ++i) {
    for (const Arg& a : model.directives[i].node->args()) {
      if (a.value.find("${APACHE_") != std::string_view::npos) {
        model.debian = true;
        break;
      }
    }
  }
  return model;
}

}  // namespace staplint
