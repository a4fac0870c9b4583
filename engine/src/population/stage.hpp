// Computing the statistics of one stage over every customer of a run.
//
// The arguments are scratch columns filled by the phase before the stage. Per distinct argument,
// the aggregates (count, sum, avg, min, max, stddev) take one pass, and everything that needs an
// order (percentile, ntile, rank, percent_rank, cumulative_share) shares one sort. Arguments are
// independent, so they are computed on up to `threads` threads; every result is exact and does
// not depend on the thread count or the row order of the data. The definitions are in
// docs/language.md ("Statistics over all customers").
#pragma once

#include <optional>
#include <vector>

#include "population/snapshot.hpp"
#include "strata/dataset.hpp"
#include "vm/context.hpp"
#include "vm/scratch.hpp"

namespace strata::population {

// Computes the statistics of `stage`: aggregate values into `values` (one per statistic of the
// plan), positions into their scratch columns. With `keep`, also fills the snapshot's
// distributions and counts. Returns the first evaluation error (an overflow), if any; its row is
// EvalError::kNoRow.
class Stages {
 public:
  Stages(const vm::Plan& plan, const Dataset& data) : plan_(plan), data_(data), keys_(data) {}
  std::optional<vm::EvalError> compute(std::uint32_t stage, vm::Scratch& scratch,
                                       std::vector<vm::ParamValue>& values, Snapshot* keep,
                                       unsigned threads);

 private:
  const vm::Plan& plan_;
  const Dataset& data_;
  KeyColumn keys_;
  std::optional<bool> keys_in_row_order_;  // found out once per run, when a tie needs it
};

}  // namespace strata::population
