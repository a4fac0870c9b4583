#include "explain_text.hpp"

#include <fmt/format.h>

#include <algorithm>

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

}  // namespace

const char* mark(Truth t) {
  return t == Truth::True ? "✓" : t == Truth::False ? "✗" : "?";
}

std::string term_text(const Term& t) {
  if (t.operands.empty()) return t.source;
  if (!t.cell.empty()) {
    // A table cell: the column's value, then what the cell asks of it.
    const std::string value = operand_text(t.operands[0]);
    if (!t.op.empty()) return value + " " + (t.op == "in" ? "in " + t.cell : t.cell);
    return t.result == Truth::False ? value + ", the row needs " + t.cell : value;
  }
  if (t.op.empty()) return operand_text(t.operands[0]);
  if (t.op == "not") return "not " + operand_text(t.operands[0]);
  if (t.op == "between" || t.op == "not between") {
    return fmt::format("{} {} {} and {}", operand_text(t.operands[0]), t.op,
                       operand_text(t.operands[1]), operand_text(t.operands[2]));
  }
  if (t.op == "in" || t.op == "not in" || t.op == "is" || t.op == "is not") {
    // Show the value and the rest of the term as written.
    const std::string& src = t.source;
    const std::string rest = src.substr(std::min(src.size(), t.operands[0].first.size()));
    return operand_text(t.operands[0]) + rest;
  }
  return fmt::format("{} {} {}", operand_text(t.operands[0]), t.op, operand_text(t.operands[1]));
}

std::string span_line(const RuleSet& rules, const Span& span) {
  if (!span.valid()) return {};
  const SourceFile& f = rules.sources().file(span.file);
  return fmt::format("{}:{}", f.path(), f.line_col(span.begin).line);
}

std::string decision_text(const RuleSet& rules, const TieringExplanation& te) {
  const TieringInfo& info = rules.tierings()[te.tiering];
  if (!te.tier) return "no tier matched";
  const auto trial = std::find_if(te.trials.begin(), te.trials.end(),
                                  [&](const TierTrial& t) { return t.tier == *te.tier; });
  std::string s = info.tiers[*te.tier].id;
  if (trial == te.trials.end() || trial->otherwise)
    return s + " (otherwise: no earlier tier matched)";
  std::string terms;
  for (const Term& term : trial->terms) {
    terms += (terms.empty() ? "" : ", ") + std::string(mark(term.result)) + " " + term_text(term);
  }
  const std::string where = trial->terms.empty() ? "" : span_line(rules, trial->terms.front().span);
  return s + (where.empty() ? "" : " (" + where + ")") + ": " + terms;
}

std::string why_not_text(const RuleSet& rules, const TieringExplanation& te,
                         const std::string& tier_id) {
  const TieringInfo& info = rules.tierings()[te.tiering];
  if (te.tier && info.tiers[*te.tier].id == tier_id) return {};
  for (const TierTrial& trial : te.trials) {
    if (info.tiers[trial.tier].id != tier_id || trial.otherwise) continue;
    std::string terms;
    for (const Term& term : trial.terms) {
      // The terms that failed say why; with a single term, show it whatever its value.
      if (term.result == Truth::True && trial.terms.size() > 1) continue;
      terms += (terms.empty() ? "" : ", ") + std::string(mark(term.result)) + " " + term_text(term);
    }
    return fmt::format("{} did not match: {}", tier_id, terms);
  }
  const bool exists = std::any_of(info.tiers.begin(), info.tiers.end(),
                                  [&](const TierInfo& t) { return t.id == tier_id; });
  if (exists && te.tier) {
    return fmt::format("{} was not tried: {} matched first", tier_id, info.tiers[*te.tier].id);
  }
  return {};
}

}  // namespace strata::cli
