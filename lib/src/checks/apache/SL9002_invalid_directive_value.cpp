// SL9002: a revocation directive with a value or argument count nginx refuses.
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "checks/apache/directives.hpp"
#include "checks/common/edits.hpp"
#include "checks/common/name_set.hpp"
#include "checks/common/values.hpp"
#include "rules/apache/SL9002_invalid_directive_value.hpp"

namespace staplint::checks::apache {

namespace {

/// The arguments before a trailing `# comment` (SL9003 reports those).
std::size_t words_before_comment(const Node& n) {
  const ArgList args = n.args();
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i].quote == Quote::none && !args[i].value.empty() && args[i].value[0] == '#') return i;
  }
  return args.size();
}

struct Enumerated {
  std::string_view name;
  std::vector<std::string_view> values;
  std::string_view extra_flag;  ///< an optional second word, or empty: TAKE1
  /// Undocumented words httpd accepts as well; not offered in the message.
  std::vector<std::string_view> also = {};
};

const std::vector<Enumerated>& enumerated() {
  static const std::vector<Enumerated> list = {
      {"SSLCARevocationCheck", {"chain", "leaf", "none"}, "no_crl_for_cert_ok"},
      {"SSLProxyCARevocationCheck", {"chain", "leaf", "none"}, "no_crl_for_cert_ok"},
      {"SSLOCSPEnable", {"on", "leaf", "off"}, "no_ocsp_for_cert_ok"},
      // `on` and `off` too: ssl_cmd_verify_parse reads them as require and none.
      {"SSLVerifyClient", {"none", "optional", "require", "optional_no_ca"}, "", {"on", "off"}},
      {"SSLProxyVerify", {"none", "optional", "require", "optional_no_ca"}, "", {"on", "off"}},
  };
  return list;
}

bool is_flag(std::string_view name) {
  static const NameSet kFlags{"SSLUseStapling",          "SSLStaplingReturnResponderErrors",
                              "SSLStaplingFakeTryLater", "SSLOCSPOverrideResponder",
                              "SSLOCSPUseRequestNonce",  "SSLOCSPNoverify",
                              "SSLProxyEngine",          "MDStapling"};
  return kFlags.contains(name);
}

/// Read with atoi(); the two responder timeouts also refuse negative values.
bool is_seconds(std::string_view name) {
  static const NameSet kSeconds{"SSLStaplingResponderTimeout",  "SSLStaplingStandardCacheTimeout",
                                "SSLStaplingErrorCacheTimeout", "SSLStaplingResponseTimeSkew",
                                "SSLStaplingResponseMaxAge",    "SSLOCSPResponderTimeout",
                                "SSLOCSPResponseTimeSkew",      "SSLOCSPResponseMaxAge"};
  return kSeconds.contains(name);
}

const Enumerated* enumerated_named(std::string_view name) {
  for (const Enumerated& e : enumerated()) {
    if (iequals(name, e.name)) return &e;
  }
  return nullptr;
}

}  // namespace

void SL9002_invalid_directive_value::check(const CheckContext& ctx, Reporter& r) {
  for (const ApacheDirective& d : ctx.apache.directives) {
    const Node& n = *d.node;
    // Every name below is SSL*, but for MDStapling.
    if (n.kind != NodeKind::directive || !(ssl_named(n.name()) || iequals(n.name(), "MDStapling"))) continue;
    // Which of the three kinds it is, before anything is built.
    const bool flag = is_flag(n.name());
    const Enumerated* choices = flag ? nullptr : enumerated_named(n.name());
    const bool seconds = !flag && is_seconds(n.name());
    if (!flag && !choices && !seconds) continue;
    const std::size_t words = words_before_comment(n);
    const std::string name(n.name());
    if (flag) {
      // httpd reads a flag's first word only.
      if (words == 0) {
        note_conditions(r.report(n.file(), n.range, Fields{.detail = "'" + name + "' must be On or Off"}), {&d});
        continue;
      }
      const Arg& a = n.args()[0];
      if (iequals(a.value, "on") || iequals(a.value, "off")) continue;
      Finding& f = r.report(
          n.file(), a.range,
          Fields{.detail = "invalid value '" + std::string(a.value) + "' for '" + name + "'; it must be On or Off"});
      note_conditions(f, {&d});
      if (auto fixed = flag_synonym(a.value)) {
        std::string v = *fixed;
        v[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(v[0])));
        f.fixes.push_back({"use '" + v + "'", {replace_first_arg(n, v)}, /*safe=*/true});
      }
      continue;
    }
    if (choices) {
      const Enumerated& e = *choices;
      std::string detail;
      Range at = n.range;
      const std::size_t allowed_words = e.extra_flag.empty() ? 1 : 2;
      if (words == 0 || (e.extra_flag.empty() && words > 1)) {
        detail = "'" + name + "' takes one argument";
      } else if (const auto is = [&](std::string_view v) { return iequals(n.args()[0].value, v); };
                 std::none_of(e.values.begin(), e.values.end(), is) && std::none_of(e.also.begin(), e.also.end(), is)) {
        at = n.args()[0].range;
        detail = "invalid value '" + std::string(n.args()[0].value) + "' for '" + name + "'; it must be " +
                 join_values(e.values);
      } else if (words == 2 && !iequals(n.args()[1].value, e.extra_flag)) {
        at = n.args()[1].range;
        detail = "invalid argument '" + std::string(n.args()[1].value) + "' for '" + name + "'; the only flag is '" +
                 std::string(e.extra_flag) + "'";
      } else if (words > allowed_words) {
        at = n.args()[allowed_words].range;
        detail = "too many arguments for '" + name + "'";
      }
      if (!detail.empty()) note_conditions(r.report(n.file(), at, Fields{.detail = detail}), {&d});
    }
    if (seconds && words >= 1) {
      const Arg& a = n.args()[0];
      const std::string v(a.value);
      const bool numeric = !v.empty() && std::all_of(v.begin() + (v[0] == '-' ? 1 : 0), v.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      }) && v != "-";
      if (numeric && v[0] == '-' && named(n.name(), {"SSLStaplingResponderTimeout", "SSLOCSPResponderTimeout"})) {
        Finding& f = r.report(
            n.file(), a.range,
            Fields{.detail = "'" + name + "' must not be negative; httpd refuses '" + v + "' (invalid argument)"});
        note_conditions(f, {&d});
      } else if (!numeric) {
        // httpd accepts it: atoi() reads the leading digits, or 0.
        Finding& f = r.report(n.file(), a.range,
                              Fields{.detail = "'" + v + "' is not a number of seconds; httpd reads it as " +
                                               std::to_string(std::atoi(v.c_str())) + " for '" + name + "'"});
        f.severity = Severity::warning;
        note_conditions(f, {&d});
      }
    }
  }
}

}  // namespace staplint::checks::apache
