// The impact of a rule change: two versions of a rule set evaluated on the same customers.
//
// diff_rule_sets runs both versions (each on the data loaded for its own schema) and reports, per
// tiering matched by name, the migration matrix (customers per old tier x new tier, `none`
// included), how many customers move, and a deterministic sample of moved customers — the first
// N by key — with how each version decided (the chosen tier and the value of each term, from
// RuleSet::explain). A tiering that exists in one version only is reported as added or removed
// with its counts. Customers are matched by key. When either version has KPIs, both are run with
// them and the report holds each KPI's value per group in both versions, matched by name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "strata/strata.hpp"

namespace strata {

struct DiffOptions {
  RunOptions old_options;  // params and today for each version
  RunOptions new_options;
  std::size_t sample = 10;  // moved customers to explain per tiering
};

struct MovedCustomer {
  std::string key;
  std::string from;  // tier id, or "none"
  std::string to;
  std::optional<TieringExplanation> old_decision;
  std::optional<TieringExplanation> new_decision;
};

enum class TieringPresence : std::uint8_t { Both, OnlyOld, OnlyNew };

struct TieringDiff {
  std::string name;
  std::string label;
  TieringPresence presence = TieringPresence::Both;
  std::optional<std::size_t> old_index;  // into each version's tierings()
  std::optional<std::size_t> new_index;
  std::vector<std::string> from_tiers;  // the old version's tier ids, then "none"
  std::vector<std::string> to_tiers;    // the new version's, then "none"
  // Both: matrix[from][to] customers. One version only: its counts per tier, in `counts`.
  std::vector<std::vector<std::uint64_t>> matrix;
  std::vector<std::uint64_t> counts;
  std::uint64_t moved = 0;  // customers whose tier id differs
  std::vector<MovedCustomer> sample;
};

struct DiffReport {
  std::uint64_t customers = 0;
  std::uint64_t moved = 0;  // customers that move in at least one tiering of both versions
  std::vector<TieringDiff> tierings;  // the new version's order, then removed tierings
  // KPI values of both versions by KPI and group (compare_kpis): empty when neither has KPIs.
  std::vector<KpiDelta> kpis;
  std::vector<KpiRow> new_kpis;  // the new version's table, for labels and targets
};

// Both datasets must hold the same customers (the same files loaded for each version's schema);
// a key missing from one of them is an error (E0604).
std::optional<DiffReport> diff_rule_sets(const RuleSet& old_rules, const Dataset& old_data,
                                         const RuleSet& new_rules, const Dataset& new_data,
                                         const DiffOptions& options, Diagnostics& diags);

}  // namespace strata
