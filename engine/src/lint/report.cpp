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
  if (!an.statistics().bound() && an.reads_statistics(goals)) {
    f.diag.notes.push_back(
        "it depends on statistics over all customers, which are unknown without sample data: "
        "`strata lint --data FILE` analyses with the sample's values");
  }
}

void note_sample_statistics(Finding& f, Analysis& an, std::uint32_t tiering) {
  const Statistics& stats = an.statistics();
  if (!stats.bound()) return;
  const Model& m = an.eval().model();
  const auto read = statistics_read(m, stats, m.tierings[tiering].expressions());
  if (read.empty()) return;
  std::vector<std::string> values;
  bool positions = false;
  const auto& all = stats.population()->statistics();
  for (std::uint32_t k : read) {
    if (stats.is_position(k)) {
      positions = true;
    } else if (k < all.size()) {
      const Value& v = all[k].value;
      values.push_back("`" + all[k].text + "` = " + (v.present ? v.to_string() : "none"));
    }
  }
  std::string what = join(values);
  if (positions) {
    what += (what.empty() ? "" : "; ") + std::string("positions among its ") +
            std::to_string(stats.population()->customers()) + " customers";
  }
  f.diag.notes.push_back("this holds with the statistics of the sample data (" + what + ")");
}

void note_sample_statistics(Context& ctx, std::size_t before, LintRule rule,
                            std::uint32_t tiering) {
  for (std::size_t i = before; i < ctx.findings().size(); ++i) {
    if (ctx.findings()[i].rule == rule) {
      note_sample_statistics(ctx.findings()[i], ctx.analysis(), tiering);
    }
  }
}

std::vector<std::uint32_t> involved(const std::vector<F>& goals) {
  std::vector<std::uint32_t> atoms;
  for (const F& g : goals) formula_atoms(g, atoms);
  return atoms;
}

Realizer::Confirm conflict_between(std::string names) {
  return [names = std::move(names)](const Realizer::Outcome& o) {
    if (o.ok) return false;
    for (const Diagnostic& d : o.diags.all()) {
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
