// From checked expressions to formulas over atoms (formula.hpp), exactly where possible.
//
// truth(e) holds for the customers for whom `e` is true, falsity(e) for those for whom it is
// false; neither holds where `e` is unknown (a comparison with none), following the Kleene logic
// of the VM. Lets are expanded. A comparison of a value with a constant becomes a literal on the
// one atom the value depends on when the value is a monotone function of it (`monetary >= 5000`,
// `days_between(max(Order.at), as_of) <= 90`, `employees * 2 > 10`): the evaluator inverts the
// function by bisection, so rounding, date arithmetic and overflow are those of the VM.
// `if`/`??` inside a compared value split into cases. Statistics over all customers are atoms, or
// with sample data the sample's constants (translate_population.cpp).
// Anything else — a comparison of two
// customer values, arithmetic on two atoms — becomes an opaque atom: the analysis then knows
// less, which can only make it say "may" or stay silent, never claim something false.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "lint/atoms.hpp"
#include "lint/eval.hpp"
#include "lint/formula.hpp"
#include "lint/table_grid.hpp"
#include "vm/program.hpp"

namespace strata::linter {

class Translator {
 public:
  Translator(const Model& model, AtomTable& atoms, const Evaluator& eval);

  F truth(const ast::Expr& e);
  F falsity(const ast::Expr& e);
  F not_true(const ast::Expr& e) { return f_not(atoms_, truth(e)); }
  // The numeric value `e` is zero (a present zero).
  F is_zero(const ast::Expr& e);
  // `e` (any type) is not none.
  F presence(const ast::Expr& e);
  // Tierings in every form (translate_tiers.cpp). The customer's tier in `tiering` is exactly
  // `tier` (`==`); is `tier` or one of its sub-tiers (`is`, `in`, a tier in a table cell); is
  // none. Where a formula would grow too large it is a literal on the tiering's atom instead.
  F tier_exact(std::uint32_t tiering, std::uint32_t tier);
  F tier_within(std::uint32_t tiering, std::uint32_t tier);
  F tier_none(std::uint32_t tiering);
  // Tier lists: a tier's own condition (true for `otherwise`); the customer reaches the tier's
  // level and the tier takes it there (its parent took it and no earlier sibling matched, or with
  // `unique` no other sibling); none of the tier's sub-tiers takes it, so it stays in the tier.
  F tier_condition(std::uint32_t tiering, std::uint32_t tier);
  F tier_taken(std::uint32_t tiering, std::uint32_t tier);
  F no_sub_tier(std::uint32_t tiering, std::uint32_t tier);
  // Decision tables: the cells as value sets (table_grid.hpp); a cell matches; every cell of a
  // row matches; the row is the one chosen; column `column`'s value lies in `d` (on its grid).
  const TableGrid& table_grid(std::uint32_t tiering);
  F table_cell(std::uint32_t tiering, std::uint32_t row, std::uint32_t cell);
  F table_row(std::uint32_t tiering, std::uint32_t row);
  F row_chosen(std::uint32_t tiering, std::uint32_t row);
  F column_in(std::uint32_t tiering, std::uint32_t column, const Domain& d);

  // The optional atoms (may be none) a condition reads, each with the span in the condition
  // through which it is read (a field, a let, an aggregate call).
  std::vector<std::pair<std::uint32_t, Span>> optional_inputs(const ast::Expr& e);

  AtomTable& atoms() { return atoms_; }
  const Evaluator& evaluator() const { return eval_; }

 private:
  struct Term {
    std::uint32_t atom = 0;
    const ast::Expr* expr = nullptr;  // evaluating it with the atom bound gives the value
    int direction = 1;                // +1 non-decreasing, -1 non-increasing in the atom
    bool identity = false;            // the value is the atom itself (up to widening)
  };
  using Pair = std::pair<F, F>;  // (true, false)

  Pair translate(const ast::Expr& e);
  Pair translate_uncached(const ast::Expr& e);
  Pair compare(ast::BinaryOp op, const ast::Expr& lhs, const ast::Expr& rhs, TypeKind kind,
               const ast::Expr& whole);
  Pair compare_with_constant(ast::BinaryOp op, const ast::Expr& e, const Val& k, TypeKind kind);
  Pair compare_term(ast::BinaryOp op, const Term& t, const Val& k, TypeKind kind);
  Pair opaque_compare(ast::BinaryOp op, const ast::Expr& lhs, const ast::Expr& rhs,
                      const ast::Expr& whole);
  Pair relation(ast::BinaryOp op, const ast::Expr& lhs, const ast::Expr& rhs, TypeKind lhs_kind,
                TypeKind rhs_kind);
  Pair tier_compare(ast::BinaryOp op, std::uint32_t tiering, std::uint32_t tier);
  // `value` is `tier` of `tiering` or one of its sub-tiers: as `is` (two-valued) or as an item of
  // `in` (unknown when the value is none).
  Pair tier_member(const ast::Expr& value, std::uint32_t tiering, std::uint32_t tier,
                   bool two_valued);
  F tier_range(std::uint32_t tiering, Num lo, Num hi);
  F cell_formula(std::uint32_t tiering, std::uint32_t row, std::uint32_t cell);
  Pair cell_compare(ast::BinaryOp op, const ast::Expr& column, const ast::Expr& operand,
                    TypeKind kind);
  F cached_tier(char kind, std::uint32_t tiering, std::uint32_t tier,
                const std::function<F()>& make, const Domain& fallback);
  F string_in(const ast::Expr& e, const Interval& r, const Domain& universe);
  Pair opaque_bool(const ast::Expr& e);
  std::optional<Term> term(const ast::Expr& e);
  std::optional<Val> constant(const ast::Expr& e) const { return eval_.constant(e); }
  // The value of the term with its atom set to `v` (nullopt: none), converted to `kind`.
  Val value_at(const Term& t, std::optional<Num> v, TypeKind kind) const;
  std::optional<std::uint32_t> atom_of(const ast::Expr& e);
  // Statistics over all customers (translate_population.cpp): the atom of one the analysis has
  // no value for (none for a value of the sample's run, which is a constant).
  std::optional<std::uint32_t> population_atom(const ast::Expr& call);
  Domain population_universe(const ast::Expr& call, const vm::Statistic& s);
  // The statistic sum() over the same argument as a cumulative share, when the rules compute it.
  std::optional<std::uint32_t> sum_of_same_input(const vm::Statistic& share) const;
  void inputs_of(const ast::Expr& e, Span entry, std::vector<std::pair<std::uint32_t, Span>>& out,
                 int depth);

  const Model& model_;
  AtomTable& atoms_;
  const Evaluator& eval_;
  std::unordered_map<ast::ExprId, Pair> cache_;
  std::map<std::tuple<char, std::uint32_t, std::uint32_t>, F> tier_cache_;
  std::map<std::uint32_t, TableGrid> grids_;
  std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>, F> cell_cache_;
  std::map<std::pair<std::uint32_t, std::uint32_t>, F> row_cache_;
  std::map<std::pair<std::uint32_t, std::string>, F> column_cache_;
  std::set<std::uint32_t> linked_relations_;  // relations whose missing sides are linked
};

}  // namespace strata::linter
