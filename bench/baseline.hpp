// The hand-written baseline: the retail rule set's fixed-threshold RFM 8-class and value pyramid,
// computed by a plain C++ loop over the same columns the VM reads. It knows the column layout and
// the thresholds (the rule files' defaults) by heart, which is what a programmer would write.
#pragma once

#include <cstdint>
#include <vector>

#include "strata/strata.hpp"

namespace strata::bench {

struct BaselineInput {
  std::size_t customers = 0;
  const std::uint64_t* offsets = nullptr;
  const std::int64_t* at = nullptr;      // order time, seconds
  const Decimal::Rep* amount = nullptr;  // order amount, millionths
};

BaselineInput baseline_input(const Dataset& data);
// rfm: tier index 0..7 in the rule file's order; pyramid: 0 top .. 3 small.
void baseline_classify(const BaselineInput& in, std::int8_t* rfm, std::int8_t* pyramid);
// bench/rfm_quintiles.strata by hand: quintiles of recency, frequency and monetary (ties by row,
// which is key order in the generated data), each compared with the average quintile.
void baseline_quintiles(const BaselineInput& in, std::int8_t* rfm);
// rules/rfm-8 by hand: only customers with an order in the window are scored; quintiles of
// recency (counted down), frequency and monetary among them (ties by row), each compared with
// the mean score; the others are general_retain. `parts`, when given, gets the seconds of the
// pass over the orders, of the quintiles and means, and of the classes.
struct BaselineParts {
  double measures = 0, statistics = 0, classes = 0;
};
void baseline_rfm8(const BaselineInput& in, std::int8_t* rfm, BaselineParts* parts = nullptr);
std::size_t count_mismatches(const RuleSet& rules, const RunResult& result,
                             const std::vector<std::int8_t>& rfm,
                             const std::vector<std::int8_t>& pyramid);

}  // namespace strata::bench
