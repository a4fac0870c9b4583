// A hint to back large, freshly allocated buffers with transparent huge pages.
//
// Loading fills hundreds of megabytes of new memory (columns, the string pool) front to back or,
// for hash tables, all over. With 4 KiB pages that is one page fault per 4 KiB and a measurable
// share of load time; on kernels where huge pages are opt-in ("madvise" mode), asking for them
// before the first touch cuts the faults 512-fold. Only a hint: ignored where unsupported.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace strata::io {

inline void advise_huge_pages(const void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t(2) << 20;
  if (data == nullptr || bytes < 4 * kHuge) return;
  auto begin = (reinterpret_cast<std::uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

}  // namespace strata::io
