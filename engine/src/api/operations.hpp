// RuleSet::run's operational side: the previous state in, per-batch state, tier changes and SOP
// results, and the merge of the batches in data order into the RunResult.
#pragma once

#include <optional>
#include <vector>

#include "check/model.hpp"
#include "sop/evaluate.hpp"
#include "sop/plan.hpp"
#include "state/history.hpp"
#include "strata/strata.hpp"
#include "vm/context.hpp"

namespace strata::api {

class Operations {
 public:
  Operations(const Model& model, const vm::Program& program, const sop::Plan& plan,
             const Dataset& data, const RunOptions& options,
             const std::vector<vm::ParamValue>& params, std::size_t batches);

  // Gives a context the previous state and the run date (before it runs any batch).
  void attach(vm::Context& ctx) const;
  // After the VM ran batch `index` (records [first, first + count)) in `ctx`.
  void batch(vm::Context& ctx, std::size_t index, std::size_t first, std::size_t count);
  // The earliest evaluation error of the SOP stage, if any.
  std::optional<vm::EvalError> error() const;
  void finish(RunResult& result, std::string rules_hash);

 private:
  struct Slot {
    state::BatchState state;
    sop::BatchSop sop;
  };
  const Model& model_;
  const sop::Plan& plan_;
  state::PreviousRun prev_;
  state::TierRegisters regs_;
  sop::Clock clock_;
  sop::Evaluator eval_;
  std::vector<Slot> slots_;
  const Dataset& data_;
  // Whether anything needs the customers' next states: the caller (RunOptions::keep_state), the
  // tier changes against a previous state, or the SOPs (which read and extend them).
  bool build_states_;
};

}  // namespace strata::api
