#include "heap_tuning.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace staplint::cli {

// Page alignment takes address arithmetic. NOLINTBEGIN(performance-no-int-to-ptr)
void prefer_huge_pages_for_heap() {
  constexpr std::size_t kStep = std::size_t{64} << 20;
  // Big steps, never given back to the kernel while the command runs, and
  // file-sized buffers from the heap too rather than from their own mappings.
  mallopt(M_TOP_PAD, static_cast<int>(kStep));
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * kStep));
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(kStep / 2));
  auto* const start = static_cast<char*>(sbrk(0));
  // Volatile: the compiler would drop a malloc/free pair it can see through.
  // More than the start-up heap has free, so that the heap must grow now (by
  // the request and kStep).
  void* volatile probe = std::malloc(std::size_t{1} << 20);
  auto* const end = static_cast<char*>(sbrk(0));
  std::free(probe);
  if (start == reinterpret_cast<char*>(-1) || end <= start) return;
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const std::uintptr_t from = (reinterpret_cast<std::uintptr_t>(start) + page - 1) & ~(page - 1);
  const auto to = reinterpret_cast<std::uintptr_t>(end) & ~(page - 1);
  if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
}
// NOLINTEND(performance-no-int-to-ptr)

}  // namespace staplint::cli
