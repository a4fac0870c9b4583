#include "report_html.hpp"

#include <fmt/format.h>

#include <map>

#include "report_svg.hpp"

namespace strata::cli {

namespace {

constexpr const char* kStyle = R"CSS(
body { font-family: "Noto Sans CJK SC", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 24px 40px; color: #1f2328; background: #fff; }
h1 { font-size: 24px; margin-bottom: 4px; }
h2 { font-size: 19px; margin-top: 32px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta { color: #59636e; font-size: 13px; }
table { border-collapse: collapse; font-size: 13px; margin: 6px 0 12px; }
th, td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: left; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.met { background: #dafbe1; color: #116329; }
td.missed { background: #ffebe9; color: #a40e26; }
td.novalue { background: #fff8c5; }
.charts { display: flex; flex-wrap: wrap; gap: 28px; }
svg.chart { max-width: 100%; height: auto; }
svg.chart text { font-size: 13px; fill: #1f2328; }
svg.chart text.axis { fill: #59636e; font-style: italic; }
svg.chart text.value { fill: #59636e; }
svg.chart text.count { font-size: 12px; }
.note { color: #59636e; font-size: 13px; }
)CSS";

std::string tier_name(const TieringInfo& t, int tier) {
  if (tier < 0) return "none";
  const TierInfo& info = t.tiers[static_cast<std::size_t>(tier)];
  return info.label.empty() ? info.id : info.id + " " + info.label;
}

// The tiers shown for a tiering: all of them, or only the top level when there are many.
std::vector<std::size_t> shown_tiers(const TieringInfo& t) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < t.tiers.size(); ++i) {
    if (t.tiers.size() <= 12 || t.tiers[i].depth == 0) out.push_back(i);
  }
  return out;
}

// The shown tier a customer's tier counts in (itself, or its top-level ancestor).
int shown_of(const TieringInfo& t, int tier) {
  if (tier < 0 || t.tiers.size() <= 12) return tier;
  while (t.tiers[static_cast<std::size_t>(tier)].parent >= 0) {
    tier = t.tiers[static_cast<std::size_t>(tier)].parent;
  }
  return tier;
}

std::string tier_charts(const EvaluatedRun& run, const ReportPage& page, std::size_t ti) {
  const TieringInfo& t = run.rules->tierings()[ti];
  const ResultColumn& col = run.result.tierings[ti];
  const std::size_t n = t.tiers.size();
  std::vector<std::uint64_t> customers(n + 1, 0);  // per exact tier, then none
  std::vector<Decimal> revenue(n + 1);
  for (std::size_t r = 0; r < col.present.size(); ++r) {
    const std::size_t slot = col.present[r] ? static_cast<std::size_t>(col.ints[r]) : n;
    ++customers[slot];
    if (const ResultColumn* rc = page.revenue_column; rc && rc->present[r]) {
      const Decimal v = rc->kind == ResultKind::Decimal ? Decimal::from_units(rc->decimals[r])
                                                        : Decimal::from_int(rc->ints[r]);
      Decimal sum;
      if (Decimal::add(revenue[slot], v, sum)) revenue[slot] = sum;
    }
  }
  std::vector<Bar> count_bars, revenue_bars;
  auto add = [&](const std::string& label, std::uint64_t c, Decimal rev, int indent) {
    count_bars.push_back({label, static_cast<double>(c), fmt::format("{}", c), indent});
    revenue_bars.push_back({label, rev.to_double(), format_kpi_value(rev, KpiUnit::Money), indent});
  };
  for (std::size_t i : shown_tiers(t)) {
    std::uint64_t c = 0;
    Decimal rev;
    for (std::size_t j = i; j < t.tiers[i].end; ++j) {
      c += customers[j];
      Decimal sum;
      if (Decimal::add(rev, revenue[j], sum)) rev = sum;
    }
    add(tier_name(t, static_cast<int>(i)), c, rev, static_cast<int>(t.tiers[i].depth));
  }
  if (customers[n] > 0) add("none (no tier)", customers[n], revenue[n], 0);
  const std::string title = t.label.empty() ? t.name : t.name + " " + t.label;
  std::string out = "<h3>" + xml_escape(title) + "</h3>\n<div class=\"charts\">\n";
  out += "<figure>" +
         bar_chart("chart-customers-" + t.name, "customers per tier of " + t.name, count_bars,
                   "#2f81f7") +
         "<figcaption class=\"note\">customers per tier</figcaption></figure>\n";
  if (page.revenue_column) {
    out += "<figure>" +
           bar_chart("chart-revenue-" + t.name, page.revenue + " per tier of " + t.name,
                     revenue_bars, "#1a7f37") +
           "<figcaption class=\"note\">" + xml_escape(page.revenue) +
           " per tier</figcaption></figure>\n";
  }
  return out + "</div>\n";
}

std::string migration(const EvaluatedRun& run, std::size_t ti) {
  const TieringInfo& t = run.rules->tierings()[ti];
  const std::string title = t.label.empty() ? t.name : t.name + " " + t.label;
  std::string out = "<h3>" + xml_escape(title) + "</h3>\n";
  if (!run.previous) {
    return out +
           "<p class=\"note\">no previous state was given (<code>--state</code>): this is "
           "a first run, so there is no migration to show</p>\n";
  }
  if (ti < run.previous->tiering_known.size() && !run.previous->tiering_known[ti]) {
    return out + "<p class=\"note\">the previous state has no history for this tiering</p>\n";
  }
  const std::vector<std::size_t> tiers = shown_tiers(t);
  std::map<int, std::size_t> index;  // shown tier -> row/column
  for (std::size_t i = 0; i < tiers.size(); ++i) index[static_cast<int>(tiers[i])] = i;
  const std::size_t none = tiers.size(), fresh = tiers.size() + 1, left = tiers.size() + 1;
  std::vector<std::vector<std::uint64_t>> counts(tiers.size() + 2,
                                                 std::vector<std::uint64_t>(tiers.size() + 2, 0));
  const ResultColumn& col = run.result.tierings[ti];
  std::vector<bool> seen(col.present.size(), false);
  for (const CustomerState& c : run.previous->customers) {
    const int before = ti < c.tiers.size() ? shown_of(t, c.tiers[ti].tier) : -1;
    const std::size_t from = before < 0 ? none : index[before];
    const auto row = run.data->find_key(c.key);
    if (!row) {
      ++counts[from][left];
      continue;
    }
    seen[*row] = true;
    const int now = col.present[*row] ? shown_of(t, static_cast<int>(col.ints[*row])) : -1;
    ++counts[from][now < 0 ? none : index[now]];
  }
  for (std::size_t r = 0; r < seen.size(); ++r) {
    if (seen[r]) continue;
    const int now = col.present[r] ? shown_of(t, static_cast<int>(col.ints[r])) : -1;
    ++counts[fresh][now < 0 ? none : index[now]];
  }
  std::vector<std::string> names;
  for (std::size_t i : tiers) names.push_back(t.tiers[i].id);
  std::vector<std::string> row_names = names, column_names = names;
  row_names.insert(row_names.end(), {"none", "new"});
  column_names.insert(column_names.end(), {"none", "left"});
  // Every tier is shown; `none`, `new` and `left` only when some customer is there.
  std::vector<std::size_t> keep_rows, keep_columns;
  for (std::size_t r = 0; r < row_names.size(); ++r) {
    bool any = r < tiers.size();
    for (std::uint64_t v : counts[r]) any = any || v > 0;
    if (any) keep_rows.push_back(r);
  }
  for (std::size_t c = 0; c < column_names.size(); ++c) {
    bool any = c < tiers.size();
    for (const auto& row : counts) any = any || row[c] > 0;
    if (any) keep_columns.push_back(c);
  }
  std::vector<std::string> rows, columns;
  std::vector<std::vector<std::uint64_t>> shown;
  for (std::size_t c : keep_columns) columns.push_back(column_names[c]);
  for (std::size_t r : keep_rows) {
    rows.push_back(row_names[r]);
    shown.emplace_back();
    for (std::size_t c : keep_columns) shown.back().push_back(counts[r][c]);
  }
  out += heat_map("chart-migration-" + t.name, "tier migration of " + t.name, rows, columns, shown,
                  "previous run", "this run");
  return out;
}

const char* status_class(TargetStatus s) {
  switch (s) {
    case TargetStatus::Met:
      return " class=\"num met\"";
    case TargetStatus::Missed:
      return " class=\"num missed\"";
    case TargetStatus::NoValue:
      return " class=\"num novalue\"";
    case TargetStatus::NoTarget:
      break;
  }
  return " class=\"num\"";
}

std::string kpi_cell(const KpiRow* r) {
  if (r == nullptr) return "<td></td>";
  std::string text = xml_escape(format_kpi_value(r->value, r->unit));
  if (!r->target.empty()) {
    text += "<br><small>" + xml_escape(r->target) + " " +
            std::string(target_status_name(r->status)) + "</small>";
  }
  return "<td" + std::string(status_class(r->status)) + ">" + text + "</td>";
}

// One table per grouping, rows for groups and columns for KPIs, as `strata kpi` prints them.
std::string kpi_section(const KpiTable& kpis) {
  if (kpis.rows.empty()) return "<p class=\"note\">the rule set declares no KPI</p>\n";
  std::string out;
  bool first = true;
  for (const KpiPivot& p : pivot_kpis(kpis.rows)) {
    out += "<h3>" + xml_escape(p.by.empty() ? "every customer" : "by " + p.by) + "</h3>\n";
    out += std::string("<table") + (first ? " id=\"kpis\"" : "") + ">";
    first = false;
    if (p.by.empty()) {
      out += "<tr><th>KPI</th><th>value</th></tr>\n";
      for (const KpiRow* r : p.kpis) {
        out += "<tr><td>" + xml_escape(kpi_title(*r)) + "</td>" + kpi_cell(r) + "</tr>\n";
      }
      out += "</table>\n";
      continue;
    }
    out += "<tr><th>group</th><th>customers</th>";
    for (const KpiRow* k : p.kpis) out += "<th>" + xml_escape(kpi_title(*k)) + "</th>";
    out += "</tr>\n";
    for (std::size_t l = 0; l < p.groups.size(); ++l) {
      out += "<tr><td>" + xml_escape(group_title(*p.groups[l])) + "</td><td class=\"num\">" +
             std::to_string(p.groups[l]->customers) + "</td>";
      for (const KpiRow* r : p.cells[l]) out += kpi_cell(r);
      out += "</tr>\n";
    }
    out += "</table>\n";
  }
  return out;
}

std::string sop_section(const EvaluatedRun& run) {
  const RuleSet& rules = *run.rules;
  if (rules.sops().empty()) return "<p class=\"note\">the rule set declares no SOP</p>\n";
  std::string out;
  for (std::size_t s = 0; s < rules.sops().size(); ++s) {
    const SopInfo& sop = rules.sops()[s];
    std::vector<Bar> bars;
    std::string rows;
    for (const SopCompliance& c : run.result.compliance) {
      if (c.sop != s) continue;
      const std::string group =
          c.tiering < 0
              ? std::string("all customers")
              : rules.tierings()[static_cast<std::size_t>(c.tiering)].name + "." +
                    tier_name(rules.tierings()[static_cast<std::size_t>(c.tiering)], c.tier);
      Decimal share;
      const bool any =
          c.customers > 0 &&
          Decimal::div(Decimal::from_int(static_cast<std::int64_t>(c.compliant)),
                       Decimal::from_int(static_cast<std::int64_t>(c.customers)), share);
      const std::string text = any ? format_kpi_value(share, KpiUnit::Percent) : "—";
      bars.push_back({group, any ? share.to_double() : 0, text, 0});
      rows += "<tr><td>" + xml_escape(group) + "</td><td class=\"num\">" +
              std::to_string(c.customers) + "</td><td class=\"num\">" +
              std::to_string(c.compliant) + "</td><td class=\"num\">" + xml_escape(text) +
              "</td></tr>\n";
    }
    const std::string title = sop.label.empty() ? sop.name : sop.name + " " + sop.label;
    out += "<h3>" + xml_escape(title) + "</h3>\n<div class=\"charts\"><figure>" +
           bar_chart("chart-sop-" + sop.name, "compliance with " + sop.name, bars, "#8250df") +
           "<figcaption class=\"note\">share of customers meeting every obligation</figcaption>"
           "</figure>\n<table><tr><th>tier</th><th>customers</th><th>compliant</th><th>share</th>"
           "</tr>\n" +
           rows + "</table></div>\n";
  }
  return out;
}

std::string parameters(const EvaluatedRun& run, const ReportPage& page) {
  std::string out = "<table id=\"parameters\"><tr><th>parameter</th><th>value</th></tr>\n";
  for (const ParamInfo& p : run.rules->params()) {
    const auto given = run.options.params.find(p.name);
    const std::string value = given != run.options.params.end()
                                  ? given->second
                                  : p.default_value.value_or("") + " (default)";
    out += "<tr><td>" + xml_escape(p.name) + "</td><td>" + xml_escape(value) + "</td></tr>\n";
  }
  out += "</table>\n<table id=\"run\"><tr><th>rule set</th><td>" + xml_escape(page.rules) +
         "</td></tr><tr><th>rule-set hash</th><td><code>" + xml_escape(run.rules->hash()) +
         "</code></td></tr><tr><th>data</th><td>" + xml_escape(page.data) +
         "</td></tr><tr><th>previous state</th><td>" +
         xml_escape(page.state.empty() ? "none (a first run)" : page.state) +
         "</td></tr><tr><th>as of</th><td>" + xml_escape(run_date_text(run.result)) +
         "</td></tr><tr><th>run at</th><td>" + xml_escape(run.started_at) + "</td></tr>" +
         "<tr><th>customers</th><td>" + std::to_string(run.data->size()) + "</td></tr></table>\n";
  return out;
}

}  // namespace

std::string render_report(const EvaluatedRun& run, const KpiTable& kpis, const ReportPage& page) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      xml_escape(page.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<h1>" + xml_escape(page.title) + "</h1>\n<p class=\"meta\">as of " +
         xml_escape(run_date_text(run.result)) + " · " + std::to_string(run.data->size()) +
         " customers · rule set <code>" + xml_escape(run.rules->hash()) + "</code> · run at " +
         xml_escape(run.started_at) + "</p>\n";
  out += "<h2>Customers and revenue per tier 客户与收入分布</h2>\n";
  if (!page.revenue_column) {
    out +=
        "<p class=\"note\">no revenue: the rule set has no let `monetary` (choose one with "
        "<code>--revenue</code>)</p>\n";
  }
  for (std::size_t t = 0; t < run.rules->tierings().size(); ++t) out += tier_charts(run, page, t);
  out += "<h2>Tier migration since the previous run 客户迁移</h2>\n";
  for (std::size_t t = 0; t < run.rules->tierings().size(); ++t) out += migration(run, t);
  out += "<h2>KPIs 关键指标</h2>\n" + kpi_section(kpis);
  out += "<h2>SOP compliance per tier 服务达标</h2>\n" + sop_section(run);
  out += "<h2>Run 运行参数</h2>\n" + parameters(run, page);
  return out + "</body>\n</html>\n";
}

}  // namespace strata::cli
