// Example customers: from a box of atom values (solver.hpp) to a concrete customer — record field
// values, events, run constants — that the compiled rule set confirms.
//
// Values are chosen to be easy to read (0, round numbers, the evaluation date). Events are built
// from a few prototypes repeated so that every aggregate lands in its domain. Each candidate is
// checked with the reference evaluator and then evaluated through RuleSet::evaluate, exactly as a
// run would; only a confirmed customer is returned, so a printed example is never wrong.
#pragma once

#include <functional>
#include <optional>

#include "lint/atoms.hpp"
#include "lint/context.hpp"
#include "lint/eval.hpp"

namespace strata::linter {

class Realizer {
 public:
  Realizer(Context& ctx, const AtomTable& atoms, const Evaluator& eval);

  // A customer inside `box` for whom `confirm` holds on the compiled rule set. The description
  // shows the record fields among `shown` (the atoms of the finding's formulas).
  // `values`: expressions whose values for the example go to Witness::values.
  using Confirm = std::function<bool(const RuleSet&, Record&)>;
  std::optional<Witness> realize(const std::vector<Domain>& box,
                                 const std::vector<std::uint32_t>& shown, const Confirm& confirm,
                                 const std::vector<const ast::Expr*>& values = {});

 private:
  std::optional<Witness> attempt(const std::vector<Domain>& box,
                                 const std::vector<std::uint32_t>& shown, const Confirm& confirm,
                                 const std::vector<const ast::Expr*>& values, std::uint32_t seed);
  Context& ctx_;
  const AtomTable& atoms_;
  const Evaluator& eval_;
  Num reference_day_ = 0;
};

}  // namespace strata::linter
