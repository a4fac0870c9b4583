// Example customers: from a box of atom values (solver.hpp) to a concrete customer — record field
// values, events, run constants — that the compiled rule set confirms.
//
// Values are chosen to be easy to read (0, round numbers, the evaluation date). Events are built
// from a few prototypes repeated so that every aggregate lands in its domain. Each candidate is
// checked with the reference evaluator and then evaluated through RuleSet::evaluate, exactly as a
// run would; only a confirmed customer is returned, so a printed example is never wrong. A rule
// set with statistics over all customers evaluates the example against a real population: the
// sample data's, or without one a run of the example customer alone (population.hpp).
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
  // shows the record fields among `shown` (the atoms of the finding's formulas), and the
  // statistics over all customers that tiering `tiering` reads.
  // `values`: expressions whose values for the example go to Witness::values.
  // What the compiled rule set made of the example: its tier in each tiering (-1: none), or the
  // evaluation error that stopped it (diags).
  struct Outcome {
    bool ok = false;
    std::vector<int> tiers;
    Diagnostics diags;
  };
  using Confirm = std::function<bool(const Outcome&)>;
  std::optional<Witness> realize(std::uint32_t tiering, const std::vector<Domain>& box,
                                 const std::vector<std::uint32_t>& shown, const Confirm& confirm,
                                 const std::vector<const ast::Expr*>& values = {});

 private:
  std::optional<Witness> attempt(std::uint32_t tiering, const std::vector<Domain>& box,
                                 const std::vector<std::uint32_t>& shown, const Confirm& confirm,
                                 const std::vector<const ast::Expr*>& values, std::uint32_t seed,
                                 bool& evaluated);
  Context& ctx_;
  const AtomTable& atoms_;
  const Evaluator& eval_;
  Num reference_day_ = 0;
};

}  // namespace strata::linter
