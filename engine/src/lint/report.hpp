// Pieces the analysis rules share when they word a finding: lists of names, the "may" note of an
// unconfirmed finding, the confirmation of a unique conflict through the compiled rule set, and
// the example or "may" part of an overlap.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lint/analysis.hpp"

namespace strata::linter {

// "`a`, `b` and `c`".
std::string join(const std::vector<std::string>& items);
// The note of a finding the linter could not confirm with an example.
void note_may(Finding& f, Analysis& an, const std::vector<F>& goals, std::string_view what);
// With statistics bound to the sample data, the note that a finding about `tiering` holds for
// the sample's values (an example states them itself).
void note_sample_statistics(Finding& f, Analysis& an, std::uint32_t tiering);
// The same for each finding of `rule` since the first `before` findings: a proof with the
// sample's statistics holds for them only.
void note_sample_statistics(Context& ctx, std::size_t before, LintRule rule, std::uint32_t tiering);
// The atoms the goals mention (the example shows those).
std::vector<std::uint32_t> involved(const std::vector<F>& goals);
// Confirms an example: evaluating it stops with E0403 whose message contains `names`.
Realizer::Confirm conflict_between(std::string names);
// The example (Claim::Overlap) or the "may" note of an overlap finding, then the E0403 note.
void finish_overlap(Finding& f, Analysis& an, std::optional<Witness> w,
                    const std::vector<F>& goals);

}  // namespace strata::linter
