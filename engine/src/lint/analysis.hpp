// The analysis shared by the rule families that reason about values: parameter bindings, the
// statistics over all customers (bound to the sample data's population when there is one), the
// reference evaluator, the atom table, the translator to formulas and the example builder.
// Built once per lint run, on first use.
#pragma once

#include <memory>

#include "lint/atoms.hpp"
#include "lint/context.hpp"
#include "lint/eval.hpp"
#include "lint/population.hpp"
#include "lint/solver.hpp"
#include "lint/translate.hpp"
#include "lint/witness.hpp"

namespace strata::linter {

class Analysis {
 public:
  explicit Analysis(Context& ctx);

  Evaluator& eval() { return *eval_; }
  const Statistics& statistics() const { return *stats_; }
  AtomTable& atoms() { return *atoms_; }
  Translator& tr() { return *tr_; }
  Realizer& realizer() { return *realizer_; }
  SolveResult solve(std::vector<F> goals) {
    return linter::solve(*atoms_, std::move(goals), budget_);
  }
  // The opaque atoms a set of formulas mentions, by name, to explain a "may".
  std::vector<std::string> opaque_names(const std::vector<F>& goals) const;
  // Whether the formulas read a statistic over all customers (an atom of one, or a value the
  // analysis does not look into that contains one).
  bool reads_statistics(const std::vector<F>& goals) const;
  // Problems with `--param` values, reported once.
  std::vector<Diagnostic>& param_problems() { return param_problems_; }

 private:
  std::unique_ptr<Statistics> stats_;
  std::unique_ptr<Evaluator> eval_;
  std::unique_ptr<AtomTable> atoms_;
  std::unique_ptr<Translator> tr_;
  std::unique_ptr<Realizer> realizer_;
  std::uint32_t budget_;
  std::vector<Diagnostic> param_problems_;
};

}  // namespace strata::linter
