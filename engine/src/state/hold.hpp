// The anti-flapping rule of a tiering (`hold demote N`, `hold promote N`), as one pure function.
//
// Tiers are ordered as declared: the first is the highest, and "no tier" is below every tier. A
// customer the previous run placed in tier P and this run's conditions place in tier R moves to R
// only once R-ward runs have followed each other N times: `streak` counts the consecutive runs
// that placed it below P (negative) or above P (positive). The VM (`tier.hold`) and the state
// writer both call hold_step, so the tier a run reports and the state it writes cannot disagree.
#pragma once

#include <climits>
#include <cstdint>

namespace strata::state {

struct HoldOutcome {
  std::int32_t tier;    // the tier the customer is in after this run (-1: none)
  std::int32_t streak;  // consecutive runs toward another tier, signed as above; 0 when settled
};

inline std::int64_t hold_rank(std::int32_t tier) {
  return tier < 0 ? INT64_MAX : tier;
}

// `seen`: the previous run knew this customer in this tiering; otherwise the raw tier applies.
inline HoldOutcome hold_step(bool seen, std::int32_t previous, std::int32_t streak,
                             std::int32_t raw, std::uint32_t demote, std::uint32_t promote) {
  if (!seen || raw == previous) return {raw, 0};
  const bool down = hold_rank(raw) > hold_rank(previous);
  const std::uint32_t needed = down ? demote : promote;
  const std::int32_t runs = down ? (streak < 0 ? 1 - streak : 1) : (streak > 0 ? streak + 1 : 1);
  if (static_cast<std::uint32_t>(runs) >= needed) return {raw, 0};
  return {previous, down ? -runs : runs};
}

}  // namespace strata::state
