// parallel_for: every index once, whatever the threads; a thrown exception
// reaches the caller.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "parallel.hpp"

using namespace staplint;

TEST_CASE("parallel_for calls each index once, on any number of threads", "[parallel]") {
  for (unsigned threads : {0u, 1u, 2u, 3u, 8u}) {
    for (std::size_t grain : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{5000}}) {
      std::vector<std::atomic<int>> calls(1001);
      parallel_for(calls.size(), threads, grain, [&](std::size_t i) { calls[i].fetch_add(1); });
      for (const auto& c : calls) REQUIRE(c.load() == 1);
    }
  }
  int none = 0;
  parallel_for(0, 4, 1, [&](std::size_t) { ++none; });
  CHECK(none == 0);
}

TEST_CASE("parallel_for carries a thrown exception to its caller", "[parallel]") {
  for (unsigned threads : {1u, 2u, 4u}) {
    std::atomic<int> calls{0};
    CHECK_THROWS_AS(parallel_for(10000, threads, 1,
                                 [&](std::size_t i) {
                                   calls.fetch_add(1);
                                   if (i == 17) throw std::runtime_error("index 17");
                                 }),
                    std::runtime_error);
    CHECK(calls.load() < 10000);  // the rest was not run
  }
}
