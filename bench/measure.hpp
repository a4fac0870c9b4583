// What every benchmark measures the same way: the median of repeated timings (the machine is
// shared, so one run says little), processor time and the process's peak resident memory.
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

// Processor time of the whole process so far (user + system, all threads): on a shared machine
// it shows the work done, where the wall clock also counts waiting for a core.
inline double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace strata::bench
