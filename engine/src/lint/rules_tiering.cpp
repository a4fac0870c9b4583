// Tiering rules: unreachable-tier, tier-gap, tier-overlap and unhandled-missing.
//
// Each tier condition is translated once into the formula of "matches" (T) and "does not match"
// (N, false or unknown). With first match, tier k is chosen for the customers in
// T_k ∧ N_0 ∧ ... ∧ N_k-1; a gap is N_0 ∧ ... ∧ N_n-1 without `otherwise`; in a unique tiering
// an overlap is T_i ∧ T_j. A "no" of the search is a proof; a "yes" becomes a finding with an
// example customer only when the compiled rule set confirms the example, and a finding that
// cannot be confirmed says "may".
#include <fmt/format.h>

#include "lint/analysis.hpp"

namespace strata::linter {

namespace {

constexpr std::size_t kMaxCoverSearch = 24;  // earlier tiers tried one by one to name the cover
constexpr std::size_t kMaxPairs = 20'000;    // tier pairs checked for overlaps

struct TieringFormulas {
  std::vector<F> matches, misses;  // T_i and N_i
};

std::string tier_ref(const TieringSymbol& t, std::uint32_t i) {
  return "`" + t.tiers[i].name + "`";
}

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

class TieringChecker {
 public:
  TieringChecker(Context& ctx, std::uint32_t index)
      : ctx_(ctx), an_(ctx.analysis()), t_(ctx.model().tierings[index]), index_(index) {
    for (std::uint32_t i = 0; i < t_.tiers.size(); ++i) {
      f_.matches.push_back(an_.tr().tier_condition(index, i));
      f_.misses.push_back(f_not(an_.atoms(), f_.matches.back()));
    }
  }

  void run() {
    const bool first = t_.policy == ast::HitPolicy::First;
    for (std::uint32_t k = 0; k < t_.tiers.size(); ++k) {
      if (ctx_.enabled(LintRule::UnreachableTier)) unreachable(k, first);
      if (ctx_.enabled(LintRule::UnhandledMissing)) missing(k, first);
    }
    if (!first && ctx_.enabled(LintRule::TierOverlap)) overlaps();
    if (!t_.has_otherwise && ctx_.enabled(LintRule::TierGap)) gap();
  }

 private:
  const ast::TierDecl& decl(std::uint32_t i) const { return *t_.tiers[i].decl; }

  std::vector<F> reach(std::uint32_t k, bool first) const {
    std::vector<F> goals;
    if (first) {
      for (std::uint32_t j = 0; j < k; ++j) goals.push_back(f_.misses[j]);
    }
    return goals;
  }

  void unreachable(std::uint32_t k, bool first) {
    std::vector<F> goals = reach(k, first);
    goals.push_back(f_.matches[k]);
    if (an_.solve(goals).sat != Sat::No) return;
    const ast::TierDecl& d = decl(k);
    if (d.otherwise) {
      Finding& f = ctx_.report(
          LintRule::UnreachableTier, d.name.span,
          "`otherwise` tier " + tier_ref(t_, k) + " of `" + t_.name + "` is never reached",
          "every customer matches an earlier tier");
      f.diag.help = "remove it (the earlier tiers already cover every customer)";
      return;
    }
    if (an_.solve({f_.matches[k]}).sat == Sat::No) {
      if (own_condition_reported(d)) return;
      Finding& f =
          ctx_.report(LintRule::UnreachableTier, d.name.span,
                      "tier " + tier_ref(t_, k) + " of `" + t_.name + "` can never be chosen",
                      "its condition is never true");
      add_label(f, d.condition->span, "no customer satisfies this");
      f.diag.help = "fix the condition: as written no customer can satisfy it";
      return;
    }
    // Name the earlier tiers that take its customers: drop those not needed for the proof.
    std::vector<std::uint32_t> cover;
    for (std::uint32_t j = 0; j < k; ++j) cover.push_back(j);
    if (k <= kMaxCoverSearch) {
      for (std::size_t i = cover.size(); i-- > 0;) {
        std::vector<F> trial = {f_.matches[k]};
        for (std::uint32_t j : cover) {
          if (j != cover[i]) trial.push_back(f_.misses[j]);
        }
        if (an_.solve(trial).sat == Sat::No)
          cover.erase(cover.begin() + static_cast<std::ptrdiff_t>(i));
      }
    }
    std::vector<std::string> names;
    for (std::uint32_t j : cover) names.push_back(tier_ref(t_, j));
    Finding& f = ctx_.report(
        LintRule::UnreachableTier, d.name.span,
        "tier " + tier_ref(t_, k) + " of `" + t_.name + "` can never be chosen", "never reached");
    for (std::size_t i = 0; i < cover.size() && i < 8; ++i) {
      const ast::TierDecl& c = decl(cover[i]);
      add_label(f, c.otherwise ? c.name.span : c.condition->span,
                cover.size() == 1 ? "this tier takes every customer it would get"
                                  : "takes part of its customers");
    }
    f.diag.notes.push_back(
        "tiers are tried in order and the first match wins: every customer that satisfies this "
        "condition already matches " +
        (cover.size() > 8 ? std::to_string(cover.size()) + " earlier tiers" : join(names)));
    f.diag.help = std::string(lint_rule_info(LintRule::UnreachableTier).help);
  }

  // A tier whose own condition is impossible was already reported inside it.
  bool own_condition_reported(const ast::TierDecl& d) const {
    for (const Finding& f : ctx_.findings()) {
      if (f.rule != LintRule::ConstantCondition && f.rule != LintRule::ImpossibleRange) continue;
      const Label* p = f.diag.primary();
      if (p && p->span.file == d.condition->span.file && p->span.begin >= d.condition->span.begin &&
          p->span.end <= d.condition->span.end) {
        return true;
      }
    }
    return false;
  }

  void missing(std::uint32_t k, bool first) {
    const ast::TierDecl& d = decl(k);
    if (d.otherwise) return;
    const F unknown = f_and(f_.misses[k], f_not(an_.atoms(), an_.tr().falsity(*d.condition)));
    for (const auto& [atom, span] : an_.tr().optional_inputs(*d.condition)) {
      std::vector<F> goals = reach(k, first);
      goals.push_back(unknown);
      goals.push_back(f_lit(an_.atoms(), atom, Domain::none_only()));
      if (an_.solve(goals).sat != Sat::Yes) continue;
      const Atom& a = an_.atoms()[atom];
      const std::string used = ctx_.text(span);
      const bool direct = used == a.name;
      Finding& f = ctx_.report(LintRule::UnhandledMissing, span,
                               "`" + used + "` may be none here, and then the condition of tier " +
                                   tier_ref(t_, k) + " is unknown",
                               direct ? "may be none" : "may be none (it reads `" + a.name + "`)");
      f.diag.notes.push_back(
          "an unknown condition does not match, so such customers silently skip tier " +
          tier_ref(t_, k) +
          (a.kind == AtomKind::Aggregate
               ? " (`" + a.name + "` is none for a customer without " + "such events)"
               : ""));
      f.diag.help = "say what none means: `" + used + " is not none and ...`, or `(" + used +
                    " ?? DEFAULT) ...`";
    }
  }

  void gap() {
    std::vector<F> goals = f_.misses;
    const SolveResult r = an_.solve(goals);
    if (r.sat == Sat::No) return;
    std::optional<Witness> w;
    if (r.sat == Sat::Yes) {
      const std::uint32_t index = index_;
      w = an_.realizer().realize(r.box, involved(goals),
                                 [index](const RuleSet& rules, Record& rec) {
                                   Assignment a;
                                   return rules.evaluate(rec, a) && a.tiers[index] == -1;
                                 });
    }
    const ast::TieringDecl& d = *t_.decl;
    Finding& f = ctx_.report(LintRule::TierGap, d.name.span,
                             w ? "some customers match no tier of `" + t_.name + "`"
                               : "some customers may match no tier of `" + t_.name + "`",
                             "has no `otherwise`");
    f.tiering = index_;
    if (w) {
      f.claim = Claim::Gap;
      f.diag.notes.push_back("for example a customer with " + describe_witness(*w) +
                             " matches none of its " + std::to_string(t_.tiers.size()) +
                             (t_.tiers.size() == 1 ? " tier" : " tiers"));
      f.witness = std::move(w);
    } else {
      note_may(f, an_, goals, "such a customer exists");
    }
    f.diag.notes.push_back("such customers get no tier (empty in the output)");
    f.diag.help = "add `tier rest \"...\" otherwise` as the last tier, or widen a condition";
  }

  void overlaps() {
    std::size_t pairs = 0;
    for (std::uint32_t j = 0; j < t_.tiers.size(); ++j) {
      if (decl(j).otherwise) continue;
      for (std::uint32_t i = 0; i < j; ++i) {
        if (decl(i).otherwise || ++pairs > kMaxPairs) continue;
        const std::vector<F> goals = {f_.matches[i], f_.matches[j]};
        const SolveResult r = an_.solve(goals);
        if (r.sat == Sat::No) continue;
        std::optional<Witness> w;
        if (r.sat == Sat::Yes) {
          const std::string both = "both `" + t_.tiers[i].name + "` and `" + t_.tiers[j].name + "`";
          w = an_.realizer().realize(r.box, involved(goals),
                                     [both](const RuleSet& rules, Record& rec) {
                                       Assignment a;
                                       Diagnostics diags;
                                       if (rules.evaluate(rec, a, &diags)) return false;
                                       for (const Diagnostic& d : diags.all()) {
                                         if (d.code == DiagCode::UniqueConflict &&
                                             d.message.find(both) != std::string::npos) {
                                           return true;
                                         }
                                       }
                                       return false;
                                     });
        }
        Finding& f = ctx_.report(LintRule::TierOverlap, decl(j).name.span,
                                 "tiers " + tier_ref(t_, i) + " and " + tier_ref(t_, j) +
                                     " of unique tiering `" + t_.name + "` " +
                                     (w ? "can both match" : "may both match"),
                                 "overlaps an earlier tier");
        add_label(f, decl(i).name.span, "the other tier");
        f.tiering = index_;
        f.tiers = {i, j};
        if (w) {
          f.claim = Claim::Overlap;
          f.diag.notes.push_back("for example a customer with " + describe_witness(*w) +
                                 " matches both");
          f.witness = std::move(w);
        } else {
          note_may(f, an_, goals, "a customer matches both");
        }
        f.diag.notes.push_back(
            "`unique` promises at most one match: such a customer stops the "
            "run with E0403");
        f.diag.help = std::string(lint_rule_info(LintRule::TierOverlap).help);
      }
    }
  }

  Context& ctx_;
  Analysis& an_;
  const TieringSymbol& t_;
  std::uint32_t index_;
  TieringFormulas f_;
};

}  // namespace

void check_tierings(Context& ctx) {
  if (!ctx.enabled(LintRule::UnreachableTier) && !ctx.enabled(LintRule::TierGap) &&
      !ctx.enabled(LintRule::TierOverlap) && !ctx.enabled(LintRule::UnhandledMissing)) {
    return;
  }
  for (std::uint32_t t = 0; t < ctx.model().tierings.size(); ++t) {
    if (!ctx.model().tierings[t].decl) continue;
    TieringChecker(ctx, t).run();
  }
}

}  // namespace strata::linter
