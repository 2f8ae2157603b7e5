// Wall time per phase of a tree's analysis, logged at debug level (`-vv`):
// where a run's time goes, without a profiler.
#pragma once

#include <chrono>
#include <string_view>

#include <spdlog/spdlog.h>

namespace staplint {

/// Logs the time since the last lap (or since it was made) under a phase's
/// name, when debug logging is on; costs one clock read per lap otherwise.
class PhaseTimer {
 public:
  PhaseTimer() : last_(std::chrono::steady_clock::now()) {}
  void lap(std::string_view phase) {
    const auto now = std::chrono::steady_clock::now();
    if (spdlog::should_log(spdlog::level::debug)) {
      spdlog::debug("{}: {:.1f} ms", phase, std::chrono::duration<double, std::milli>(now - last_).count());
    }
    last_ = now;
  }

 private:
  std::chrono::steady_clock::time_point last_;
};

}  // namespace staplint
