// What every benchmark measures the same way: the median of repeated timings (the machine is
// shared, so one run says little) and the process's peak resident memory.
#pragma once

#include <sys/resource.h>

#include <algorithm>
#include <vector>

namespace strata::bench {

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// The peak resident size of this process so far, in MB (getrusage: never decreases).
inline double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace strata::bench
