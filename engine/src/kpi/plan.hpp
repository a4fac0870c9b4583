// What computing a rule set's KPIs needs from a run: the per-customer inputs of every aggregate
// in a KPI's formula, and the aggregates themselves.
//
// Following the run's architecture (ARCHITECTURE.md), the inputs — `nps >= 9` in
// `count(nps >= 9)`, `monetary` in `sum(monetary)` — are compiled into the run's last phase as
// extra outputs (compile/compiler.hpp), so they are evaluated by the VM over the same batches as
// the tierings, and kept as columns. After the run, the aggregates run over those columns, group
// by group (kpi/evaluate.hpp). Inputs with the same canonical text are computed once, and so is
// the same aggregate of the same input written in several places.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "check/model.hpp"
#include "compile/compiler.hpp"
#include "vm/program.hpp"

namespace strata::kpi {

struct Input {
  const ast::Expr* expr = nullptr;  // where it is first written
  Type type;
};

struct Aggregate {
  const ast::Expr* call = nullptr;
  BuiltinId builtin = BuiltinId::Count;
  vm::StatKind kind = vm::StatKind::Count;  // Count, Sum, Avg, Min, Max, Stddev, Percentile
  std::optional<std::uint32_t> input;       // none: count() of the group's customers
  Decimal::Rep fraction = 0;                // percentile (median: 0.5)
  std::optional<std::uint32_t> sop;         // compliance(sop); none with compliance(): every SOP
};

struct Plan {
  std::vector<Input> inputs;
  std::vector<Aggregate> aggregates;
  std::unordered_map<ast::ExprId, std::uint32_t> aggregate_of_call;
  // Per KPI: the aggregates its value reads, through other KPIs too.
  std::vector<std::vector<std::uint32_t>> reads;
  bool empty() const { return reads.empty(); }
};

Plan make_plan(const Model& model);

// Appends the plan's inputs to a compile request; returns the extra number of the first.
std::size_t add_to_request(const Plan& plan, CompileRequest& request);

}  // namespace strata::kpi
