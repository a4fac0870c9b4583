// KPI units, value text and targets (strata/kpi.hpp): how a KPI's exact value is shown.
//
// Display rounds half away from zero, as decimals do everywhere (docs/decimal.md): money, days
// and scores to 2 places, percentages to 2 places of the percentage, counts to whole numbers.
// Machine forms (CSV, JSON) carry the exact value.
#include <array>

#include "strata/kpi.hpp"

namespace strata {

namespace {

constexpr std::array<std::pair<KpiUnit, std::string_view>, 6> kUnits = {{
    {KpiUnit::Number, "number"},
    {KpiUnit::Count, "count"},
    {KpiUnit::Money, "money"},
    {KpiUnit::Percent, "percent"},
    {KpiUnit::Days, "days"},
    {KpiUnit::Score, "score"},
}};

std::string rounded(Decimal v, int places, int min_places) {
  Decimal r;
  if (!Decimal::round(v, places, r)) r = v;
  return r.to_display(min_places);
}

}  // namespace

std::string_view kpi_unit_name(KpiUnit unit) {
  for (const auto& [u, name] : kUnits) {
    if (u == unit) return name;
  }
  return "number";
}

std::optional<KpiUnit> kpi_unit_from_name(std::string_view name) {
  for (const auto& [u, text] : kUnits) {
    if (text == name) return u;
  }
  return std::nullopt;
}

std::string format_kpi_value(const std::optional<Decimal>& value, KpiUnit unit) {
  if (!value) return "—";
  switch (unit) {
    case KpiUnit::Count:
      return rounded(*value, 0, 0);
    case KpiUnit::Percent: {
      Decimal hundredfold;
      if (!Decimal::mul(*value, Decimal::from_int(100), hundredfold)) return value->to_string();
      return rounded(hundredfold, 2, 2) + "%";
    }
    case KpiUnit::Days:
      return rounded(*value, 2, 0) + " d";
    case KpiUnit::Money:
      return rounded(*value, 2, 2);
    case KpiUnit::Score:
    case KpiUnit::Number:
      return rounded(*value, 2, 0);
  }
  return value->to_string();
}

std::string kpi_value_text(const std::optional<Decimal>& value) {
  return value ? value->to_string() : std::string();
}

std::string_view target_status_name(TargetStatus status) {
  switch (status) {
    case TargetStatus::NoTarget:
      return "none";
    case TargetStatus::Met:
      return "met";
    case TargetStatus::Missed:
      return "missed";
    case TargetStatus::NoValue:
      return "no_value";
  }
  return "none";
}

bool meets_target(const Decimal& value, const KpiTargetInfo& target) {
  const std::string& op = target.op;
  if (op == ">=") return value >= target.value;
  if (op == ">") return value > target.value;
  if (op == "<=") return value <= target.value;
  if (op == "<") return value < target.value;
  if (op == "==") return value == target.value;
  return value != target.value;
}

}  // namespace strata
