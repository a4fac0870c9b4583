// Rule coverage: which parts of a rule set a set of evaluations exercised.
//
// A CoverageRecorder compiles, once per rule set, a program that evaluates every tier condition
// and every term of it (the operands of its top-level `and`/`or` chain) next to the tierings, by
// the same bytecode lowering as a run. Each record() call evaluates a dataset with it and counts,
// per tiering:
//   - how many customers each tier was chosen for (and how many got no tier);
//   - for each term of each tier, how often it held, was false, or was unknown, counting a term
//     only for customers that reached its tier (first match: no earlier tier was chosen) and
//     whose earlier terms in the chain had not decided the condition already (`and`: no earlier
//     term false; `or`: none true) — the evaluations the engine itself performs.
// Coverage items: every tier must be chosen once, and every term must both hold and not hold.
// Unknown counts as "not held", because a condition that is unknown does not match (Kleene
// logic, docs/language.md); it is also counted on its own, so a report can show whether missing
// values were exercised. Decision-table rows become items of their own when tables exist.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "strata/decimal.hpp"
#include "strata/strata.hpp"

namespace strata {

struct TermCoverage {
  std::string source;  // the term as written
  Span span;
  bool can_be_unknown = false;  // its type is optional (`bool?`)
  std::uint64_t held = 0;
  std::uint64_t failed = 0;  // false
  std::uint64_t unknown = 0;
  bool held_covered() const { return held > 0; }
  bool not_held_covered() const { return failed + unknown > 0; }
};

struct TierCoverage {
  std::string id;
  Span span;
  bool otherwise = false;
  std::uint64_t chosen = 0;
  std::vector<TermCoverage> terms;
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
  std::vector<TierCoverage> tiers;
  std::uint64_t customers = 0;  // evaluations counted
  std::uint64_t no_tier = 0;    // customers no tier matched
  CoverageCount tiers_count() const;
  CoverageCount terms_count() const;
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
