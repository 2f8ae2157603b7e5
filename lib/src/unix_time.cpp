#include "staplint/unix_time.hpp"

#include <ctime>

namespace staplint {

std::string format_timestamp(UnixTime t) {
  std::tm tm{};
  const std::time_t tt = static_cast<std::time_t>(t);
  if (!gmtime_r(&tt, &tm)) return "?";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string format_date(UnixTime t) { return format_timestamp(t).substr(0, 10); }

}  // namespace staplint
