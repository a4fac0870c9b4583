// KPIs: what a rule set measures, and the table a run computes from it.
//
// A KPI (`kpi nps "净推荐值" by rfm = ... target >= 40 for important_value`) is one exact decimal
// per group of customers: each tier of its `by` tiering (a tier with sub-tiers covers them all),
// the customers without a tier when the tiering can leave some, and every customer. Aggregates in
// the formula run over the group's customers, `total(...)` over every customer. A value is none
// when the group gives nothing to compute it from (an empty group, a division by zero): it is
// shown as "—" and meets no target. RunOptions::kpis asks a run for the table (RunResult::kpis);
// docs/kpi.md describes the language and the outputs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/decimal.hpp"

namespace strata {

class RuleSet;

// What a KPI's number is, for display and for comparing two runs: inferred from the formula
// (count(...) is a count, a ratio of counts a percent, a sum of money money) or declared with
// `unit NAME`.
enum class KpiUnit : std::uint8_t {
  Number,   // a plain number: "3.25"
  Count,    // customers: "1,204"
  Money,    // "23,410.50"
  Percent,  // a share stored as a fraction: 0.425 shows as "42.50%"
  Days,     // "12.5 d"
  Score,    // points on a scale of the KPI's own, such as NPS (-100..100): "42.5"
};
std::string_view kpi_unit_name(KpiUnit unit);
std::optional<KpiUnit> kpi_unit_from_name(std::string_view name);
// The value for people, in its unit; "—" for none.
std::string format_kpi_value(const std::optional<Decimal>& value, KpiUnit unit);
// The value as plain exact text for machines ("0.425", "-3"); empty for none.
std::string kpi_value_text(const std::optional<Decimal>& value);

enum class TargetStatus : std::uint8_t {
  NoTarget,  // no target applies to this group
  Met,
  Missed,
  NoValue,  // a target applies, but the value is none
};
std::string_view target_status_name(TargetStatus status);

struct KpiTargetInfo {
  std::string op;  // ">=", "<", ...
  Decimal value;
  bool percent = false;  // written as a percentage (95%)
  std::vector<int>
      tiers;         // the tiers it is for (indices into the `by` tiering); empty: every group
  std::string text;  // as people read it: ">= 40", ">= 95%"
};

struct KpiInfo {
  std::string name;
  std::string label;
  KpiUnit unit = KpiUnit::Number;
  int by = -1;          // the tiering grouping it (RuleSet::tierings()); -1: every customer only
  std::string formula;  // as written
  std::vector<KpiTargetInfo> targets;
};

// Group ids in KpiGroupValue::tier besides tier indices.
inline constexpr int kAllCustomers = -1;
inline constexpr int kNoTier = -2;

struct KpiGroupValue {
  int tier = kAllCustomers;  // a tier of the KPI's `by` tiering, kAllCustomers or kNoTier
  std::uint64_t customers = 0;
  std::optional<Decimal> value;
  int target = -1;  // index into KpiInfo::targets of the target that applies; -1: none
  TargetStatus status = TargetStatus::NoTarget;
};

struct KpiResult {
  std::size_t kpi = 0;                // index into RuleSet::kpis()
  std::vector<KpiGroupValue> groups;  // every customer first, then the tiers in order, no tier
};

// Whether `value` meets `target`.
bool meets_target(const Decimal& value, const KpiTargetInfo& target);

// ---- comparing runs -----------------------------------------------------------------------------

// One KPI for one group, by names: the form in which two runs (or two versions of a rule set)
// are compared, and in which `strata kpi --format json` writes a table. A group is a tier id,
// `all` (every customer) or `none` (no tier) — both keywords, so never a tier's id.
struct KpiRow {
  std::string kpi;
  std::string label;
  KpiUnit unit = KpiUnit::Number;
  std::string by;  // the tiering's name; empty for every customer only
  std::string group;
  std::string group_label;
  std::uint64_t customers = 0;
  std::optional<Decimal> value;
  std::string target;  // ">= 40"; empty when none applies
  TargetStatus status = TargetStatus::NoTarget;
};

struct KpiDelta {
  std::string kpi;
  std::string group;
  KpiUnit unit = KpiUnit::Number;
  std::optional<Decimal> before, after;
  std::optional<Decimal> delta;  // after - before, when both are numbers
  bool only_before = false;      // the KPI or group is gone
  bool only_after = false;       // new
};

// The rows of a run's KPI table (RunResult::kpis of `rules`), in order.
std::vector<KpiRow> kpi_rows(const RuleSet& rules, const std::vector<KpiResult>& results);
// Matches rows by KPI and group: the rows of `after` in order, then those only in `before`.
std::vector<KpiDelta> compare_kpis(const std::vector<KpiRow>& before,
                                   const std::vector<KpiRow>& after);

}  // namespace strata
