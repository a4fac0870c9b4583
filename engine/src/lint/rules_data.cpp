// Data rules, with `--data`: the rule set is run over the sample through the public API, then
// empty-tier (a tier no customer gets), oversized-tier (a tier above max-tier-share) and
// sparse-input (a record field read by a tiering that is missing in more than max-missing-share
// of the rows).
#include <fmt/format.h>

#include "lint/context.hpp"
#include "lint/walk.hpp"

namespace strata::linter {

namespace {

std::string percent(double share) {
  return fmt::format("{:.1f}%", share * 100.0);
}

// The record fields a tiering reads, directly or through lets.
void fields_read(const Model& m, const ast::Expr& e, std::vector<bool>& out,
                 std::vector<bool>& lets_seen) {
  walk(e, [&](const ast::Expr& x) {
    const Resolution& r = m.names[x.id];
    if (r.kind == SymbolKind::RecordField && (x.as<ast::NameExpr>() || x.as<ast::MemberExpr>())) {
      out[r.index] = true;
    }
    if (r.kind == SymbolKind::Let && !lets_seen[r.index]) {
      lets_seen[r.index] = true;
      fields_read(m, *m.lets[r.index].decl->value, out, lets_seen);
    }
    return true;
  });
}

// empty-tier counts a tier with everything below it (a tier whose customers all went to its
// sub-tiers is not empty); oversized-tier counts the customers exactly in a tier, since those of
// its sub-tiers are split already.
void tier_counts(Context& ctx, const TieringSymbol& tiering,
                 const std::vector<std::uint64_t>& counts, std::size_t rows, double max_tier) {
  std::vector<std::uint64_t> subtree(tiering.tiers.size(), 0);
  for (std::uint32_t i = static_cast<std::uint32_t>(tiering.tiers.size()); i-- > 0;) {
    subtree[i] += i < counts.size() ? counts[i] : 0;
    if (const auto p = tiering.tiers[i].parent) subtree[*p] += subtree[i];
  }
  std::vector<bool> reported(tiering.tiers.size(), false);
  for (std::uint32_t i = 0; i < tiering.tiers.size(); ++i) {
    const TierSymbol& tier = tiering.tiers[i];
    if (tier.parent && reported[*tier.parent]) {
      reported[i] = true;
      continue;
    }
    const std::uint64_t exact = i < counts.size() ? counts[i] : 0;
    const double share = static_cast<double>(exact) / static_cast<double>(rows);
    if (subtree[i] == 0 && ctx.enabled(LintRule::EmptyTier)) {
      Finding& f = ctx.report(
          LintRule::EmptyTier, tier.span,
          "no customer of the sample data is in tier `" + tier.name + "` of `" + tiering.name + "`",
          "0 customers");
      f.diag.notes.push_back(fmt::format("the sample has {} customers", rows));
      f.diag.help = std::string(lint_rule_info(LintRule::EmptyTier).help);
      reported[i] = true;
    } else if (share > max_tier && ctx.enabled(LintRule::OversizedTier)) {
      const bool parent = tiering.has_children(i);
      Finding& f = ctx.report(LintRule::OversizedTier, tier.span,
                              "tier `" + tier.name + "` of `" + tiering.name + "` " +
                                  (parent ? "itself (no sub-tier) " : "") + "holds " +
                                  percent(share) + " of the sample data",
                              fmt::format("{} of {} customers", exact, rows));
      f.diag.notes.push_back("the largest share a tier may hold is " + percent(max_tier) +
                             " (max-tier-share)");
      f.diag.help = std::string(lint_rule_info(LintRule::OversizedTier).help);
    }
  }
}

}  // namespace

void check_data(Context& ctx) {
  const Model& m = ctx.model();
  const Dataset& data = *ctx.options().data;
  const std::size_t rows = data.records.rows;
  if (rows == 0) return;
  const double max_tier = ctx.options().config.max_tier_share.to_double();
  const double max_missing = ctx.options().config.max_missing_share.to_double();

  if (ctx.enabled(LintRule::EmptyTier) || ctx.enabled(LintRule::OversizedTier)) {
    RunOptions run = ctx.options().run;
    run.threads = 1;
    const RunResult result = ctx.rules().run(data, run);
    if (result.ok) {
      for (std::uint32_t t = 0; t < m.tierings.size(); ++t) {
        const TieringSymbol& tiering = m.tierings[t];
        // A product's tiers are its operands' combinations; the operands are checked themselves.
        if (!tiering.decl || tiering.form == ast::TieringForm::Product) continue;
        if (t >= result.counts.size()) continue;
        tier_counts(ctx, tiering, result.counts[t], rows, max_tier);
      }
    }
  }

  if (!ctx.enabled(LintRule::SparseInput) || !m.record) return;
  std::vector<bool> read(m.record->fields.size(), false), lets_seen(m.lets.size(), false);
  for (const TieringSymbol& t : m.tierings) {
    for (const ast::Expr* e : t.expressions()) fields_read(m, *e, read, lets_seen);
  }
  for (std::uint32_t f = 0; f < read.size(); ++f) {
    if (!read[f] || f >= data.records.columns.size()) continue;
    const Column& c = data.records.columns[f];
    std::size_t missing = 0;
    for (std::size_t r = 0; r < rows; ++r) missing += !c.validity.valid(r);
    const double share = static_cast<double>(missing) / static_cast<double>(rows);
    if (share <= max_missing) continue;
    const FieldSymbol& field = m.record->fields[f];
    Finding& fi = ctx.report(LintRule::SparseInput, field.decl ? field.decl->name.span : Span{},
                             "`" + field.name + "` is missing in " + percent(share) +
                                 " of the sample rows, and tierings read it",
                             fmt::format("missing in {} of {} rows", missing, rows));
    fi.diag.notes.push_back("the largest share allowed is " + percent(max_missing) +
                            " (max-missing-share)");
    fi.diag.help = std::string(lint_rule_info(LintRule::SparseInput).help);
  }
}

}  // namespace strata::linter
