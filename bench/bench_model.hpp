// `strata_bench rfm8`: rules/rfm-8 over loaded data, phase by phase, against a hand-written C++
// implementation of the same model (baseline_rfm8) in the same process, with the peak resident
// memory against the size of the loaded columns.
#pragma once

#include "strata/strata.hpp"

namespace strata::bench {

// `load_seconds`: how long loading `data` took; the process has done nothing else before.
int bench_rfm8(const RuleSet& rules, const Dataset& data, double load_seconds, int reps);

}  // namespace strata::bench
