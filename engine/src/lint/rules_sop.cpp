// Rules about SOPs: sop-unknown-tier, tier-without-sop and sla-order.
//
// An SOP is for tiers (`for service_level.vip`, a tier with its sub-tiers, as `is` takes them).
// sop-unknown-tier: no customer can be in a tier an SOP is for (proved like unreachable-tier), so
// the SOP never applies through it. tier-without-sop: in a tiering that SOPs are written for, a
// tier that no SOP is for — neither it, a tier above it nor one below — and that customers can be
// in; `for all` SOPs apply to everyone and do not count. sla-order: tiers are ordered as
// declared, the first highest (docs/sop.md), and a higher tier is owed service at least as good
// as a lower one: an obligation of the higher tier's SOP that is looser than the same obligation
// of the lower tier's SOP is reported. Obligations are the same when they have the same kind,
// events and filter (the same expression, however spaced) and the same calendar; `respond` compares
// its time limit, `every` its interval (a calendar period against a duration only where every month
// length decides it).
#include <algorithm>

#include "lint/analysis.hpp"
#include "lint/report.hpp"
#include "plan/phases.hpp"
#include "strata/time.hpp"

namespace strata::linter {

namespace {

std::string tier_path(const Model& m, std::uint32_t tiering, std::uint32_t tier) {
  return m.tierings[tiering].name + "." + m.tierings[tiering].tiers[tier].name;
}

// Whether some customer can be in `tier` (or one of its sub-tiers); true unless proved otherwise.
bool can_be_in(Analysis& an, std::uint32_t tiering, std::uint32_t tier) {
  return an.solve({an.tr().tier_within(tiering, tier)}).sat != Sat::No;
}

void unknown_tiers(Context& ctx) {
  const Model& m = ctx.model();
  for (const SopSymbol& sop : m.sops) {
    for (const SopTarget& target : sop.targets) {
      if (can_be_in(ctx.analysis(), target.tiering, target.tier)) continue;
      const TierSymbol& tier = m.tierings[target.tiering].tiers[target.tier];
      Finding& f = ctx.report(LintRule::SopUnknownTier, target.span,
                              "SOP `" + sop.name + "` is for tier `" +
                                  tier_path(m, target.tiering, target.tier) +
                                  "`, which no customer can be in",
                              "no customer is ever in this tier");
      add_label(f, tier.span, "this tier never gets a customer");
      f.tiering = target.tiering;
      f.tiers = {target.tier};
      note_sample_statistics(f, ctx.analysis(), target.tiering);
      f.diag.notes.push_back(sop.targets.size() > 1 ? "the SOP applies only through its other tiers"
                                                    : "the SOP never applies to anyone");
      f.diag.help = std::string(lint_rule_info(LintRule::SopUnknownTier).help);
    }
  }
}

void tiers_without_sop(Context& ctx) {
  const Model& m = ctx.model();
  std::vector<std::string> for_all;
  for (const SopSymbol& sop : m.sops) {
    if (sop.all) for_all.push_back("`" + sop.name + "`");
  }
  for (std::uint32_t t = 0; t < m.tierings.size(); ++t) {
    const TieringSymbol& tiering = m.tierings[t];
    std::vector<std::uint32_t> targets;
    for (const SopSymbol& sop : m.sops) {
      for (const SopTarget& target : sop.targets) {
        if (target.tiering == t) targets.push_back(target.tier);
      }
    }
    if (targets.empty()) continue;  // not a tiering SOPs are written for
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    std::vector<std::string> names;
    for (std::uint32_t target : targets) names.push_back("`" + tiering.tiers[target].name + "`");
    for (std::uint32_t i = 0; i < tiering.tiers.size(); ++i) {
      const bool related = std::any_of(targets.begin(), targets.end(), [&](std::uint32_t s) {
        return tiering.within(i, s) || tiering.within(s, i);
      });
      if (related) continue;
      // The whole subtree has no SOP: reported once, on its top tier.
      const std::uint32_t subtree_end = tiering.tiers[i].end;
      if (!can_be_in(ctx.analysis(), t, i)) {
        i = subtree_end - 1;
        continue;
      }
      const TierSymbol& tier = tiering.tiers[i];
      Finding& f = ctx.report(LintRule::TierWithoutSop, tier.span,
                              "tier `" + tier.name + "` of `" + tiering.name + "` has no SOP",
                              "no SOP is for this tier");
      f.tiering = t;
      f.tiers = {i};
      f.diag.notes.push_back(
          "SOPs are written for " + join(names) + " of `" + tiering.name + "`, but customers in `" +
          tier.name + "` are owed no service standard of their own" +
          (for_all.empty() ? std::string()
                           : " (only " + join(for_all) + ", for all customers, applies to them)"));
      f.diag.help = "write an SOP for it (`sop " + tier.local + "_service for " + tiering.name +
                    "." + tier.name +
                    " { ... }`), or allow this rule on the tier's line if it is owed none";
      i = subtree_end - 1;
    }
  }
}

// An obligation of an SOP, for one tier it applies to.
struct Applied {
  const SopSymbol* sop = nullptr;
  const ObligationSymbol* obligation = nullptr;
  std::uint32_t tier = 0;
};

// How much slower `a` is than `b` (> 0: looser), or nullopt when they cannot be compared.
std::optional<int> looser(const ObligationSymbol& a, const ObligationSymbol& b) {
  if (a.amount_is_period == b.amount_is_period) {
    return a.amount > b.amount ? 1 : a.amount < b.amount ? -1 : 0;
  }
  // A period of n months is between 28n and 31n days long.
  const auto bounds = [](const ObligationSymbol& o) {
    if (!o.amount_is_period) return std::make_pair(o.amount, o.amount);
    return std::make_pair(o.amount * 28 * timeutil::kSecondsPerDay,
                          o.amount * 31 * timeutil::kSecondsPerDay);
  };
  const auto [a_lo, a_hi] = bounds(a);
  const auto [b_lo, b_hi] = bounds(b);
  if (a_lo > b_hi) return 1;
  if (a_hi < b_lo) return -1;
  return std::nullopt;
}

bool comparable(const Model& m, const ObligationSymbol& a, const ObligationSymbol& b) {
  if (a.kind != b.kind || a.events != b.events || a.calendar != b.calendar) return false;
  const ast::Expr* fa = a.decl->events.filter.get();
  const ast::Expr* fb = b.decl->events.filter.get();
  if ((fa == nullptr) != (fb == nullptr)) return false;
  return fa == nullptr || plan::canonical(m, *fa) == plan::canonical(m, *fb);
}

void sla_order(Context& ctx) {
  const Model& m = ctx.model();
  for (std::uint32_t t = 0; t < m.tierings.size(); ++t) {
    std::vector<Applied> applied;
    for (const SopSymbol& sop : m.sops) {
      for (const SopTarget& target : sop.targets) {
        if (target.tiering != t) continue;
        for (const ObligationSymbol& o : sop.obligations) {
          applied.push_back({&sop, &o, target.tier});
        }
      }
    }
    std::vector<std::pair<const ObligationSymbol*, const ObligationSymbol*>> reported;
    for (const Applied& high : applied) {
      for (const Applied& low : applied) {
        if (high.sop == low.sop || high.tier >= low.tier) continue;
        if (!comparable(m, *high.obligation, *low.obligation)) continue;
        if (looser(*high.obligation, *low.obligation).value_or(0) <= 0) continue;
        const auto pair = std::make_pair(high.obligation, low.obligation);
        if (std::find(reported.begin(), reported.end(), pair) != reported.end()) continue;
        reported.push_back(pair);
        const TieringSymbol& tiering = m.tierings[t];
        const std::string hi = tiering.tiers[high.tier].name, lo = tiering.tiers[low.tier].name;
        const bool respond = high.obligation->kind == ast::ObligationKind::Respond;
        const auto amount = [&](const Applied& a) {
          return "`" + ctx.text(a.obligation->decl->amount->span) + "`";
        };
        Finding& f = ctx.report(
            LintRule::SlaOrder, high.obligation->decl->amount->span,
            "tier `" + hi + "` of `" + tiering.name + "` is above `" + lo + "`, but its SOP " +
                (respond ? "allows a slower response" : "asks for it less often") + ": " +
                amount(high) + " against " + amount(low),
            "`" + high.sop->name + "` for `" + hi + "`");
        add_label(f, low.obligation->decl->amount->span,
                  "`" + low.sop->name + "` for `" + lo + "`, a lower tier");
        f.tiering = t;
        f.tiers = {high.tier, low.tier};
        f.diag.notes.push_back(
            "tiers are ordered as declared, the first highest, and a higher tier is owed service "
            "at least as good as a lower one: `" +
            high.obligation->text + "` against `" + low.obligation->text + "`");
        f.diag.help = std::string(lint_rule_info(LintRule::SlaOrder).help);
      }
    }
  }
}

}  // namespace

void check_sops(Context& ctx) {
  if (ctx.model().sops.empty()) return;
  if (ctx.enabled(LintRule::SopUnknownTier)) unknown_tiers(ctx);
  if (ctx.enabled(LintRule::TierWithoutSop)) tiers_without_sop(ctx);
  if (ctx.enabled(LintRule::SlaOrder)) sla_order(ctx);
}

}  // namespace strata::linter
