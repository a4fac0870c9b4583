#include "explain_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace strata::cli {

namespace {

bool looks_literal(const std::string& source) {
  if (source.empty()) return false;
  const char c = source[0];
  return (c >= '0' && c <= '9') || c == '"' || c == '-' || source == "none" || source == "true" ||
         source == "false" || source == "yes" || source == "no";
}

std::string operand_text(const std::pair<std::string, Value>& op) {
  if (looks_literal(op.first)) return op.first;
  return op.first + " = " + op.second.to_display();
}

// A term written over several lines, on one: each line break and the indentation after it
// become one space.
std::string one_line(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') {
      out += text[i];
      continue;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    while (i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '\t')) ++i;
    out += ' ';
  }
  return out;
}

}  // namespace

const char* mark(Truth t) {
  return t == Truth::True ? "✓" : t == Truth::False ? "✗" : "?";
}

namespace {

// A table cell: the column's value, then what the cell asks of it, then the comparison the
// column is computed from: `r_high = no, the row needs yes  (r_score = 3 > avg(r_score) = 3)`.
std::string cell_text(const Term& t) {
  std::string s = operand_text(t.operands[0]);
  if (!t.op.empty()) {
    s += " " + (t.op == "in" ? "in " + t.cell : t.cell);
  } else if (t.result == Truth::False) {
    s += ", the row needs " + t.cell;
  }
  // A column such as `(r_score > avg(r_score)) ?? false` is no where its comparison is unknown.
  for (const Term& b : t.because) {
    s += "  (" + term_text(b) +
         (b.result == Truth::Unknown ? " is unknown: a value is missing" : "") + ")";
  }
  return s;
}

}  // namespace

std::string term_text(const Term& t) {
  if (t.operands.empty()) return t.source;
  if (!t.cell.empty()) return cell_text(t);
  if (t.op.empty()) return operand_text(t.operands[0]);
  if (t.op == "not") return "not " + operand_text(t.operands[0]);
  if (t.op == "between" || t.op == "not between") {
    return fmt::format("{} {} {} and {}", operand_text(t.operands[0]), t.op,
                       operand_text(t.operands[1]), operand_text(t.operands[2]));
  }
  if (t.op == "in" || t.op == "not in" || t.op == "is" || t.op == "is not") {
    // Show the value and the rest of the term as written.
    const std::string& src = t.source;
    std::string rest = src.substr(std::min(src.size(), t.operands[0].first.size()));
    return operand_text(t.operands[0]) + one_line(rest);
  }
  return fmt::format("{} {} {}", operand_text(t.operands[0]), t.op, operand_text(t.operands[1]));
}

std::string span_line(const RuleSet& rules, const Span& span) {
  if (!span.valid()) return {};
  const SourceFile& f = rules.sources().file(span.file);
  return fmt::format("{}:{}", f.path(), f.line_col(span.begin).line);
}

namespace {

// The terms of a trial: every one (`failed_only` false) or, when there are several, those that did
// not hold; a table's `-` cells say nothing and are left out.
std::string terms_text(const TierTrial& trial, bool failed_only) {
  std::vector<const Term*> shown;
  for (const Term& term : trial.terms) {
    if (term.cell != "-") shown.push_back(&term);
  }
  std::string s;
  for (const Term* term : shown) {
    if (failed_only && term->result == Truth::True && shown.size() > 1) continue;
    s += (s.empty() ? "" : ", ") + std::string(mark(term->result)) + " " + term_text(*term);
  }
  return s;
}

std::string local_id(const TierInfo& tier) {
  return tier.id.substr(tier.id.rfind('.') + 1);
}

// A table row as written: `row 2 (yes, no, yes)`, or `otherwise`.
std::string row_text(const TieringInfo& info, std::size_t row) {
  const TableRowInfo& r = info.rows[row];
  if (r.otherwise) return "otherwise";
  std::string cells;
  for (const std::string& c : r.cells) cells += (cells.empty() ? "" : ", ") + c;
  return fmt::format("row {} ({})", row + 1, cells);
}

std::string trial_where(const RuleSet& rules, const TierTrial& trial) {
  const std::string where = trial.terms.empty() ? "" : span_line(rules, trial.terms.front().span);
  return where.empty() ? "" : " (" + where + ")";
}

// The tier and its ancestors, from the top level down.
std::vector<std::size_t> path_of(const TieringInfo& info, std::size_t tier) {
  std::vector<std::size_t> path;
  for (int at = static_cast<int>(tier); at >= 0;
       at = info.tiers[static_cast<std::size_t>(at)].parent)
    path.insert(path.begin(), static_cast<std::size_t>(at));
  return path;
}

const TierTrial* trial_of(const TieringExplanation& te, std::size_t tier) {
  for (const TierTrial& t : te.trials) {
    if (!t.row && t.tier == tier) return &t;
  }
  return nullptr;
}

std::optional<std::size_t> tier_index(const TieringInfo& info, const std::string& id) {
  for (std::size_t i = 0; i < info.tiers.size(); ++i) {
    if (info.tiers[i].id == id) return i;
  }
  return std::nullopt;
}

std::string product_text(const TieringInfo& info, const std::optional<std::size_t>& tier) {
  const std::vector<std::size_t> path = tier ? path_of(info, *tier) : std::vector<std::size_t>{};
  std::string s;
  for (std::size_t k = 0; k < info.operands.size(); ++k) {
    s += fmt::format("{}{} is {}", k ? ", " : "", info.operands[k],
                     k < path.size() ? local_id(info.tiers[path[k]]) : "none");
  }
  return s;
}

}  // namespace

std::vector<const TierTrial*> deciding_trials(const RuleSet& rules, const TieringExplanation& te) {
  const TieringInfo& info = rules.tierings()[te.tiering];
  std::vector<const TierTrial*> out;
  if (!te.tier) return out;
  if (info.form == TieringInfo::Form::Table) {
    for (const TierTrial& t : te.trials) {
      if (t.result == Truth::True) return {&t};
    }
    return out;
  }
  for (std::size_t tier : path_of(info, *te.tier)) {
    if (const TierTrial* t = trial_of(te, tier)) out.push_back(t);
  }
  return out;
}

namespace {

// The explanation as the conditions decided it, without the hold rule that kept the customer.
TieringExplanation as_conditions_give(const TieringExplanation& te) {
  TieringExplanation given = te;
  given.held = false;
  given.tier = te.conditions_tier;
  return given;
}

}  // namespace

std::string decision_text(const RuleSet& rules, const TieringExplanation& te) {
  const TieringInfo& info = rules.tierings()[te.tiering];
  if (te.held) {
    // The trials follow the conditions, which placed the customer elsewhere.
    const std::string kept = te.tier ? info.tiers[*te.tier].id : std::string("none");
    return kept + ", held by `hold`; the conditions give " +
           decision_text(rules, as_conditions_give(te));
  }
  if (!te.tier) return "no tier matched";
  const std::string id = info.tiers[*te.tier].id;
  if (info.form == TieringInfo::Form::Product) return id + " (" + product_text(info, te.tier) + ")";
  const std::vector<const TierTrial*> path = deciding_trials(rules, te);
  if (info.form == TieringInfo::Form::Table) {
    if (path.empty() || path[0]->otherwise) return id + " (otherwise: no row matched)";
    return fmt::format("{} by {}{}: {}", id, row_text(info, *path[0]->row),
                       trial_where(rules, *path[0]), terms_text(*path[0], false));
  }
  if (path.size() == 1) {
    if (path[0]->otherwise) return id + " (otherwise: no earlier tier matched)";
    return id + trial_where(rules, *path[0]) + ": " + terms_text(*path[0], false);
  }
  // Sub-tiers: each level down the path, as tried.
  std::string levels;
  for (const TierTrial* t : path) {
    const std::string tier = local_id(info.tiers[t->tier]);
    levels += (levels.empty() ? "" : "; ") +
              (t->otherwise ? tier + " (otherwise)"
                            : tier + trial_where(rules, *t) + ": " + terms_text(*t, false));
  }
  return id + ": " + levels;
}

std::string why_not_text(const RuleSet& rules, const TieringExplanation& te,
                         const std::string& tier_id, bool tried_only) {
  const TieringInfo& info = rules.tierings()[te.tiering];
  if (te.held) {
    const std::optional<std::size_t> expected = tier_index(info, tier_id);
    const bool given =
        tier_id == "none" ? !te.conditions_tier : expected && te.conditions_tier == expected;
    if (given) {
      if (tried_only) return {};
      return tier_id +
             " is where the conditions place the customer, but its `hold` rule keeps it in " +
             (te.tier ? info.tiers[*te.tier].id : std::string("none")) +
             " until enough consecutive runs agree";
    }
    return why_not_text(rules, as_conditions_give(te), tier_id, tried_only);
  }
  const std::optional<std::size_t> expected = tier_index(info, tier_id);
  if (!expected || (te.tier && *te.tier == *expected)) return {};
  const std::string chosen = te.tier ? info.tiers[*te.tier].id : "";
  const std::string first = te.tier ? chosen + " matched first" : "no tier matched";
  switch (info.form) {
    case TieringInfo::Form::Product: {
      // The operands whose tier differs from the expected path's.
      const std::vector<std::size_t> want = path_of(info, *expected);
      const std::vector<std::size_t> got = te.tier ? path_of(info, *te.tier) : want;
      std::string differs;
      for (std::size_t k = 0; k < want.size() && !tried_only; ++k) {
        const std::string is = te.tier && k < got.size() ? local_id(info.tiers[got[k]]) : "none";
        if (is == local_id(info.tiers[want[k]])) continue;
        differs += fmt::format("{}{} is {}, not {}", differs.empty() ? "" : ", ", info.operands[k],
                               is, local_id(info.tiers[want[k]]));
      }
      return differs.empty() ? "" : tier_id + " was not chosen: " + differs;
    }
    case TieringInfo::Form::Table: {
      std::string rows;
      for (const TierTrial& t : te.trials) {
        if (t.tier != *expected || t.result == Truth::True || t.otherwise) continue;
        rows += (rows.empty() ? "" : "; ") + row_text(info, *t.row) + ": " + terms_text(t, true);
      }
      if (!rows.empty()) return tier_id + " did not match: " + rows;
      if (tried_only || !te.tier) return {};
      const std::vector<const TierTrial*> decided = deciding_trials(rules, te);
      return decided.empty() ? ""
                             : fmt::format("{} was not tried: {} matched first", tier_id,
                                           row_text(info, *decided[0]->row));
    }
    case TieringInfo::Form::Tiers:
      break;
  }
  // Down the expected tier's path: the first level that did not take the customer says why.
  for (std::size_t level : path_of(info, *expected)) {
    if (te.tier && info.within(*te.tier, level)) {
      if (level != *expected) continue;
      // The expected tier took the customer, which went on into one of its sub-tiers.
      return tried_only ? ""
                        : fmt::format("{} matched, and its sub-tier {} took the customer", tier_id,
                                      chosen);
    }
    const TierTrial* t = trial_of(te, level);
    if (!t || t->otherwise) {
      return tried_only ? "" : fmt::format("{} was not tried: {}", tier_id, first);
    }
    const std::string terms = terms_text(*t, true);
    if (level == *expected) return fmt::format("{} did not match: {}", tier_id, terms);
    return fmt::format("{} was not tried: its tier {} did not match: {}", tier_id,
                       info.tiers[level].id, terms);
  }
  return {};
}

}  // namespace strata::cli
