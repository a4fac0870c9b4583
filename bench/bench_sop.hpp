// `strata_bench sop`: SOP evaluation (rules/service-sop) against the same rule set without its
// calendars and SOPs, over the same loaded data, in one process.
#pragma once

#include <string>
#include <vector>

#include "strata/strata.hpp"

namespace strata::bench {

int bench_sop(const std::vector<std::string>& rule_paths, const RuleSet& rules, const Dataset& data,
              int reps);

}  // namespace strata::bench
