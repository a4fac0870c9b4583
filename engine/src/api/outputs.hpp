// Result columns: copying program outputs out of VM registers, and reporting evaluation errors.
#pragma once

#include <vector>

#include "check/model.hpp"
#include "strata/strata.hpp"
#include "vm/context.hpp"

namespace strata::api {

class OutputColumns {
 public:
  OutputColumns(const Model& model, const vm::Program& program, std::size_t rows);
  // Copies rows [first, first + count) of every output from the context's registers; batches
  // write disjoint ranges, so threads may call this concurrently.
  void store(vm::Context& ctx, std::size_t first, std::size_t count);
  // Moves the columns into the result and counts customers per tier.
  void finish(RunResult& result);

 private:
  const vm::Program& program_;
  std::vector<ResultColumn> columns_;  // one per program output
};

// A value of column `c` at `row`, for explanations of one customer.
Value register_value(const Model& model, const vm::Output& out, vm::Context& ctx,
                     std::size_t offset);

// Turns the VM's first evaluation error into a diagnostic naming the customer.
void report_eval_error(const Model& model, const Dataset& data, const vm::EvalError& error,
                       Diagnostics& diags);

// A statistic as users see it, with the value `v` (a run's value, or one customer's position).
PopulationValue population_value(const vm::Statistic& s, const vm::ParamValue& v, std::size_t over);

// Names for the int values of an enum- or tier-typed output.
std::vector<std::string> value_names(const Model& model, const Type& type);

}  // namespace strata::api
