// Conditions as formulas over atoms: and/or of literals "atom ∈ domain".
//
// A tier condition becomes two formulas: when it is true, and when it is not true (false or
// unknown, so the tier does not match). Negation is pushed down to the literals, where it is
// the exact complement within the atom's universe (none included), so no formula ever holds a
// `not`. Nodes are shared and immutable; constructors simplify as they go (a literal that allows
// every value of its atom is `true`, `and` flattens nested `and`s, and so on).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "lint/domain.hpp"

namespace strata::linter {

struct Formula;
using F = std::shared_ptr<const Formula>;

struct Formula {
  enum class Kind : std::uint8_t { True, False, Lit, And, Or };
  Kind kind = Kind::True;
  std::uint32_t atom = 0;  // Lit
  Domain domain;           // Lit
  std::vector<F> kids;     // And, Or
};

class AtomTable;

F f_true();
F f_false();
F f_lit(const AtomTable& atoms, std::uint32_t atom, Domain domain);
F f_and(std::vector<F> kids);
F f_or(std::vector<F> kids);
inline F f_and(F a, F b) {
  return f_and(std::vector<F>{std::move(a), std::move(b)});
}
inline F f_or(F a, F b) {
  return f_or(std::vector<F>{std::move(a), std::move(b)});
}
F f_not(const AtomTable& atoms, const F& f);

// The number of nodes, to cap how large expansions may grow.
std::size_t formula_size(const F& f, std::size_t limit);
// The atoms a formula mentions, each once.
void formula_atoms(const F& f, std::vector<std::uint32_t>& out);

}  // namespace strata::linter
