#include "lint/report.hpp"

namespace strata::linter {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

void note_may(Finding& f, Analysis& an, const std::vector<F>& goals, std::string_view what) {
  const auto opaque = an.opaque_names(goals);
  f.diag.notes.push_back(
      std::string("the linter found no example it could confirm, so it cannot tell whether ") +
      std::string(what) +
      (opaque.empty() ? std::string()
                      : " (it treats " + join(opaque) + " as values it cannot look into)"));
}

std::vector<std::uint32_t> involved(const std::vector<F>& goals) {
  std::vector<std::uint32_t> atoms;
  for (const F& g : goals) formula_atoms(g, atoms);
  return atoms;
}

Realizer::Confirm conflict_between(std::string names) {
  return [names = std::move(names)](const RuleSet& rules, Record& rec) {
    Assignment a;
    Diagnostics diags;
    if (rules.evaluate(rec, a, &diags)) return false;
    for (const Diagnostic& d : diags.all()) {
      if (d.code == DiagCode::UniqueConflict && d.message.find(names) != std::string::npos) {
        return true;
      }
    }
    return false;
  };
}

void finish_overlap(Finding& f, Analysis& an, std::optional<Witness> w,
                    const std::vector<F>& goals) {
  if (w) {
    f.claim = Claim::Overlap;
    f.diag.notes.push_back("for example a customer with " + describe_witness(*w) + " matches both");
    f.witness = std::move(w);
  } else {
    note_may(f, an, goals, "a customer matches both");
  }
  f.diag.notes.push_back(
      "`unique` promises at most one match: such a customer stops the run with "
      "E0403");
  f.diag.help = std::string(lint_rule_info(LintRule::TierOverlap).help);
}

}  // namespace strata::linter
