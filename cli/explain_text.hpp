// Terms of a tier condition as people read them, shared by `strata run --explain`, the failure
// output of `strata test` and the moved customers of `strata diff`.
#pragma once

#include <string>
#include <vector>

#include "strata/strata.hpp"

namespace strata::cli {

// ✓ true, ✗ false, ? unknown
const char* mark(Truth t);
// A term with the values of its operands: `monetary = 23,410.50 >= 20_000`.
std::string term_text(const Term& t);
// "path:line" of a span, or "" when it has none.
std::string span_line(const RuleSet& rules, const Span& span);
// The trials that decided a tiering's result: one per level down a sub-tier's path, or a table's
// deciding row; none for a product or when no tier matched.
std::vector<const TierTrial*> deciding_trials(const RuleSet& rules, const TieringExplanation& te);
// How one tiering decided, on one line: the chosen tier with its terms (each level of a
// sub-tier, a table's deciding row with its cells, a product's operand tiers), or "no tier
// matched".
std::string decision_text(const RuleSet& rules, const TieringExplanation& te);
// Why tier `tier_id` was not chosen: its failed terms or cells, its enclosing tier that did not
// match, or that an earlier tier or row matched first; "" when it was chosen or is `none`. With
// `tried_only`, only a reason that comes from a condition this version evaluated.
std::string why_not_text(const RuleSet& rules, const TieringExplanation& te,
                         const std::string& tier_id, bool tried_only = false);

}  // namespace strata::cli
