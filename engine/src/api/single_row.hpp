// Evaluating one customer through every phase of a plan, against a population snapshot.
//
// A single record (Record) and the customer of an explanation have no population of their own:
// statistics over all customers come from a snapshot of a run (population/snapshot.hpp). After
// each phase, the customer's positions for the next stage are placed in the snapshot's
// distributions; aggregates are the snapshot's values. Contexts and the one-row scratch are made
// once, so evaluating again allocates nothing.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "check/model.hpp"
#include "population/snapshot.hpp"
#include "strata/strata.hpp"
#include "vm/context.hpp"
#include "vm/scratch.hpp"

namespace strata::api {

class SingleRow {
 public:
  // `snapshot` may be null when the plan has no statistics; it must outlive this object, as must
  // the plan and the dataset.
  SingleRow(const vm::Plan& plan, const Dataset& data, std::size_t row,
            const std::vector<vm::ParamValue>& params, const population::Snapshot* snapshot);

  // Evaluates every phase; false on an evaluation error (error()).
  bool run();
  const std::optional<vm::EvalError>& error() const { return error_; }
  // The context of the last phase, which holds the outputs.
  vm::Context& last() { return *contexts_.back(); }
  // Gives every phase's context what a run gives its contexts (the previous state, the run date).
  template <class F>
  void each_context(F&& f) {
    for (auto& ctx : contexts_) f(*ctx);
  }
  // The statistics as this customer saw them in the last run().
  std::vector<PopulationValue> population_values() const;

 private:
  void place_positions(std::uint32_t stage);

  const vm::Plan& plan_;
  const Dataset& data_;
  std::size_t row_;
  const population::Snapshot* snapshot_;
  std::vector<vm::ParamValue> statistics_;
  vm::Scratch scratch_;
  std::vector<std::unique_ptr<vm::Context>> contexts_;
  std::optional<vm::EvalError> error_;
};

}  // namespace strata::api
