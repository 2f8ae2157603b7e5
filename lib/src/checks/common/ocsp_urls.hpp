// SL1001 in every dialect stays silent where SL4001 speaks: when enabling
// stapling could do nothing.
#pragma once

#include <algorithm>
#include <vector>

#include "checks/common/certificates.hpp"

namespace staplint::checks {

/// Every served certificate was read and none names an OCSP responder, and
/// no responder override (`responder_override`) stands in for one.
inline bool no_served_ocsp_url(const std::vector<ServedCertificate>& served, bool responder_override) {
  if (served.empty() || responder_override) return false;
  return std::all_of(served.begin(), served.end(), [](const ServedCertificate& c) { return c.no_ocsp_url(); });
}

}  // namespace staplint::checks
