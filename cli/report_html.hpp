// The page of `strata report`: one self-contained HTML file (UTF-8, inline CSS and SVG, no script)
// with customers and revenue per tier, the tier migration matrix since the previous run, the KPI
// table with targets coloured, SOP compliance per tier, and the run's parameters, rule-set hash
// and time.
#pragma once

#include <string>
#include <vector>

#include "evaluated_run.hpp"
#include "kpi_output.hpp"

namespace strata::cli {

struct ReportPage {
  std::string title;
  std::string rules;    // the rule files as given
  std::string data;     // the record file
  std::string state;    // the previous state's file; empty for none
  std::string revenue;  // the let summed as revenue; empty for none
  const ResultColumn* revenue_column = nullptr;
};

std::string render_report(const EvaluatedRun& run, const KpiTable& kpis, const ReportPage& page);

}  // namespace strata::cli
