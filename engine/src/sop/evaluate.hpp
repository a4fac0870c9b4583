// SOP evaluation, batch by batch, right after the VM has run the batch: each customer's status
// under each obligation that applies to it, the actions that follow, and compliance counts.
//
// The VM has already computed, for the batch, the customers' tiers (held), the SOP values (owners,
// message parts, obligation starts: extra outputs) and which events pass each obligation's filter
// (event marks). What is left is per-event time arithmetic, here: walking each customer's events
// (grouped and time-ordered by the loader) with the marks, deadlines on business calendars
// (sop/calendar.hpp) and the rules of docs/sop.md. A batch writes only its own output, so batches
// run on any thread and are concatenated in data order.
#pragma once

#include <optional>
#include <vector>

#include "check/model.hpp"
#include "sop/plan.hpp"
#include "state/history.hpp"
#include "strata/strata.hpp"
#include "vm/context.hpp"

namespace strata::sop {

// Whether a customer in `tier` (-1: none) is under target `t`: in its tier or one of its sub-tiers.
inline bool in_target(const Model& model, const SopTarget& t, int tier) {
  return tier >= 0 && model.tierings[t.tiering].within(static_cast<std::uint32_t>(tier), t.tier);
}

struct BatchSop {
  std::vector<ObligationResult> obligations;
  std::vector<SopAction> actions;
  std::vector<std::uint64_t> compliance;  // per compliance row: customers, compliant
  std::optional<vm::EvalError> error;
};

// The run's clock: its date, and the instant obligations are measured at.
struct Clock {
  std::int64_t run_date = 0;  // days
  std::int64_t now = 0;       // local datetime
};

class Evaluator {
 public:
  Evaluator(const Model& model, const Plan& plan, const vm::Program& program, const Dataset& data,
            const state::PreviousRun& prev, Clock clock);

  // Rows of the compliance table, in the order BatchSop::compliance counts them.
  const std::vector<SopCompliance>& compliance_rows() const { return rows_; }

  // Evaluates records [first, first + count); `states` are those records' new states (from
  // state::next_states), whose obligation statuses this fills.
  void batch(vm::Context& ctx, std::size_t first, std::size_t count,
             std::vector<CustomerState>& states, BatchSop& out) const;

 private:
  bool applies(std::size_t sop, const CustomerState& cs) const;
  std::int64_t sop_since(std::size_t sop, const CustomerState& cs) const;
  ObligationResult respond(const ObligationPlan& p, vm::Context& ctx, std::size_t row,
                           BatchSop& out) const;
  ObligationResult every(const ObligationPlan& p, vm::Context& ctx, std::size_t row,
                         std::size_t offset, const CustomerState& cs) const;
  SopStatus previous_status(std::size_t obligation, std::size_t row) const;
  // actions.cpp
  SopAction make_action(const ActionPlan& a, std::size_t sop, vm::Context& ctx, std::size_t row,
                        std::size_t offset, std::string reason) const;
  std::string render_value(vm::Context& ctx, int extra, std::size_t offset) const;
  void triggers(vm::Context& ctx, std::size_t row, std::size_t offset, const CustomerState& cs,
                BatchSop& out) const;

  const Model& model_;
  const Plan& plan_;
  const Dataset& data_;
  const state::PreviousRun& prev_;
  Clock clock_;
  std::vector<const vm::Output*> extras_;  // by extra index
  std::vector<SopCompliance> rows_;
  std::vector<std::size_t> first_row_of_sop_;
};

// The run's clock from the resolved parameters: `as_of` when declared (a date: the end of that
// day; a datetime: that instant), else `today` (the end of the day).
Clock run_clock(const Model& model, const std::vector<vm::ParamValue>& params);

}  // namespace strata::sop
