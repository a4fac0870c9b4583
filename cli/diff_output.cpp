#include "diff_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "explain_text.hpp"
#include "kpi_output.hpp"

namespace strata::cli {

std::string percent_text(std::uint64_t n, std::uint64_t d) {
  if (d == 0) return "0.00";
  const Decimal::Rep scaled = Decimal::Rep(n) * 10000 / Decimal::Rep(d);  // rounded down
  return fmt::format("{}.{:02}", static_cast<std::uint64_t>(scaled / 100),
                     static_cast<std::uint64_t>(scaled % 100));
}

namespace {

std::string title(const TieringDiff& d) {
  return d.label.empty() ? d.name : d.name + " \"" + d.label + "\"";
}

// Rows and columns worth showing: every tier, and `none` only when some customer is there.
std::vector<std::size_t> shown(const TieringDiff& d, bool rows) {
  const std::size_t n = rows ? d.from_tiers.size() : d.to_tiers.size();
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < n; ++i) {
    bool any = i + 1 < n;
    for (std::size_t j = 0; !any && j < (rows ? d.to_tiers.size() : d.from_tiers.size()); ++j) {
      any = (rows ? d.matrix[i][j] : d.matrix[j][i]) > 0;
    }
    if (any) out.push_back(i);
  }
  return out;
}

// How a version decided, and why the customer's tier in the other version did not match in it.
std::string decision(const RuleSet* rules, const std::optional<TieringExplanation>& te,
                     const std::string& other_tier) {
  if (!rules || !te) return "(not explained)";
  std::string s = decision_text(*rules, *te);
  const std::string why = why_not_text(*rules, *te, other_tier, true);
  return why.empty() ? s : s + "; " + why;
}

std::string md_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

// A KPI delta's values for people: "42.50% -> 45.00% (+2.50 pp)".
std::string kpi_change(const KpiDelta& d) {
  if (d.only_after) return "new: " + format_kpi_value(d.after, d.unit);
  if (d.only_before) return "removed (was " + format_kpi_value(d.before, d.unit) + ")";
  return format_kpi_value(d.before, d.unit) + " -> " + format_kpi_value(d.after, d.unit) + " (" +
         format_kpi_delta(d.delta, d.unit) + ")";
}

bool changed(const KpiDelta& d) {
  return d.only_after || d.only_before || d.before != d.after;
}

std::string headline(const DiffReport& r) {
  return fmt::format("{} of {} customers move ({}%)", r.moved, r.customers,
                     percent_text(r.moved, r.customers));
}

}  // namespace

std::string render_diff_human(const DiffReport& r, const DiffSides& sides) {
  std::string s =
      fmt::format("strata diff {} -> {}\n{}\n", sides.old_name, sides.new_name, headline(r));
  for (const TieringDiff& d : r.tierings) {
    if (d.presence != TieringPresence::Both) {
      const bool added = d.presence == TieringPresence::OnlyNew;
      s += fmt::format("\n{}: {} in the new version\n", title(d), added ? "added" : "removed");
      const auto& ids = added ? d.to_tiers : d.from_tiers;
      for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i + 1 == ids.size() && d.counts[i] == 0) continue;
        s += fmt::format("  {:<20} {:>10}\n", ids[i], d.counts[i]);
      }
      continue;
    }
    s +=
        fmt::format("\n{}: {} move ({}%)\n", title(d), d.moved, percent_text(d.moved, r.customers));
    if (d.moved == 0) continue;
    const auto rows = shown(d, true), cols = shown(d, false);
    std::size_t width = 9;
    for (std::size_t i : rows) width = std::max(width, d.from_tiers[i].size());
    s += fmt::format("  {:<{}}", "old \\ new", width);
    for (std::size_t j : cols) s += fmt::format(" {:>10}", d.to_tiers[j]);
    s += "\n";
    for (std::size_t i : rows) {
      s += fmt::format("  {:<{}}", d.from_tiers[i], width);
      for (std::size_t j : cols) s += fmt::format(" {:>10}", d.matrix[i][j]);
      s += "\n";
    }
    s += fmt::format("  moved customers (first {} by key):\n", d.sample.size());
    for (const MovedCustomer& m : d.sample) {
      s += fmt::format("    {}  {} -> {}\n", m.key, m.from, m.to);
      s += "      old: " + decision(sides.old_rules, m.old_decision, m.to) + "\n";
      s += "      new: " + decision(sides.new_rules, m.new_decision, m.from) + "\n";
    }
  }
  if (!r.kpis.empty()) {
    const auto n = std::count_if(r.kpis.begin(), r.kpis.end(), changed);
    s += fmt::format("\nKPIs: {} of {} values change\n", n, r.kpis.size());
    for (const KpiDelta& d : r.kpis) {
      if (changed(d)) s += fmt::format("  {:<28} {:<20} {}\n", d.kpi, d.group, kpi_change(d));
    }
  }
  return s;
}

std::string render_diff_markdown(const DiffReport& r, const DiffSides& sides) {
  std::string s = fmt::format("## strata diff: {}\n\n`{}` → `{}`\n\n", headline(r),
                              md_escape(sides.old_name), md_escape(sides.new_name));
  s += "| tiering | customers moving | share |\n|---|---:|---:|\n";
  for (const TieringDiff& d : r.tierings) {
    const std::string moved = d.presence == TieringPresence::Both      ? std::to_string(d.moved)
                              : d.presence == TieringPresence::OnlyNew ? "added"
                                                                       : "removed";
    const std::string share =
        d.presence == TieringPresence::Both ? percent_text(d.moved, r.customers) + "%" : "";
    s += fmt::format("| {} | {} | {} |\n", md_escape(title(d)), moved, share);
  }
  for (const TieringDiff& d : r.tierings) {
    if (d.presence != TieringPresence::Both || d.moved == 0) continue;
    s += fmt::format("\n### {}\n\n| old \\ new |", md_escape(title(d)));
    const auto rows = shown(d, true), cols = shown(d, false);
    for (std::size_t j : cols) s += " " + md_escape(d.to_tiers[j]) + " |";
    s += "\n|---|";
    for (std::size_t k = 0; k < cols.size(); ++k) s += "---:|";
    s += "\n";
    for (std::size_t i : rows) {
      s += "| **" + md_escape(d.from_tiers[i]) + "** |";
      for (std::size_t j : cols) {
        const std::uint64_t n = d.matrix[i][j];
        const bool moved = d.from_tiers[i] != d.to_tiers[j] && n > 0;
        s += moved ? fmt::format(" **{}** |", n) : fmt::format(" {} |", n);
      }
      s += "\n";
    }
    s += fmt::format(
        "\n<details><summary>Moved customers (first {} by key)</summary>\n\n"
        "| customer | old → new | old version decided | new version decided |\n"
        "|---|---|---|---|\n",
        d.sample.size());
    for (const MovedCustomer& m : d.sample) {
      s += fmt::format("| {} | {} → {} | {} | {} |\n", md_escape(m.key), md_escape(m.from),
                       md_escape(m.to), md_escape(decision(sides.old_rules, m.old_decision, m.to)),
                       md_escape(decision(sides.new_rules, m.new_decision, m.from)));
    }
    s += "\n</details>\n";
  }
  if (!r.kpis.empty()) {
    s += "\n### KPIs\n\n| KPI | group | old | new | change |\n|---|---|---:|---:|---:|\n";
    for (const KpiDelta& d : r.kpis) {
      if (!changed(d)) continue;
      s += fmt::format("| {} | {} | {} | {} | {} |\n", md_escape(d.kpi), md_escape(d.group),
                       d.only_after ? "" : format_kpi_value(d.before, d.unit),
                       d.only_before ? "" : format_kpi_value(d.after, d.unit),
                       d.only_after    ? "new"
                       : d.only_before ? "removed"
                                       : format_kpi_delta(d.delta, d.unit));
    }
    if (std::none_of(r.kpis.begin(), r.kpis.end(), changed)) s += "| (no KPI changes) | | | | |\n";
  }
  return s;
}

namespace {

nlohmann::json decision_json(const RuleSet* rules, const std::optional<TieringExplanation>& te,
                             const std::string& other_tier) {
  if (!rules || !te) return nullptr;
  const TieringInfo& info = rules->tierings()[te->tiering];
  nlohmann::json j;
  j["tier"] = te->tier ? nlohmann::json(info.tiers[*te->tier].id) : nlohmann::json(nullptr);
  j["text"] = decision_text(*rules, *te);
  if (!other_tier.empty()) {
    const std::string why = why_not_text(*rules, *te, other_tier, true);
    if (!why.empty()) j["other_tier"] = why;
  }
  nlohmann::json terms = nlohmann::json::array();
  const std::vector<const TierTrial*> decided = deciding_trials(*rules, *te);
  for (const TierTrial* trial : decided) {
    j["otherwise"] = trial->otherwise;
    if (trial->row) j["row"] = *trial->row + 1;
    for (const Term& t : trial->terms) {
      if (t.cell == "-") continue;
      nlohmann::json tj;
      tj["source"] = t.source;
      if (!t.cell.empty()) tj["cell"] = t.cell;
      tj["result"] = t.result == Truth::True    ? "true"
                     : t.result == Truth::False ? "false"
                                                : "unknown";
      nlohmann::json ops = nlohmann::json::object();
      for (const auto& [name, value] : t.operands) {
        ops[name] = value.present ? nlohmann::json(value.to_string()) : nlohmann::json(nullptr);
      }
      tj["values"] = ops;
      terms.push_back(std::move(tj));
    }
  }
  if (!decided.empty() && !decided.back()->terms.empty()) {
    j["where"] = span_line(*rules, decided.back()->terms.front().span);
  }
  j["terms"] = terms;
  return j;
}

}  // namespace

std::string render_diff_json(const DiffReport& r, const DiffSides& sides) {
  nlohmann::json j;
  j["old"] = sides.old_name;
  j["new"] = sides.new_name;
  j["customers"] = r.customers;
  j["moved"] = r.moved;
  j["moved_percent"] = percent_text(r.moved, r.customers);
  j["tierings"] = nlohmann::json::array();
  for (const TieringDiff& d : r.tierings) {
    nlohmann::json t;
    t["name"] = d.name;
    t["label"] = d.label;
    t["presence"] = d.presence == TieringPresence::Both      ? "both"
                    : d.presence == TieringPresence::OnlyNew ? "added"
                                                             : "removed";
    if (d.presence == TieringPresence::Both) {
      t["from_tiers"] = d.from_tiers;
      t["to_tiers"] = d.to_tiers;
      t["matrix"] = d.matrix;
      t["moved"] = d.moved;
      t["moved_percent"] = percent_text(d.moved, r.customers);
      nlohmann::json sample = nlohmann::json::array();
      for (const MovedCustomer& m : d.sample) {
        sample.push_back({{"key", m.key},
                          {"from", m.from},
                          {"to", m.to},
                          {"old", decision_json(sides.old_rules, m.old_decision, m.to)},
                          {"new", decision_json(sides.new_rules, m.new_decision, m.from)}});
      }
      t["sample"] = sample;
    } else {
      t["tiers"] = d.presence == TieringPresence::OnlyNew ? d.to_tiers : d.from_tiers;
      t["counts"] = d.counts;
    }
    j["tierings"].push_back(std::move(t));
  }
  if (!r.kpis.empty()) {
    j["kpis"] = nlohmann::json::array();
    auto text_or_null = [](const std::optional<Decimal>& v) {
      return v ? nlohmann::json(v->to_string()) : nlohmann::json(nullptr);
    };
    for (const KpiDelta& d : r.kpis) {
      j["kpis"].push_back({{"kpi", d.kpi},
                           {"group", d.group},
                           {"unit", std::string(kpi_unit_name(d.unit))},
                           {"presence", d.only_after    ? "added"
                                        : d.only_before ? "removed"
                                                        : "both"},
                           {"old", text_or_null(d.before)},
                           {"new", text_or_null(d.after)},
                           {"delta", text_or_null(d.delta)}});
    }
  }
  return j.dump(2) + "\n";
}

}  // namespace strata::cli
