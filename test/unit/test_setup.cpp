// Keeps the library's informational log lines out of test output.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <spdlog/spdlog.h>
#include <catch2/catch.hpp>

namespace {
struct QuietLogs : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  void testRunStarting(Catch::TestRunInfo const&) override { spdlog::set_level(spdlog::level::warn); }
};
}  // namespace
CATCH_REGISTER_LISTENER(QuietLogs)
