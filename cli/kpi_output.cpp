#include "kpi_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace strata::cli {

namespace {

const char* kGreen = "\033[32m";
const char* kRed = "\033[31m";
const char* kReset = "\033[0m";

std::string pad(const std::string& text, std::size_t width, bool right) {
  const std::size_t w = display_width(text);
  if (w >= width) return text;
  const std::string fill(width - w, ' ');
  return right ? fill + text : text + fill;
}

// A row's delta, found by KPI and group.
const KpiDelta* delta_of(const KpiTable& t, const KpiRow& row) {
  if (!t.deltas) return nullptr;
  for (const KpiDelta& d : *t.deltas) {
    if (d.kpi == row.kpi && d.group == row.group) return &d;
  }
  return nullptr;
}

std::string status_mark(TargetStatus s) {
  switch (s) {
    case TargetStatus::Met:
      return "✓";
    case TargetStatus::Missed:
      return "✗";
    case TargetStatus::NoValue:
      return "?";
    case TargetStatus::NoTarget:
      break;
  }
  return "";
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::optional<Decimal> decimal_field(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  if (!j[key].is_string()) return std::nullopt;
  return Decimal::parse(j[key].get<std::string>());
}

}  // namespace

std::string format_kpi_delta(const std::optional<Decimal>& delta, KpiUnit unit) {
  if (!delta) return "—";
  std::string text = format_kpi_value(delta, unit == KpiUnit::Count ? KpiUnit::Number : unit);
  if (unit == KpiUnit::Percent) text = text.substr(0, text.size() - 1) + " pp";
  if (*delta > Decimal()) text = "+" + text;
  return text;
}

namespace {

// Lines of cells with a target status each, aligned in columns (CJK text counts double).
struct Grid {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> lines;
  std::vector<std::vector<TargetStatus>> marks;
};

std::string render_grid(const Grid& g, bool color) {
  std::vector<std::size_t> width(g.header.size(), 0);
  for (std::size_t c = 0; c < g.header.size(); ++c) width[c] = display_width(g.header[c]);
  for (const auto& line : g.lines) {
    for (std::size_t c = 0; c < line.size(); ++c) {
      width[c] = std::max(width[c], display_width(line[c]));
    }
  }
  std::string out;
  for (std::size_t c = 0; c < g.header.size(); ++c) {
    out += "  " + pad(g.header[c], width[c], c > 0);
  }
  out += "\n";
  for (std::size_t l = 0; l < g.lines.size(); ++l) {
    for (std::size_t c = 0; c < g.lines[l].size(); ++c) {
      std::string text = pad(g.lines[l][c], width[c], c > 0);
      if (color && g.marks[l][c] == TargetStatus::Met) text = kGreen + text + kReset;
      if (color && g.marks[l][c] == TargetStatus::Missed) text = kRed + text + kReset;
      out += "  " + text;
    }
    out += "\n";
  }
  return out + "\n";
}

// A value with its target and its change: "42.50% ✓ >= 40% (+1.20 pp)".
std::string cell_text(const KpiTable& t, const KpiRow& r) {
  std::string text = format_kpi_value(r.value, r.unit);
  if (!r.target.empty()) text += " " + status_mark(r.status) + " " + r.target;
  if (const KpiDelta* d = delta_of(t, r)) {
    text += " (" + (d->only_after ? std::string("new") : format_kpi_delta(d->delta, r.unit)) + ")";
  }
  return text;
}

}  // namespace

std::vector<KpiPivot> pivot_kpis(const std::vector<KpiRow>& rows) {
  std::vector<KpiPivot> out;
  auto pivot_of = [&](const std::string& by) -> KpiPivot& {
    for (KpiPivot& p : out) {
      if (p.by == by) return p;
    }
    out.push_back(KpiPivot{by, {}, {}, {}});
    return out.back();
  };
  for (const KpiRow& r : rows) {
    KpiPivot& p = pivot_of(r.by);
    auto k = std::find_if(p.kpis.begin(), p.kpis.end(),
                          [&](const KpiRow* x) { return x->kpi == r.kpi; });
    const std::size_t column = static_cast<std::size_t>(k - p.kpis.begin());
    if (k == p.kpis.end()) p.kpis.push_back(&r);
    // The customers without a tier are shown only when there are some.
    if (r.group == "none" && r.customers == 0) continue;
    auto g = std::find_if(p.groups.begin(), p.groups.end(),
                          [&](const KpiRow* x) { return x->group == r.group; });
    const std::size_t line = static_cast<std::size_t>(g - p.groups.begin());
    if (g == p.groups.end()) {
      p.groups.push_back(&r);
      p.cells.emplace_back();
    }
    if (p.cells[line].size() <= column) p.cells[line].resize(column + 1, nullptr);
    p.cells[line][column] = &r;
  }
  for (KpiPivot& p : out) {
    for (auto& line : p.cells) line.resize(p.kpis.size(), nullptr);
  }
  return out;
}

std::string kpi_title(const KpiRow& r) {
  return r.label.empty() ? r.kpi : r.label + " (" + r.kpi + ")";
}

std::string group_title(const KpiRow& r) {
  if (r.group == "all") return "all customers";
  if (r.group == "none") return "no tier";
  return r.group_label.empty() || r.group_label == r.group ? r.group
                                                           : r.group + " " + r.group_label;
}

std::string render_kpi_text(const KpiTable& t, bool color) {
  std::string out;
  // One table per grouping, in the order KPIs are declared: rows are groups, columns KPIs. KPIs
  // over every customer only are listed one per line.
  std::size_t met = 0, missed = 0, no_value = 0;
  for (const KpiRow& r : t.rows) {
    met += r.status == TargetStatus::Met;
    missed += r.status == TargetStatus::Missed;
    no_value += r.status == TargetStatus::NoValue;
  }
  for (const KpiPivot& p : pivot_kpis(t.rows)) {
    Grid grid;
    if (p.by.empty()) {
      out += "KPIs over every customer\n";
      grid.header = {"KPI", "value"};
      for (const KpiRow* r : p.kpis) {
        grid.lines.push_back({kpi_title(*r), cell_text(t, *r)});
        grid.marks.push_back({TargetStatus::NoTarget, r->status});
      }
      out += render_grid(grid, color);
      continue;
    }
    out += "KPIs by " + p.by + "\n";
    grid.header = {"group", "customers"};
    for (const KpiRow* k : p.kpis) grid.header.push_back(kpi_title(*k));
    for (std::size_t l = 0; l < p.groups.size(); ++l) {
      const KpiRow& head = *p.groups[l];
      std::vector<std::string> line{
          group_title(head),
          format_kpi_value(Decimal::from_int(static_cast<std::int64_t>(head.customers)),
                           KpiUnit::Count)};
      std::vector<TargetStatus> marks{TargetStatus::NoTarget, TargetStatus::NoTarget};
      for (const KpiRow* r : p.cells[l]) {
        line.push_back(r ? cell_text(t, *r) : std::string());
        marks.push_back(r ? r->status : TargetStatus::NoTarget);
      }
      grid.lines.push_back(std::move(line));
      grid.marks.push_back(std::move(marks));
    }
    out += render_grid(grid, color);
  }
  out += fmt::format("targets: {} met, {} missed", met, missed);
  if (no_value) out += fmt::format(", {} without a value", no_value);
  if (t.deltas) out += "; changes since " + t.compared_with;
  out += "\n";
  if (t.deltas) {
    for (const KpiDelta& d : *t.deltas) {
      if (d.only_before) out += "  gone since then: " + d.kpi + " for " + d.group + "\n";
    }
  }
  return out;
}

std::string render_kpi_csv(const KpiTable& t) {
  std::string out = "kpi,label,unit,by,group,group_label,customers,value,target,status";
  if (t.deltas) out += ",previous,delta";
  out += "\n";
  for (const KpiRow& r : t.rows) {
    out += csv_field(r.kpi) + "," + csv_field(r.label) + "," + std::string(kpi_unit_name(r.unit)) +
           "," + csv_field(r.by) + "," + csv_field(r.group) + "," + csv_field(r.group_label) + "," +
           std::to_string(r.customers) + "," + kpi_value_text(r.value) + "," + csv_field(r.target) +
           "," + std::string(target_status_name(r.status));
    if (t.deltas) {
      const KpiDelta* d = delta_of(t, r);
      out += "," + (d ? kpi_value_text(d->before) : "") + "," + (d ? kpi_value_text(d->delta) : "");
    }
    out += "\n";
  }
  return out;
}

std::string render_kpi_json(const KpiTable& t) {
  nlohmann::ordered_json j;
  j["strata_kpis"] = 1;
  j["rules_hash"] = t.rules_hash;
  j["as_of"] = t.as_of;
  j["generated_at"] = t.generated_at;
  if (t.deltas) j["compared_with"] = t.compared_with;
  j["rows"] = nlohmann::json::array();
  auto text_or_null = [](const std::optional<Decimal>& v) {
    return v ? nlohmann::ordered_json(v->to_string()) : nlohmann::ordered_json(nullptr);
  };
  for (const KpiRow& r : t.rows) {
    nlohmann::ordered_json row;
    row["kpi"] = r.kpi;
    row["label"] = r.label;
    row["unit"] = std::string(kpi_unit_name(r.unit));
    row["by"] = r.by.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.by);
    row["group"] = r.group;
    row["group_label"] = r.group_label;
    row["customers"] = r.customers;
    row["value"] = text_or_null(r.value);
    row["display"] = format_kpi_value(r.value, r.unit);
    row["target"] =
        r.target.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.target);
    row["status"] = std::string(target_status_name(r.status));
    if (t.deltas) {
      const KpiDelta* d = delta_of(t, r);
      row["previous"] = d ? text_or_null(d->before) : nlohmann::ordered_json(nullptr);
      row["delta"] = d ? text_or_null(d->delta) : nlohmann::ordered_json(nullptr);
    }
    j["rows"].push_back(std::move(row));
  }
  if (t.deltas) {
    j["gone"] = nlohmann::json::array();
    for (const KpiDelta& d : *t.deltas) {
      if (!d.only_before) continue;
      j["gone"].push_back(
          {{"kpi", d.kpi}, {"group", d.group}, {"previous", text_or_null(d.before)}});
    }
  }
  return j.dump(2) + "\n";
}

std::optional<std::vector<KpiRow>> parse_kpi_json(const std::string& text, std::string& error) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("strata_kpis") || !j.contains("rows") ||
      !j["rows"].is_array()) {
    error = "is not a KPI table written by `strata kpi --format json`";
    return std::nullopt;
  }
  std::vector<KpiRow> rows;
  std::size_t index = 0;
  for (const nlohmann::json& r : j["rows"]) {
    ++index;
    if (!r.is_object() || !r.contains("kpi") || !r["kpi"].is_string() || !r.contains("group") ||
        !r["group"].is_string()) {
      error = fmt::format("row {} has no `kpi` and `group`", index);
      return std::nullopt;
    }
    KpiRow row;
    row.kpi = r["kpi"].get<std::string>();
    row.group = r["group"].get<std::string>();
    if (r.contains("unit") && r["unit"].is_string()) {
      row.unit = kpi_unit_from_name(r["unit"].get<std::string>()).value_or(KpiUnit::Number);
    }
    if (r.contains("value") && !r["value"].is_null()) {
      row.value = decimal_field(r, "value");
      if (!row.value) {
        error = fmt::format("row {} ({} for {}) has a value that is not an exact decimal", index,
                            row.kpi, row.group);
        return std::nullopt;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace strata::cli
