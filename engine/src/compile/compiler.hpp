// Lowering of the checked model to bytecode.
//
// The compiler emits one Program per phase. Within the per-customer phase it emits, in order:
//   1. the event aggregates that depend only on fields, parameters and literals, fused into one
//      pass over the events per events table (phase 1 of ARCHITECTURE.md);
//   2. lets and tierings in dependency order, each computed once over the whole batch;
//   3. requested outputs and explanation probes.
// Values computed under a narrowed selection (inside `if` branches, later tiers) are never
// cached, so a register read later always holds a value for every row that reads it.
#pragma once

#include <cstdint>
#include <vector>

#include "check/model.hpp"
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
  // Also output every decision table's column values, cell tests and row results (explanations).
  bool explain_tables = false;
  std::vector<const ast::Expr*> extras;  // per-customer values a later stage reads (Kind::Extra)
  std::vector<EventMark> marks;
};

vm::Program compile_customer_phase(const Model& model, const CompileRequest& request);

}  // namespace strata
