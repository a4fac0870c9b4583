// Evaluating every customer of a dataset through every phase of a plan, in batches, on several
// threads, with the statistics over all customers of each stage computed between the phases
// (population/stage.hpp). RuleSet::run and rule coverage share it; what they do with the last
// phase's outputs is theirs.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include "population/snapshot.hpp"
#include "strata/strata.hpp"
#include "vm/context.hpp"
#include "vm/program.hpp"

namespace strata::api {

struct PlanHooks {
  // Prepares each context before it runs a batch (the previous state, the run date); optional.
  std::function<void(vm::Context&)> attach;
  // Receives each batch of the last phase: the context, the batch number, its first record and
  // its size. Called from several threads at once unless RunOptions::threads is 1.
  std::function<void(vm::Context&, std::size_t batch, std::size_t first, std::size_t count)> last;
};

struct PlanRun {
  std::optional<vm::EvalError> error;  // the earliest customer's, or a statistic's overflow
  double statistics_seconds = 0;
  std::vector<double> phase_seconds;       // per per-customer phase, the statistics not included
  std::vector<vm::ParamValue> statistics;  // per statistic of the plan: its value for the run
};

// With `keep`, the snapshot also gets the distributions and counts of the statistics (its
// values are PlanRun::statistics, which the caller copies when it keeps them).
PlanRun run_plan(const vm::Plan& plan, const Dataset& data,
                 const std::vector<vm::ParamValue>& params, const RunOptions& options,
                 population::Snapshot* keep, const PlanHooks& hooks);

}  // namespace strata::api
