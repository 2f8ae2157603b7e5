// What every live check shares (checks/live/): the endpoint's name in
// messages, and its verdicts grouped across TLS versions. The facts behind a
// verdict are the probe report's (text and JSON), not the findings' notes.
#pragma once

#include <string>
#include <vector>

#include "staplint/live_rules.hpp"

namespace staplint::checks::live {

/// `example.org:443`, as the target was named.
std::string endpoint_name(const ProbedEndpoint& e);

/// The results `pick` selects, grouped by `key` (a message's fields but the
/// version): one group per distinct key, in the order of the versions
/// probed, with its versions in words (`TLS 1.2`, `TLS 1.2 and TLS 1.3`).
/// The same fault at both versions is one finding, not two.
struct VerdictGroup {
  const LiveResult* first = nullptr;
  std::string versions;
};
template <class Pick, class Key>
std::vector<VerdictGroup> group_results(const ProbedEndpoint& e, Pick pick, Key key) {
  std::vector<VerdictGroup> groups;
  std::vector<std::string> keys;
  for (const LiveResult& r : e.results) {
    if (!pick(r)) continue;
    const std::string k = key(r);
    std::size_t i = 0;
    while (i < keys.size() && keys[i] != k) ++i;
    if (i == keys.size()) {
      keys.push_back(k);
      groups.push_back({&r, std::string(to_string(r.version))});
    } else {
      groups[i].versions += " and " + std::string(to_string(r.version));
    }
  }
  return groups;
}

/// `3 handshakes`
std::string handshakes_text(std::size_t n);

}  // namespace staplint::checks::live
