// Times as certificates and OCSP responses give them, and how staplint writes
// them.
#pragma once

#include <cstdint>
#include <string>

namespace staplint {

/// Seconds since 1970-01-01T00:00:00Z.
using UnixTime = std::int64_t;

/// 2026-12-03 (UTC).
std::string format_date(UnixTime t);
/// 2026-12-03T19:27:17Z
std::string format_timestamp(UnixTime t);

}  // namespace staplint
