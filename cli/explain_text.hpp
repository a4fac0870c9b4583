// Terms of a tier condition as people read them, shared by `strata run --explain`, the failure
// output of `strata test` and the moved customers of `strata diff`.
#pragma once

#include <string>

#include "strata/strata.hpp"

namespace strata::cli {

// ✓ true, ✗ false, ? unknown
const char* mark(Truth t);
// A term with the values of its operands: `monetary = 23,410.50 >= 20_000`.
std::string term_text(const Term& t);
// "path:line" of a span, or "" when it has none.
std::string span_line(const RuleSet& rules, const Span& span);
// How one tiering decided: the chosen tier with its terms (or "no tier matched"), on one line.
std::string decision_text(const RuleSet& rules, const TieringExplanation& te);
// Why tier `tier_id` was not chosen: its failed terms, or that an earlier tier matched first; ""
// when it was chosen or is `none`.
std::string why_not_text(const RuleSet& rules, const TieringExplanation& te,
                         const std::string& tier_id);

}  // namespace strata::cli
