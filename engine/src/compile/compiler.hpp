// Lowering of the checked model to bytecode.
//
// The compiler emits one Program per per-customer phase of the plan (plan/phases.hpp). Within a
// phase it emits, in order:
//   1. in the first phase, the event aggregates that depend only on fields, parameters and
//      literals, fused into one pass over the events per events table; later phases load the
//      ones they use from scratch columns the first phase fills;
//   2. lets and tierings in dependency order, each computed once over the whole batch;
//   3. requested outputs, explanation probes, and the values carried to later phases (the
//      arguments of statistics over all customers).
// Values computed under a narrowed selection (inside `if` branches, later tiers) are never
// cached, so a register read later always holds a value for every row that reads it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "check/model.hpp"
#include "plan/phases.hpp"
#include "vm/program.hpp"

namespace strata {

// The parameter index that stands for `today` in ParamSlot::param.
inline constexpr std::uint32_t kTodayParam = 0xFFFFFFFFu;

// Events of one table to mark per customer batch (Context::marks): those passing `filter`, or
// every event when it is null. Mark slot i is request.marks[i].
struct EventMark {
  std::uint32_t events = 0;
  const ast::Expr* filter = nullptr;
};

struct CompileRequest {
  bool all_tierings = true;
  std::vector<std::uint32_t> lets;       // lets to output (besides what tierings need)
  std::vector<const ast::Expr*> probes;  // sub-expressions to evaluate for explanations
  // Values for later phases: each expression is stored in the scratch column given.
  std::vector<std::pair<const ast::Expr*, std::uint32_t>> carries;
  // Also output every decision table's column values, cell tests and row results (explanations).
  bool explain_tables = false;
  std::vector<const ast::Expr*> extras;  // per-customer values a later stage reads (Kind::Extra)
  std::vector<EventMark> marks;
};

// An event aggregate the first phase computes and stores for later phases.
struct CarriedAggregate {
  const ast::Expr* call = nullptr;
  std::uint32_t column = 0;
};

// How one phase of a plan reaches the values of the others.
struct PhaseLinks {
  const plan::Phases* phases = nullptr;
  vm::Plan* plan = nullptr;  // statistics, and scratch columns (carried aggregates are added)
  std::uint32_t phase = 0;
  // By canonical text: filled by later phases (compiled first), read by the first phase.
  std::map<std::string, CarriedAggregate>* carried = nullptr;
};

// One per-customer phase. Without links, the rule set must use no statistics over all customers.
vm::Program compile_customer_phase(const Model& model, const CompileRequest& request,
                                   PhaseLinks* links = nullptr);

// Every phase of the rule set, with `request` answered by the last one.
vm::Plan compile_plan(const Model& model, const CompileRequest& request);

}  // namespace strata
