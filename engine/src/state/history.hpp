// From one run to the next: joining the previous run's state to this run's rows (the History the
// VM reads), and after each batch, the state every customer leaves and its tier changes.
//
// Customers are matched by key. A customer the state does not know is new (its first tier is an
// `enter`); a customer the state knows but the data no longer has leaves with an `exit` per
// tiering it had a tier in, and is not carried into the new state. Everything is produced in data
// order (then state order for those who left), so the output never depends on thread count.
#pragma once

#include <cstdint>
#include <vector>

#include "check/model.hpp"
#include "strata/strata.hpp"
#include "vm/context.hpp"
#include "vm/program.hpp"

namespace strata::state {

struct PreviousRun {
  const RunState* state = nullptr;  // null: a first run
  vm::History history;
  std::vector<std::int32_t> state_of_row;  // per row: index into state->customers, -1 if new
  std::vector<std::uint8_t> matched;       // per state customer: still in the data
};

PreviousRun join_previous(const Model& model, const Dataset& data, const RunState* previous,
                          std::int64_t run_date);

// Where the program leaves each tiering's tier (after holding) and, for held tierings, the tier
// before holding.
struct TierRegisters {
  std::vector<std::uint16_t> held;
  std::vector<std::uint16_t> raw;  // == held where there is no hold rule
  explicit TierRegisters(const vm::Program& program, std::size_t tierings);
};

struct BatchState {
  std::vector<CustomerState> customers;
  std::vector<TierChange> changes;
};

// The state of records [first, first + count) after the VM ran them in `ctx`.
void next_states(const Model& model, const TierRegisters& regs, vm::Context& ctx,
                 const Dataset& data, const PreviousRun& prev, std::int64_t run_date,
                 std::size_t first, std::size_t count, BatchState& out);

// Exit events for the customers of the previous state that the data no longer has.
void departures(const Model& model, const PreviousRun& prev, std::vector<TierChange>& out);

// The kind of move from tier `from` to tier `to` (-1: none); requires from != to.
ChangeKind change_kind(int from, int to);

}  // namespace strata::state
