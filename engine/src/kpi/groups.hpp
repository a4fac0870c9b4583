// The groups of a KPI and the aggregates over them.
//
// A grouping orders the customers by their tier of the `by` tiering (a counting sort by tier
// index). Tiers are listed in pre-order, so the customers of a tier and of all its sub-tiers are
// one contiguous range of that order, as are every customer (the whole order) and the customers
// without a tier (at its end). Each input column is gathered into the grouping's order once; an
// aggregate over a group is then the same computation as a statistic over all customers
// (population/argument.hpp) on that range — the same exact sums, averages, percentiles and
// standard deviations, rounded the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "kpi/columns.hpp"
#include "kpi/plan.hpp"
#include "strata/strata.hpp"

namespace strata::kpi {

// Per customer and SOP (and a last entry for every SOP at once): whether the customer is under
// it, and whether it meets every obligation of it (none overdue or violated).
struct ComplianceColumns {
  std::vector<std::vector<std::uint8_t>> under;
  std::vector<std::vector<std::uint8_t>> compliant;
};
ComplianceColumns compliance_columns(const std::vector<ObligationResult>& results,
                                     const std::vector<ObligationInfo>& obligations,
                                     std::size_t sops, std::size_t rows);

struct Grouping {
  int tiering = -1;                     // -1: every customer only
  std::vector<std::uint32_t> order;     // rows in group order; empty: the data order
  std::vector<std::size_t> begin, end;  // per group: its range of the order
  std::vector<int> tier;                // per group: kAllCustomers, a tier index, or kNoTier
  std::size_t size(std::size_t group) const { return end[group] - begin[group]; }
};

// `tiers`: the run's result column of the tiering (null for every customer only).
Grouping make_grouping(const Model& model, int tiering, const ResultColumn* tiers,
                       std::size_t rows);

class Aggregator {
 public:
  // `every_customer`: per aggregate, its value over every customer once known; shared by the
  // aggregators of all groupings, since that group is the same in each.
  Aggregator(const Plan& plan, const Columns& columns, const ComplianceColumns& compliance,
             const Grouping& grouping,
             std::vector<std::optional<std::optional<Decimal>>>& every_customer);
  // The value of aggregate `a` over group `g` (none when it has nothing to aggregate); an error
  // when a sum or product does not fit.
  std::optional<vm::EvalError> value(std::uint32_t a, std::size_t g, std::optional<Decimal>& out);

 private:
  std::optional<vm::EvalError> compute(std::uint32_t a, std::size_t g, std::optional<Decimal>& out);
  const Column& gathered(std::uint32_t input);

  const Plan& plan_;
  const Columns& columns_;
  const ComplianceColumns& compliance_;
  const Grouping& grouping_;
  std::vector<std::optional<Column>> gathered_;  // per input, in the grouping's order
  std::vector<std::optional<std::optional<Decimal>>>& every_customer_;
  std::vector<std::vector<std::optional<std::optional<Decimal>>>> memo_;  // [aggregate][group]
};

}  // namespace strata::kpi
