// Apache httpd: reading its directives the way httpd does, shared by the
// Apache checks.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>

#include "staplint/apache_model.hpp"
#include "staplint/diagnostic.hpp"
#include "staplint/text.hpp"

namespace staplint::checks {

/// Marks a finding as conditional and says which condition it depends on, for
/// each directive that httpd reads only under a condition staplint cannot
/// evaluate.
inline void note_conditions(Finding& f, std::initializer_list<const ApacheDirective*> from) {
  for (const ApacheDirective* d : from) {
    if (!d || d->certain()) continue;
    f.conditional = true;
    const Node& c = *d->condition;
    std::string what = "<" + std::string(c.name());
    for (const Arg& a : c.args()) what += " " + std::string(a.value);
    what += ">";
    const std::string msg = "this depends on '" + what + "', which staplint cannot evaluate";
    if (std::none_of(f.notes.begin(), f.notes.end(), [&](const Note& n) { return n.message == msg; })) {
      f.notes.push_back({c.file(), c.name_range(), msg});
    }
  }
}

/// How httpd reads an `SSLVerifyClient` or `SSLProxyVerify` value
/// (`ssl_cmd_verify_parse` in mod_ssl's ssl_engine_config.c): `on` is
/// `require` and `off` is `none`, case-insensitively. Empty for a value httpd
/// refuses (SL9002).
inline std::string_view verify_mode(std::string_view value) {
  if (iequals(value, "none") || iequals(value, "off")) return "none";
  if (iequals(value, "require") || iequals(value, "on")) return "require";
  if (iequals(value, "optional")) return "optional";
  if (iequals(value, "optional_no_ca")) return "optional_no_ca";
  return {};
}

/// The value asks httpd to verify the peer's certificate against its CAs:
/// `require`/`on`, or `optional`.
inline bool verifies_peer(std::string_view value) {
  const std::string_view mode = verify_mode(value);
  return mode == "require" || mode == "optional";
}

/// `name` is one of `names`, case-insensitively (httpd's directive names).
/// Whether `name` starts with `SSL`, in any case: mod_ssl's directives. A
/// check about them skips every other directive on this alone.
inline bool ssl_named(std::string_view name) {
  return name.size() > 3 && (name[0] | 0x20) == 's' && (name[1] | 0x20) == 's' && (name[2] | 0x20) == 'l';
}

inline bool named(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return iequals(name, n); });
}

}  // namespace staplint::checks
