// What `strata kpi` writes: the KPI table per group with targets met or missed, for people (text),
// for spreadsheets (CSV, one row per KPI and group) and for programs (JSON), each optionally with
// the deltas against a previous table (`--compare`); and reading such a JSON table back.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "strata/strata.hpp"

namespace strata::cli {

struct KpiTable {
  std::vector<KpiRow> rows;
  std::string rules_hash;
  std::string as_of;         // the run's date
  std::string generated_at;  // local time of the run, ISO 8601
  // With --compare: per row, the delta against the previous table (same order as rows), and the
  // rows of the previous table that are gone.
  std::optional<std::vector<KpiDelta>> deltas;
  std::string compared_with;  // the previous table's file
};

std::string render_kpi_text(const KpiTable& table, bool color);
std::string render_kpi_csv(const KpiTable& table);
std::string render_kpi_json(const KpiTable& table);

// Reads a table written by render_kpi_json; nullopt with a reason when the text is not one.
std::optional<std::vector<KpiRow>> parse_kpi_json(const std::string& text, std::string& error);

// A table's rows pivoted per grouping (the order of first appearance): its KPIs, its groups (the
// customers without a tier only when there are some), and per group the row of each KPI (null
// when the KPI has none for it).
struct KpiPivot {
  std::string by;
  std::vector<const KpiRow*> kpis;    // the first row of each KPI
  std::vector<const KpiRow*> groups;  // the first row of each group
  std::vector<std::vector<const KpiRow*>> cells;
};
std::vector<KpiPivot> pivot_kpis(const std::vector<KpiRow>& rows);
// "净推荐值 (nps)"; "important_value 重要价值客户", "all customers", "no tier".
std::string kpi_title(const KpiRow& row);
std::string group_title(const KpiRow& row);

// "+1.25", "-0.5%", "0": a delta for people, in the KPI's unit; "—" for none.
std::string format_kpi_delta(const std::optional<Decimal>& delta, KpiUnit unit);

}  // namespace strata::cli
