// Tiering rules over tier lists: unreachable-tier, tier-gap, tier-overlap and unhandled-missing.
//
// Each tier condition is translated once into the formula of "matches" (T) and "does not match"
// (N, false or unknown). Tiers are checked level by level: the tiers directly inside a tiering,
// then the sub-tiers of each tier, which see only the customers their tier took (Taken, see
// translate_tiers.cpp). With first match, tier k is chosen at its level for the customers in
// Taken(parent) ∧ T_k ∧ N_j for the earlier siblings j; a gap is N of every top-level tier without
// `otherwise`, and inside a tier the customers it took that none of its sub-tiers matches (they
// stay in the tier); in a unique tiering an overlap is Taken(parent) ∧ T_i ∧ T_j for siblings.
// A "no" of the search is a proof; a "yes" becomes a finding with an example customer only when
// the compiled rule set confirms the example, and a finding that cannot be confirmed says "may".
// Decision tables are checked in rules_table.cpp; a product's tiers follow from its operands,
// which are checked on their own.
#include "lint/analysis.hpp"
#include "lint/report.hpp"

namespace strata::linter {

namespace {

constexpr std::size_t kMaxCoverSearch = 24;  // earlier tiers tried one by one to name the cover
constexpr std::size_t kMaxPairs = 20'000;    // tier pairs checked for overlaps

std::string tier_ref(const TieringSymbol& t, std::uint32_t i) {
  return "`" + t.tiers[i].name + "`";
}

class TieringChecker {
 public:
  TieringChecker(Context& ctx, std::uint32_t index)
      : ctx_(ctx), an_(ctx.analysis()), t_(ctx.model().tierings[index]), index_(index) {
    for (std::uint32_t i = 0; i < t_.tiers.size(); ++i) {
      matches_.push_back(an_.tr().tier_condition(index, i));
      misses_.push_back(f_not(an_.atoms(), matches_.back()));
    }
  }

  void run() {
    const bool first = t_.policy == ast::HitPolicy::First;
    std::vector<bool> dead(t_.tiers.size(), false);
    for (std::uint32_t k = 0; k < t_.tiers.size(); ++k) {
      const auto parent = t_.tiers[k].parent;
      if (parent && dead[*parent]) {
        dead[k] = true;  // reported with its tier
        continue;
      }
      if (ctx_.enabled(LintRule::UnreachableTier)) dead[k] = unreachable(k, first);
      if (!dead[k] && ctx_.enabled(LintRule::UnhandledMissing)) missing(k, first);
    }
    std::vector<std::optional<std::uint32_t>> levels = {std::nullopt};
    for (std::uint32_t k = 0; k < t_.tiers.size(); ++k) {
      if (t_.has_children(k) && !dead[k]) levels.push_back(k);
    }
    for (const auto& level : levels) {
      if (!first && ctx_.enabled(LintRule::TierOverlap)) overlaps(level);
      if (ctx_.enabled(LintRule::TierGap)) gap(level);
    }
  }

 private:
  const ast::TierDecl& decl(std::uint32_t i) const { return *t_.tiers[i].decl; }
  std::optional<std::uint32_t> parent(std::uint32_t i) const { return t_.tiers[i].parent; }

  // The customers that reach tier k: its tier took them and, with first match, no earlier sibling
  // matches.
  std::vector<F> reach(std::uint32_t k, bool first) {
    std::vector<F> goals;
    if (const auto p = parent(k)) goals.push_back(an_.tr().tier_taken(index_, *p));
    if (first) {
      for (std::uint32_t s : t_.children_of(parent(k))) {
        if (s == k) break;
        goals.push_back(misses_[s]);
      }
    }
    return goals;
  }

  std::string where(std::uint32_t) const { return "of `" + t_.name + "`"; }

  // Reports tier k when no customer can reach it; true when reported.
  Finding& dead_tier(std::uint32_t k, Span span, std::string message, std::string label) {
    Finding& f = ctx_.report(LintRule::UnreachableTier, span, std::move(message), std::move(label));
    f.tiering = index_;
    f.tiers = {k};
    return f;
  }

  bool unreachable(std::uint32_t k, bool first) {
    std::vector<F> goals = reach(k, first);
    goals.push_back(matches_[k]);
    if (an_.solve(goals).sat != Sat::No) return false;
    const ast::TierDecl& d = decl(k);
    const auto p = parent(k);
    if (d.otherwise) {
      Finding& f =
          dead_tier(k, d.name.span,
                    "`otherwise` tier " + tier_ref(t_, k) + " " + where(k) + " is never reached",
                    p ? "every customer of `" + t_.tiers[*p].name + "` matches an earlier sub-tier"
                      : "every customer matches an earlier tier");
      f.diag.help = "remove it (the earlier tiers already cover every customer)";
      return true;
    }
    if (an_.solve({matches_[k]}).sat == Sat::No) {
      if (own_condition_reported(d)) return true;
      Finding& f = dead_tier(k, d.name.span,
                             "tier " + tier_ref(t_, k) + " " + where(k) + " can never be chosen",
                             "its condition is never true");
      add_label(f, d.condition->span, "no customer satisfies this");
      f.diag.help = "fix the condition: as written no customer can satisfy it";
      return true;
    }
    if (p && an_.solve({matches_[k], an_.tr().tier_taken(index_, *p)}).sat == Sat::No) {
      const ast::TierDecl& pd = decl(*p);
      Finding& f = dead_tier(k, d.name.span,
                             "tier " + tier_ref(t_, k) + " " + where(k) + " can never be chosen",
                             "no customer of `" + t_.tiers[*p].name + "` satisfies this");
      add_label(f, pd.otherwise ? pd.name.span : pd.condition->span,
                "`" + t_.tiers[*p].name + "` takes only these customers");
      f.diag.notes.push_back("sub-tiers are tried only for the customers their tier took");
      f.diag.help = "fix the condition, or move the tier to where its customers are";
      return true;
    }
    // Name the earlier siblings that take its customers: drop those not needed for the proof.
    std::vector<std::uint32_t> cover;
    for (std::uint32_t s : t_.children_of(p)) {
      if (s == k) break;
      cover.push_back(s);
    }
    if (cover.size() <= kMaxCoverSearch) {
      for (std::size_t i = cover.size(); i-- > 0;) {
        std::vector<F> trial = {matches_[k]};
        if (p) trial.push_back(an_.tr().tier_taken(index_, *p));
        for (std::uint32_t j : cover) {
          if (j != cover[i]) trial.push_back(misses_[j]);
        }
        if (an_.solve(trial).sat == Sat::No) {
          cover.erase(cover.begin() + static_cast<std::ptrdiff_t>(i));
        }
      }
    }
    std::vector<std::string> names;
    for (std::uint32_t j : cover) names.push_back(tier_ref(t_, j));
    Finding& f = dead_tier(k, d.name.span,
                           "tier " + tier_ref(t_, k) + " " + where(k) + " can never be chosen",
                           "never reached");
    for (std::size_t i = 0; i < cover.size() && i < 8; ++i) {
      const ast::TierDecl& c = decl(cover[i]);
      add_label(f, c.otherwise ? c.name.span : c.condition->span,
                cover.size() == 1 ? "this tier takes every customer it would get"
                                  : "takes part of its customers");
    }
    f.diag.notes.push_back(
        std::string(p ? "sub-tiers" : "tiers") +
        " are tried in order and the first match wins: every customer that satisfies this "
        "condition already matches " +
        (cover.size() > 8 ? std::to_string(cover.size()) + " earlier tiers" : join(names)));
    f.diag.help = std::string(lint_rule_info(LintRule::UnreachableTier).help);
    return true;
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
    const F unknown = f_and(misses_[k], f_not(an_.atoms(), an_.tr().falsity(*d.condition)));
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
           : a.kind == AtomKind::Population &&
                   an_.statistics()[a.index].kind == vm::StatKind::CumulativeShare
               ? " (`" + a.name +
                     "` is none for a customer whose value is none, and for everyone when the "
                     "total is zero: guard it with `sum(...) > 0`)"
           : a.kind == AtomKind::Population && an_.statistics().is_position(a.index)
               ? " (`" + a.name + "` is none for a customer whose value is none)"
           : a.kind == AtomKind::Population
               ? " (`" + a.name + "` is none in a run where no customer has a value)"
               : ""));
      f.diag.help = "say what none means: `" + used + " is not none and ...`, or `(" + used +
                    " ?? DEFAULT) ...`";
    }
  }

  // Customers no tier of `level` takes: none at the top (no tier), inside a tier they stay in it.
  void gap(std::optional<std::uint32_t> level) {
    const std::vector<std::uint32_t> tiers = t_.children_of(level);
    std::vector<F> goals;
    if (level) goals.push_back(an_.tr().tier_taken(index_, *level));
    for (std::uint32_t i : tiers) {
      if (t_.tiers[i].otherwise) return;
      goals.push_back(misses_[i]);
    }
    const SolveResult r = an_.solve(goals);
    if (r.sat == Sat::No) return;
    std::optional<Witness> w;
    if (r.sat == Sat::Yes) {
      const std::uint32_t index = index_;
      const int expected = level ? static_cast<int>(*level) : -1;
      w = an_.realizer().realize(index_, r.box, involved(goals),
                                 [index, expected](const Realizer::Outcome& o) {
                                   return o.ok && o.tiers[index] == expected;
                                 });
    }
    const std::string count =
        std::to_string(tiers.size()) + (level ? (tiers.size() == 1 ? " sub-tier" : " sub-tiers")
                                              : (tiers.size() == 1 ? " tier" : " tiers"));
    if (!level) {
      Finding& f = ctx_.report(LintRule::TierGap, t_.decl->name.span,
                               w ? "some customers match no tier of `" + t_.name + "`"
                                 : "some customers may match no tier of `" + t_.name + "`",
                               "has no `otherwise`");
      finish_gap(f, std::move(w), goals, "matches none of its " + count, Claim::Gap);
      f.diag.notes.push_back("such customers get no tier (empty in the output)");
      f.diag.help = "add `tier rest \"...\" otherwise` as the last tier, or widen a condition";
      return;
    }
    const std::string& parent = t_.tiers[*level].name;
    Finding& f = ctx_.report(LintRule::TierGap, decl(*level).name.span,
                             "some customers of `" + parent + "` in `" + t_.name + "` " +
                                 (w ? "match" : "may match") + " none of its sub-tiers",
                             "no sub-tier `otherwise`");
    finish_gap(f, std::move(w), goals, "is in `" + parent + "` but matches none of its " + count,
               Claim::Stays);
    f.tiers = {*level};
    f.diag.notes.push_back("such customers stay in `" + parent + "` itself (`" + parent +
                           " (no sub-tier)` in the run summary)");
    f.diag.help = "add `tier other \"...\" otherwise` as the last sub-tier of `" + parent +
                  "`, or widen a sub-tier's condition";
  }

  void finish_gap(Finding& f, std::optional<Witness> w, const std::vector<F>& goals,
                  const std::string& what, Claim claim) {
    f.tiering = index_;
    if (w) {
      f.claim = claim;
      f.diag.notes.push_back("for example a customer with " + describe_witness(*w) + " " + what);
      f.witness = std::move(w);
    } else {
      note_may(f, an_, goals, "such a customer exists");
    }
  }

  void overlaps(std::optional<std::uint32_t> level) {
    const std::vector<std::uint32_t> tiers = t_.children_of(level);
    std::size_t pairs = 0;
    for (std::size_t b = 0; b < tiers.size(); ++b) {
      const std::uint32_t j = tiers[b];
      if (t_.tiers[j].otherwise) continue;
      for (std::size_t a = 0; a < b; ++a) {
        const std::uint32_t i = tiers[a];
        if (t_.tiers[i].otherwise || ++pairs > kMaxPairs) continue;
        std::vector<F> goals = {matches_[i], matches_[j]};
        if (level) goals.push_back(an_.tr().tier_taken(index_, *level));
        const SolveResult r = an_.solve(goals);
        if (r.sat == Sat::No) continue;
        std::optional<Witness> w;
        if (r.sat == Sat::Yes) {
          w = an_.realizer().realize(
              index_, r.box, involved(goals),
              conflict_between("both `" + t_.tiers[i].name + "` and `" + t_.tiers[j].name + "`"));
        }
        Finding& f = ctx_.report(LintRule::TierOverlap, decl(j).name.span,
                                 "tiers " + tier_ref(t_, i) + " and " + tier_ref(t_, j) +
                                     " of unique tiering `" + t_.name + "` " +
                                     (w ? "can both match" : "may both match"),
                                 "overlaps an earlier tier");
        add_label(f, decl(i).name.span, "the other tier");
        f.tiering = index_;
        f.tiers = {i, j};
        finish_overlap(f, an_, std::move(w), goals);
      }
    }
  }

  Context& ctx_;
  Analysis& an_;
  const TieringSymbol& t_;
  std::uint32_t index_;
  std::vector<F> matches_, misses_;  // T_i and N_i
};

}  // namespace

void check_tierings(Context& ctx) {
  if (!ctx.enabled(LintRule::UnreachableTier) && !ctx.enabled(LintRule::TierGap) &&
      !ctx.enabled(LintRule::TierOverlap) && !ctx.enabled(LintRule::UnhandledMissing)) {
    return;
  }
  for (std::uint32_t t = 0; t < ctx.model().tierings.size(); ++t) {
    const TieringSymbol& tiering = ctx.model().tierings[t];
    if (!tiering.decl || tiering.form != ast::TieringForm::Tiers) continue;
    const std::size_t before = ctx.findings().size();
    TieringChecker(ctx, t).run();
    note_sample_statistics(ctx, before, LintRule::UnreachableTier, t);
  }
}

}  // namespace strata::linter
