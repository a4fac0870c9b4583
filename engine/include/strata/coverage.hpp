// Rule coverage: which parts of a rule set a set of evaluations exercised.
//
// A CoverageRecorder compiles, once per rule set, a program that evaluates every tier condition
// and every term of it (the operands of its top-level `and`/`or` chain), and every row and cell
// of every decision table, next to the tierings, by the same bytecode lowering as a run. Each
// record() call evaluates a dataset with it and counts, per tiering:
//   - how many customers each tier took (a tier with sub-tiers: every customer of its subtree),
//     and how many got no tier;
//   - for each term of each tier, how often it held, was false, or was unknown, counting a term
//     only for customers that tried its tier and whose earlier terms in the chain had not decided
//     the condition already (`and`: no earlier term false; `or`: none true) — the evaluations the
//     engine itself performs. A tier is tried when its parent took the customer (every top-level
//     tier has that) and, under first match, no earlier sibling did;
//   - for each row of a decision table, how many customers it decided, and for each cell that
//     tests something (not `-`) how often it held, for the customers that tried the row (first
//     match: no earlier row matched; `unique`: everyone).
// Coverage items: in the tier form every tier must take a customer and every term must both hold
// and not hold; in a decision table every row must decide for a customer and every cell must both
// hold and not hold (its tiers are covered through their rows); a product has no items of its own,
// since its tiers follow from its operands, which are covered on their own. Unknown counts as "not
// held", because a condition that is unknown does not match (Kleene logic, docs/language.md); it
// is also counted on its own, so a report can show whether missing values were exercised.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "strata/decimal.hpp"
#include "strata/strata.hpp"

namespace strata {

struct TermCoverage {
  std::string source;  // the term as written; for a table cell, its column as written
  std::string cell;    // a table cell as written (`yes`, `>= 5`); empty for a condition's term
  Span span;
  bool can_be_unknown = false;  // its type is optional (`bool?`)
  std::uint64_t held = 0;
  std::uint64_t failed = 0;  // false
  std::uint64_t unknown = 0;
  bool held_covered() const { return held > 0; }
  bool not_held_covered() const { return failed + unknown > 0; }
};

struct TierCoverage {
  std::string id;  // `top`, or `top.important_value` for a sub-tier
  Span span;
  bool otherwise = false;
  std::uint64_t chosen = 0;  // customers the tier took, its sub-tiers' included
  std::vector<TermCoverage> terms;
};

// A decision table's row.
struct RowCoverage {
  std::size_t row = 0;  // from 0, in table order
  std::string text;     // as written: `(yes, no, yes)`, or `otherwise`
  std::string tier;     // the tier id it leads to
  Span span;
  bool otherwise = false;
  std::uint64_t chosen = 0;         // customers this row decided
  std::vector<TermCoverage> cells;  // the cells that test something, in column order
};

// Covered and required items, an exact ratio.
struct CoverageCount {
  std::uint64_t covered = 0;
  std::uint64_t required = 0;
  CoverageCount& operator+=(const CoverageCount& o) {
    covered += o.covered;
    required += o.required;
    return *this;
  }
  // covered / required >= share, compared exactly; nothing required counts as complete.
  bool at_least(Decimal share) const;
  // covered / required as a percentage rounded down to `places` decimals ("93.75").
  std::string percent(int places = 2) const;
};

struct TieringCoverage {
  std::string name;
  TieringInfo::Form form = TieringInfo::Form::Tiers;
  std::vector<TierCoverage> tiers;    // pre-order, as TieringInfo::tiers
  std::vector<RowCoverage> rows;      // Table
  std::vector<std::string> operands;  // Product: the tierings whose coverage is its own
  std::uint64_t customers = 0;        // evaluations counted
  std::uint64_t no_tier = 0;          // customers no tier matched
  CoverageCount tiers_count() const;  // the tier form: tiers that took a customer
  CoverageCount rows_count() const;   // a table: rows that decided for a customer
  CoverageCount terms_count() const;  // term outcomes, or a table's cell outcomes
  CoverageCount total() const;
};

struct Coverage {
  std::vector<TieringCoverage> tierings;  // in declaration order
  CoverageCount total() const;
};

class CoverageRecorder {
 public:
  explicit CoverageRecorder(std::shared_ptr<const RuleSet> rules);
  CoverageRecorder(CoverageRecorder&&) noexcept;
  CoverageRecorder& operator=(CoverageRecorder&&) noexcept;
  ~CoverageRecorder();

  // Evaluates every customer of `data` with `options` (params, today) and adds the outcomes.
  // False with diagnostics when the parameters are unusable or an evaluation fails.
  bool record(const Dataset& data, const RunOptions& options, Diagnostics& diags);
  const Coverage& coverage() const;
  const RuleSet& rules() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace strata
