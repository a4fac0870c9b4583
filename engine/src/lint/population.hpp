// Statistics over all customers in the analysis: what the linter knows of `avg(R)` or
// `quintile(recency)`.
//
// Without sample data a statistic is unknown. A value for the whole run (avg, median, count(),
// ...) is one unknown constant, the same for every customer; a position (ntile, rank,
// percent_rank, cumulative_share) is one unknown per customer, within what it can be: ntile(x, n)
// in 1..n, rank >= 1, percent_rank in 0..1, none exactly when x is (translate_population.cpp).
// With sample data (`strata lint --data`) the rule set is run over the sample through the public
// API, keeping its population (bind()): values for the run are then constants. A customer's own
// position stays an unknown within its range for the proofs (it depends on the key, which breaks
// ties, and on whether the customer replaces one of the sample), and for an example it is where
// its value falls among the sample's customers, exactly as a record evaluated against that
// population gets it.
//
// Example customers are confirmed against a real population: the sample's, or without sample
// data a run of the example customer alone (run_of_one()), in which avg(R) is its own R and its
// quintile is 1.
#pragma once

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "check/model.hpp"
#include "lint/context.hpp"
#include "lint/eval.hpp"
#include "population/keys.hpp"
#include "vm/program.hpp"

namespace strata::linter {

class Statistics {
 public:
  explicit Statistics(const Model& model);

  bool empty() const { return stats_.empty(); }
  std::size_t size() const { return stats_.size(); }
  // The statistic a call over all customers computes; the same statistic however it is written.
  std::optional<std::uint32_t> of(const ast::Expr& call) const;
  const vm::Statistic& operator[](std::uint32_t k) const { return stats_[k]; }
  bool is_position(std::uint32_t k) const { return stats_[k].column.has_value(); }
  // Where statistic k is first written.
  const ast::Expr* call(std::uint32_t k) const { return calls_[k]; }

  // Binds every statistic to the population a run kept (RunOptions::keep_population).
  void bind(std::shared_ptr<const Population> population);
  bool bound() const { return snapshot_ != nullptr; }
  const std::shared_ptr<const Population>& population() const { return population_; }
  // With a bound population: statistic k's value for the run (as `kind`), and the position of a
  // customer whose argument is `argument` and whose key is `key`.
  Val value(std::uint32_t k, TypeKind kind) const;
  Val position(std::uint32_t k, const Val& argument, const population::Key& key,
               TypeKind kind) const;
  // The key an example customer gets when nothing constrains it (`example`, or 0).
  population::Key example_key() const { return example_key_; }
  static population::Key key_of(const Val& v);

 private:
  const Model& model_;
  std::vector<vm::Statistic> stats_;
  std::vector<const ast::Expr*> calls_;
  std::unordered_map<ast::ExprId, std::uint32_t> of_call_;
  std::shared_ptr<const Population> population_;
  const population::Snapshot* snapshot_ = nullptr;
  population::Key example_key_;
};

// The statistics that `exprs` read, directly or through lets and the tierings they refer to, in
// the plan's order (each once).
std::vector<std::uint32_t> statistics_read(const Model& model, const Statistics& stats,
                                           const std::vector<const ast::Expr*>& exprs);

// A run of the example customer alone, through the public API: how an example is confirmed when
// there is no sample data. Not ok, without a diagnostic, when the example cannot be loaded.
RunResult run_of_one(const RuleSet& rules, const Witness& w, const RunOptions& run);

}  // namespace strata::linter
