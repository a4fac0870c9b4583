// KPI tables by names (strata/kpi.hpp): rows of a run, and the deltas between two tables.
#include <map>

#include "strata/strata.hpp"

namespace strata {

std::vector<KpiRow> kpi_rows(const RuleSet& rules, const std::vector<KpiResult>& results) {
  std::vector<KpiRow> rows;
  for (const KpiResult& r : results) {
    const KpiInfo& info = rules.kpis()[r.kpi];
    const TieringInfo* by =
        info.by >= 0 ? &rules.tierings()[static_cast<std::size_t>(info.by)] : nullptr;
    for (const KpiGroupValue& g : r.groups) {
      KpiRow row;
      row.kpi = info.name;
      row.label = info.label;
      row.unit = info.unit;
      row.by = by ? by->name : std::string();
      if (g.tier >= 0 && by) {
        const TierInfo& tier = by->tiers[static_cast<std::size_t>(g.tier)];
        row.group = tier.id;
        row.group_label = tier.label;
      } else {
        row.group = g.tier == kNoTier ? "none" : "all";
        row.group_label = g.tier == kNoTier ? "no tier" : "all customers";
      }
      row.customers = g.customers;
      row.value = g.value;
      if (g.target >= 0) row.target = info.targets[static_cast<std::size_t>(g.target)].text;
      row.status = g.status;
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::vector<KpiDelta> compare_kpis(const std::vector<KpiRow>& before,
                                   const std::vector<KpiRow>& after) {
  std::map<std::pair<std::string, std::string>, const KpiRow*> old_rows;
  for (const KpiRow& r : before) old_rows.emplace(std::make_pair(r.kpi, r.group), &r);
  std::vector<KpiDelta> out;
  for (const KpiRow& r : after) {
    KpiDelta d;
    d.kpi = r.kpi;
    d.group = r.group;
    d.unit = r.unit;
    d.after = r.value;
    const auto it = old_rows.find({r.kpi, r.group});
    if (it == old_rows.end()) {
      d.only_after = true;
    } else {
      d.before = it->second->value;
      old_rows.erase(it);
      Decimal diff;
      if (d.before && d.after && Decimal::sub(*d.after, *d.before, diff)) d.delta = diff;
    }
    out.push_back(std::move(d));
  }
  for (const KpiRow& r : before) {
    if (old_rows.count({r.kpi, r.group}) == 0) continue;
    KpiDelta d;
    d.kpi = r.kpi;
    d.group = r.group;
    d.unit = r.unit;
    d.before = r.value;
    d.only_before = true;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace strata
