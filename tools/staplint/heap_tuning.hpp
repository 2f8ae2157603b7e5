// Process-level heap settings for the staplint command.
#pragma once

namespace staplint::cli {

/// Grows the malloc heap in one large step marked for transparent huge pages,
/// what glibc's `glibc.malloc.hugetlb=1` tunable does: on virtual machines a
/// page fault costs several microseconds, and a 1,000-site tree otherwise takes
/// about 1,700 of them (half of its system time). Resident memory still grows
/// only with what is touched, in 2 MiB steps. Harmless where the kernel has no
/// huge pages.
void prefer_huge_pages_for_heap();

}  // namespace staplint::cli
