// Satisfiability of a conjunction of formulas, with a box of values as the witness.
//
// A DPLL-style search over literals "atom ∈ domain": literals narrow a box (one domain per atom),
// a disjunction whose alternatives all but one are ruled out by the box narrows it further, and
// the search branches on a disjunction only when propagation is stuck. When it answers Yes, every
// point of the box satisfies every goal (including the links between aggregates, atoms.hpp), so
// any value of each atom's domain may be chosen for an example. No is a proof (under the
// over-approximation of opaque atoms). A search that exceeds its budget answers Unknown.
#pragma once

#include <cstdint>
#include <vector>

#include "lint/atoms.hpp"
#include "lint/formula.hpp"

namespace strata::linter {

enum class Sat : std::uint8_t { Yes, No, Unknown };

struct SolveResult {
  Sat sat = Sat::Unknown;
  std::vector<Domain> box;  // per atom (the atom's universe where unconstrained); when Yes
};

SolveResult solve(const AtomTable& atoms, std::vector<F> goals, std::uint32_t budget);

}  // namespace strata::linter
