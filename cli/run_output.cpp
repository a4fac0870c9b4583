#include "run_output.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common.hpp"
#include "explain_text.hpp"

namespace strata::cli {

namespace {

void csv_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

nlohmann::json json_value(const Value& v) {
  if (!v.present) return nullptr;
  switch (v.kind) {
    case ResultKind::Int:
      return v.i;
    case ResultKind::Bool:
      return v.i != 0;
    // Decimals keep their exact text as a JSON number.
    case ResultKind::Decimal:
      return nlohmann::json::parse(v.d.to_string());
    default:
      return v.to_string();
  }
}

bool write_rows(std::FILE* f, const RuleSet& rules, const Dataset& data, const RunResult& result,
                bool labels, bool jsonl) {
  const auto& tierings = rules.tierings();
  const std::string key_name = data.schema->record.fields[data.schema->record.key_field].name;
  std::string buf;
  buf.reserve(1 << 20);
  auto flush = [&]() {
    const bool ok = std::fwrite(buf.data(), 1, buf.size(), f) == buf.size();
    buf.clear();
    return ok;
  };
  if (!jsonl) {
    csv_field(buf, key_name);
    for (std::size_t t = 0; t < result.tierings.size(); ++t) {
      buf += ',';
      csv_field(buf, result.tierings[t].name);
      if (labels) {
        buf += ',';
        csv_field(buf, result.tierings[t].name + "_label");
      }
    }
    for (const ResultColumn& c : result.lets) {
      buf += ',';
      csv_field(buf, c.name);
    }
    buf += '\n';
  }
  for (std::size_t row = 0; row < data.size(); ++row) {
    const std::string key = data.key_text(row);
    if (jsonl) {
      nlohmann::ordered_json j;
      j[key_name] = key;
      for (std::size_t t = 0; t < result.tierings.size(); ++t) {
        const Value v = result.tierings[t].at(row);
        j[result.tierings[t].name] = v.present ? nlohmann::ordered_json(v.text) : nullptr;
        if (labels) {
          const auto& info = tierings[t];
          j[result.tierings[t].name + "_label"] =
              v.present ? nlohmann::ordered_json(info.tiers[static_cast<std::size_t>(v.i)].label)
                        : nullptr;
        }
      }
      for (const ResultColumn& c : result.lets) j[c.name] = json_value(c.at(row));
      buf += j.dump();
      buf += '\n';
    } else {
      csv_field(buf, key);
      for (std::size_t t = 0; t < result.tierings.size(); ++t) {
        const Value v = result.tierings[t].at(row);
        buf += ',';
        if (v.present) csv_field(buf, v.text);
        if (labels) {
          buf += ',';
          if (v.present) csv_field(buf, tierings[t].tiers[static_cast<std::size_t>(v.i)].label);
        }
      }
      for (const ResultColumn& c : result.lets) {
        buf += ',';
        csv_field(buf, c.at(row).to_string());
      }
      buf += '\n';
    }
    if (buf.size() > (1 << 20) && !flush()) return false;
  }
  return flush();
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// One line per tier, sub-tiers indented under their parent, whose line counts its whole subtree;
// customers a parent took but none of its sub-tiers did get a line of their own.
std::string summary_lines(const TieringInfo& info, const std::vector<std::uint64_t>& counts,
                          std::size_t customers) {
  struct Line {
    std::string name;
    std::uint64_t count;
    std::string label;
  };
  std::vector<Line> lines;
  for (std::size_t i = 0; i < info.tiers.size(); ++i) {
    const TierInfo& tier = info.tiers[i];
    const std::string indent(2 * tier.depth, ' ');
    std::uint64_t total = 0;
    for (std::size_t j = i; j < tier.end; ++j) total += counts[j];
    lines.push_back({indent + tier.id, total, tier.label});
    if (tier.end > i + 1 && counts[i] > 0) {
      lines.push_back(
          {indent + "  " + tier.id + " (no sub-tier)", counts[i], "no sub-tier matched"});
    }
  }
  if (counts.back() > 0) lines.push_back({"(none)", counts.back(), "no tier matched"});
  std::size_t width = 20;
  for (const Line& line : lines) width = std::max(width, line.name.size());
  const double n = static_cast<double>(customers);
  std::string s;
  for (const Line& line : lines) {
    const double share = n > 0 ? 100.0 * static_cast<double>(line.count) / n : 0.0;
    s += fmt::format("  {:<{}} {:>10}  {:>6.2f}%  {}\n", line.name, width, line.count, share,
                     line.label);
  }
  return s;
}

}  // namespace

bool write_assignments(const RuleSet& rules, const Dataset& data, const RunResult& result,
                       const std::string& path, bool labels, std::string& error) {
  const bool jsonl = ends_with(path, ".jsonl") || ends_with(path, ".ndjson");
  if (path.empty() || path == "-") {
    return write_rows(stdout, rules, data, result, labels, false) && std::fflush(stdout) == 0;
  }
  return write_file_atomically(
      path, [&](std::FILE* f) { return write_rows(f, rules, data, result, labels, jsonl); }, error);
}

std::string render_summary(const RuleSet& rules, const Dataset& data, const RunResult& result,
                           double load_s, double eval_s, double write_s, double total_s,
                           const std::string& out_path) {
  std::string s;
  for (const FileStats& f : data.files) {
    s += fmt::format("read {}: {} rows, {} bad\n", f.path, f.rows_read, f.bad_rows);
  }
  if (data.bad_rows > 0) {
    s += fmt::format("{} bad row(s) skipped; each is in {} with its reason\n", data.bad_rows,
                     data.quarantine_path);
  }
  for (std::size_t t = 0; t < result.tierings.size(); ++t) {
    const TieringInfo& info = rules.tierings()[t];
    s += fmt::format("\ntiering {}{}\n", info.name,
                     info.label.empty() ? "" : " \"" + info.label + "\"");
    s += summary_lines(info, result.counts[t], data.size());
  }
  s += fmt::format("\n{} customers in {:.3f}s (load {:.3f}s, evaluate {:.3f}s, write {:.3f}s)",
                   data.size(), total_s, load_s, eval_s, write_s);
  if (!out_path.empty()) s += fmt::format("; assignments in {}", out_path);
  s += '\n';
  return s;
}

namespace {

std::string tier_text(const TierInfo& tier, bool local) {
  const std::string id = local ? tier.id.substr(tier.id.rfind('.') + 1) : tier.id;
  const std::string& label = local ? tier.own_label : tier.label;
  return id + (label.empty() ? "" : " \"" + label + "\"");
}

std::string form_note(const TieringInfo& info) {
  switch (info.form) {
    case TieringInfo::Form::Table:
      return info.unique ? "  (decision table, unique: every row is checked)"
                         : "  (decision table, first matching row)";
    case TieringInfo::Form::Product: {
      std::string parts;
      for (const std::string& o : info.operands) parts += (parts.empty() ? "" : " * ") + o;
      return "  (product " + parts + ")";
    }
    case TieringInfo::Form::Tiers:
      break;
  }
  return info.unique ? "  (unique: every tier is checked)" : "";
}

std::string where_text(const RuleSet& rules, const Span& span) {
  const std::string where = span_line(rules, span);
  return where.empty() ? where : "  (" + where + ")";
}

// A product: the tier of each operand along the result's path.
std::string product_lines(const TieringInfo& info, const std::optional<std::size_t>& tier) {
  std::vector<std::string> parts;
  if (tier) {
    for (std::optional<std::size_t> at = *tier; at;) {
      const TierInfo& t = info.tiers[*at];
      parts.insert(parts.begin(), tier_text(t, true));
      at = t.parent < 0 ? std::nullopt : std::optional<std::size_t>(t.parent);
    }
  }
  std::string s;
  for (std::size_t k = 0; k < info.operands.size(); ++k) {
    s += fmt::format("    {} -> {}\n", info.operands[k], k < parts.size() ? parts[k] : "none");
  }
  return s;
}

}  // namespace

std::string render_explanation(const RuleSet& rules, const Explanation& e, bool color) {
  const char* bold = color ? "\x1b[1m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  std::string s = fmt::format("{}customer {}{}\n", bold, e.key, reset);
  if (!e.lets.empty()) {
    s += "  values:\n";
    for (const auto& [name, v] : e.lets) s += fmt::format("    {} = {}\n", name, v.to_display());
  }
  if (!e.population.empty()) {
    s += "  statistics over all customers:\n";
    for (const PopulationValue& p : e.population) {
      const std::string customers =
          Decimal::from_int(static_cast<std::int64_t>(p.over)).to_display(0);
      s += fmt::format("    {} = {}  ({} {} customer{})\n", p.text, p.value.to_display(),
                       p.position ? "its position among" : "over", customers,
                       p.over == 1 ? "" : "s");
    }
  }
  for (const TieringExplanation& te : e.tierings) {
    const TieringInfo& info = rules.tierings()[te.tiering];
    std::string chosen = "none (no tier matched)";
    if (te.tier) chosen = tier_text(info.tiers[*te.tier], false);
    s += fmt::format("\n{}{}{}{} -> {}{}\n", bold, info.name,
                     info.label.empty() ? "" : " \"" + info.label + "\"", reset, chosen,
                     form_note(info));
    if (te.held) {
      const std::string given =
          te.conditions_tier ? info.tiers[*te.conditions_tier].id : std::string("no tier");
      s += fmt::format(
          "  held by `hold`: the conditions give {}; the customer stays until enough "
          "consecutive runs agree\n",
          given);
    }
    if (info.form == TieringInfo::Form::Product) s += product_lines(info, te.tier);
    for (const TierTrial& trial : te.trials) {
      const TierInfo& tier = info.tiers[trial.tier];
      const std::string indent(2 * tier.depth, ' ');
      const bool matched = trial.result == Truth::True;
      std::string head;
      if (trial.row) {
        std::string cells;
        for (const Term& term : trial.terms) cells += (cells.empty() ? "" : ", ") + term.cell;
        head = trial.otherwise ? "otherwise" : fmt::format("row {} ({})", *trial.row + 1, cells);
        head += " -> " + tier_text(tier, false);
        if (!trial.terms.empty()) head += where_text(rules, trial.terms.front().span);
      } else {
        head = tier_text(tier, tier.depth > 0);
        head += trial.otherwise || trial.terms.empty()
                    ? "  otherwise"
                    : where_text(rules, trial.terms.front().span);
      }
      s += fmt::format("  {}{} {}\n", indent, mark(trial.result), head);
      for (const Term& term : trial.terms) {
        // For tiers that did not match, the terms that failed say why; the match shows all.
        if (!term.cell.empty() && term.cell == "-") continue;
        if (!matched && term.result == Truth::True && trial.terms.size() > 1) continue;
        s += fmt::format("      {}{} {}{}\n", indent, mark(term.result), term_text(term),
                         term.result == Truth::Unknown ? "   (unknown: a value is missing)" : "");
      }
    }
  }
  return s;
}

}  // namespace strata::cli
