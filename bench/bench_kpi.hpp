// `strata_bench kpi`: the cost of computing KPIs — the same rule set run over the same loaded
// data with and without its KPIs, in one process (bench/kpis.strata: 10 KPIs x 3 tierings).
#pragma once

#include "strata/strata.hpp"

namespace strata::bench {

int bench_kpi(const RuleSet& rules, const Dataset& data, int reps);

}  // namespace strata::bench
