#include "staplint/nginx_model.hpp"

#include <string.h>  // memrchr (glibc)

#include <algorithm>
#include <cstring>

#include "parallel.hpp"
#include "staplint/text.hpp"

namespace staplint {

std::string_view Effective::value(std::string_view fallback) const {
  if (!node) return fallback;
  const ArgList first = node->args(1);
  return first.empty() ? fallback : first.front().value;
}

// nginx reads flags with ngx_strcasecmp: `On` and `ON` are `on` too.
bool flag_is_on(const Node* n) {
  if (!n) return false;
  const ArgList args = n->args(1);
  return !args.empty() && iequals(args[0].value, "on");
}

bool flag_is_invalid(const Node* n) {
  if (!n) return false;
  const ArgList args = n->args(2);  // one, or more than one
  return args.size() != 1 || !(iequals(args[0].value, "on") || iequals(args[0].value, "off"));
}

Effective NginxServer::effective(std::string_view name) const {
  const Node* found = nullptr;
  if (own_tags.size() == own.size()) {
    // The last statement whose tag matches and whose name is `name`.
    const std::uint8_t tag = name_tag(name);
    std::size_t n = own.size();
    while (n > 0) {
      const void* at = memrchr(own_tags.data(), tag, n);
      if (!at) break;
      n = static_cast<std::size_t>(static_cast<const std::uint8_t*>(at) - own_tags.data());
      if (own[n]->name() == name) {
        found = own[n];
        break;
      }
    }
  } else {
    for (auto it = own.rbegin(); it != own.rend() && !found; ++it) {
      if ((*it)->name() == name) found = *it;
    }
  }
  if (found) return {found, Origin::server};
  if (inherited) {
    if (const auto* list = inherited->find(name)) return {list->back(), Origin::parent};
  }
  return {};
}

std::vector<const Node*> NginxServer::all(std::string_view name) const {
  std::vector<const Node*> out;
  if (own_tags.size() == own.size()) {
    const std::uint8_t tag = name_tag(name);
    const std::uint8_t* const begin = own_tags.data();
    const std::uint8_t* const end = begin + own_tags.size();
    for (const std::uint8_t* p = begin; p < end; ++p) {
      p = static_cast<const std::uint8_t*>(std::memchr(p, tag, static_cast<std::size_t>(end - p)));
      if (!p) break;
      const Node* n = own[static_cast<std::size_t>(p - begin)];
      if (n->name() == name) out.push_back(n);
    }
  } else {
    for (const Node* n : own) {
      if (n->name() == name) out.push_back(n);
    }
  }
  if (!out.empty()) return out;
  if (inherited) {
    if (const auto* list = inherited->find(name)) out = *list;
  }
  return out;
}

namespace {

bool listen_has_ssl(const Node& listen) {
  const ArgList args = listen.args();
  return std::any_of(args.begin() + std::min<std::size_t>(1, args.size()), args.end(),
                     [](const Arg& a) { return a.value == "ssl"; });
}

/// The port of a `listen` address: `443`, `[::]:443`, `10.0.0.1:8443`,
/// `localhost` (80), `unix:/path`.
std::string listen_port(const Node& listen) {
  const ArgList args = listen.args(1);
  if (args.empty()) return "80";
  const std::string_view a = args[0].value;
  if (a.rfind("unix:", 0) == 0) return std::string(a);
  if (!a.empty() && std::all_of(a.begin(), a.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::string(a);
  }
  const auto bracket = a.rfind(']');
  const auto colon = a.rfind(':');
  if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
    return std::string(a.substr(colon + 1));
  }
  return "80";
}

enum class Module : std::uint8_t { http, stream, mail };

NginxServer make_server(const Node& server, const Node* parent, std::shared_ptr<const NginxScope> inherited,
                        Module module) {
  const bool stream = module == Module::stream;
  NginxServer s;
  s.node = &server;
  s.parent = parent;
  s.stream = stream;
  s.mail = module == Module::mail;
  s.inherited = std::move(inherited);
  // Counted first: two million statements at 20,000 sites, held without slack.
  std::size_t count = 0;
  for_each_directive(server.children(), [&](const Node&) { ++count; });
  s.own.reserve(count);
  for_each_directive(server.children(), [&](const Node& n) { s.own.push_back(&n); });
  s.own_tags.reserve(count);
  for (const Node* n : s.own) s.own_tags.push_back(NginxServer::name_tag(n->name()));

  const Node* tls_listen = nullptr;
  const Node* first_listen = nullptr;
  for (const Node* n : s.own) {
    if (n->name() != "listen") continue;
    if (!first_listen) first_listen = n;
    if (!tls_listen && listen_has_ssl(*n)) tls_listen = n;
  }
  const Effective ssl = s.effective("ssl");
  if (tls_listen) {
    s.tls = true;
    s.tls_marker = tls_listen;
  } else if (ssl.is_on()) {
    s.tls = true;
    s.tls_marker = ssl.node;
  } else if (const Effective starttls = s.effective("starttls");
             s.mail && starttls.node && starttls.node->args().size() == 1 &&
             (starttls.value() == "on" || starttls.value() == "only")) {
    s.tls = true;  // the STARTTLS handshake uses the same certificates and checks
    s.tls_marker = starttls.node;
  }

  s.rejects_handshakes = s.effective("ssl_reject_handshake").is_on();

  // `server_name` names http servers, and mail and stream servers that have
  // one (stream since nginx 1.25.5).
  std::string name;
  {
    for (const Node* n : s.own) {
      if (n->name() != "server_name") continue;
      for (const Arg& a : n->args()) {
        if (!a.value.empty() && a.value != "_" && a.value != "\"\"") {
          name = std::string(n->unit() ? n->unit()->shown(a.value) : a.value);
          break;
        }
      }
      if (!name.empty()) break;
    }
  }
  const Node* shown = tls_listen ? tls_listen : first_listen;
  std::string port = shown ? listen_port(*shown) : (module == Module::http ? "80" : "?");
  const ArgList address = shown ? shown->args(1) : ArgList();
  if (shown && shown->unit() && !address.empty()) {
    // A template's `listen {{ port }}`: the address is the expression.
    const std::string_view as_written = shown->unit()->shown(address[0].value);
    if (as_written != address[0].value) port = std::string(as_written);
  }
  if (name.empty()) {
    const ArgList& args = address;
    name =
        !args.empty() && port != args[0].value ? std::string(args[0].value.substr(0, args[0].value.rfind(':'))) : "_";
  }
  s.display_name = port.rfind("unix:", 0) == 0 ? name + " (" + port + ")" : name + ":" + port;
  return s;
}

/// The servers are independent of each other: many are made on `jobs`
/// threads, each into its own slot, so the order is the document's.
void make_servers(std::vector<NginxServer>& out, const std::vector<const Node*>& servers, const Node* parent,
                  const std::shared_ptr<const NginxScope>& inherited, Module module, unsigned jobs) {
  const std::size_t first = out.size();
  out.resize(first + servers.size());
  parallel_for(servers.size(), threads_for(servers.size(), jobs), 256,
               [&](std::size_t i) { out[first + i] = make_server(*servers[i], parent, inherited, module); });
}

void collect_servers(std::vector<NginxServer>& out, const Node& block, Module module, unsigned jobs) {
  auto inherited = std::make_shared<NginxScope>();
  std::vector<const Node*> servers;
  for_each_directive(block.children(), [&](const Node& n) {
    if (n.kind == NodeKind::directive) inherited->add(&n);
    if (n.is_block() && n.name() == "server") servers.push_back(&n);
  });
  make_servers(out, servers, &block, inherited, module, jobs);
}

}  // namespace

NginxModel build_nginx_model(const ConfigTree& tree, unsigned jobs) {
  NginxModel model;
  if (tree.fragment) {
    // A standalone file: its top level stands for the inside of `http {}`.
    auto top = std::make_shared<NginxScope>();
    std::vector<const Node*> servers;
    for_each_directive(tree.nodes, [&](const Node& n) {
      if (n.kind == NodeKind::directive) top->add(&n);
      if (n.is_block() && n.name() == "server") servers.push_back(&n);
    });
    make_servers(model.servers, servers, nullptr, top, Module::http, jobs);
    return model;
  }
  for_each_directive(tree.nodes, [&](const Node& n) {
    if (!n.is_block()) return;
    if (n.name() == "http") {
      model.http_blocks.push_back(&n);
      collect_servers(model.servers, n, Module::http, jobs);
    } else if (n.name() == "stream") {
      model.stream_blocks.push_back(&n);
      collect_servers(model.servers, n, Module::stream, jobs);
    } else if (n.name() == "mail") {
      model.mail_blocks.push_back(&n);
      collect_servers(model.mail_servers, n, Module::mail, jobs);
    }
  });
  return model;
}

}  // namespace staplint
