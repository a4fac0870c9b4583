// Computing the KPI table of a run: every KPI's formula for every group of its `by` tiering,
// with the targets that apply.
//
// The aggregates come from kpi/groups.hpp; what remains per group is a handful of exact decimal
// operations, so the formula at the group level is interpreted directly over the checked AST
// (arithmetic, comparisons, `if`, `??`, the numeric built-ins, other KPIs and params). Division by
// zero and arithmetic on none give none, as in rules; an overflow is an evaluation error.
#pragma once

#include <vector>

#include "kpi/columns.hpp"
#include "kpi/plan.hpp"
#include "strata/strata.hpp"
#include "vm/context.hpp"

namespace strata::kpi {

struct RunInputs {
  const std::vector<ResultColumn>* tierings = nullptr;  // the run's tier of each customer
  const std::vector<ObligationResult>* obligations = nullptr;
  const std::vector<ObligationInfo>* obligation_info = nullptr;
  const std::vector<vm::ParamValue>* params = nullptr;
};

// Describes the KPIs of a model for the public API (RuleSet::kpis()).
std::vector<KpiInfo> describe(const Model& model);

// Fills `out` with one result per KPI, in declaration order; false (with diagnostics) on an
// overflow.
bool compute(const Model& model, const Plan& plan, const std::vector<KpiInfo>& info,
             const Columns& columns, const RunInputs& run, std::vector<KpiResult>& out,
             Diagnostics& diags);

}  // namespace strata::kpi
