// Work shared over threads with a result that does not depend on their
// number: each index is one slot that only its call writes.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace staplint {

/// The threads worth starting for `count` items of a tree (servers, hosts,
/// files): `jobs` from 1,000 items, else this one, since starting a thread
/// costs more than a few hundred items take.
inline unsigned threads_for(std::size_t count, unsigned jobs) { return count >= 1000 ? jobs : 1; }

/// Calls fn(i) for each i in [0, count), on up to `threads` threads (the
/// caller's among them), each taking the next `grain` indexes not taken.
/// fn(i) writes only what index i owns. An exception thrown by fn (a bug, or
/// memory running out) stops the rest and is rethrown here, as if fn had run
/// on this thread.
template <typename Fn>
void parallel_for(std::size_t count, unsigned threads, std::size_t grain, Fn&& fn) {
  grain = std::max<std::size_t>(grain, 1);
  const std::size_t chunks = (count + grain - 1) / grain;
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, chunks));
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failed;
  std::mutex failed_mutex;
  auto work = [&] {
    for (std::size_t c; (c = next.fetch_add(1)) < chunks;) {
      try {
        const std::size_t end = std::min(count, (c + 1) * grain);
        for (std::size_t i = c * grain; i < end; ++i) fn(i);
      } catch (...) {
        const std::lock_guard lock(failed_mutex);
        if (!failed) failed = std::current_exception();
        next = chunks;
      }
    }
  };
  {
    std::vector<std::jthread> pool;
    pool.reserve(threads - 1);
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }  // joined
  if (failed) std::rethrow_exception(failed);
}

}  // namespace staplint
