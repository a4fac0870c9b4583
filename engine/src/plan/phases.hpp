// The planner: which values each phase of a run computes, derived from the dependency graph.
//
// Statistics over all customers (avg(x), quintile(x), ...) need every customer's argument before
// any customer can use their result, so a run goes in phases (ARCHITECTURE.md decision 6):
//
//   stage 0   statistics known from the number of customers alone (count())
//   phase 0   per customer: event aggregates, and the arguments of stage-1 statistics
//   stage 1   statistics over those arguments
//   phase 1   per customer: values using stage-1 statistics, arguments of stage-2 statistics
//   ...
//   phase K   per customer: tierings and requested values
//
// The level of an expression is the last stage it needs: 0 for values of the data alone, and for
// an expression containing a statistic at least that statistic's stage, which is one more than
// its argument's level. A value is computed in the phase of its level. Each distinct statistic —
// the same function of the same argument, wherever and however often it is written — is computed
// once; statistics with the same argument share one column of inputs (and one sort).
//
// Every statistic of the rule set is planned, whatever a run outputs, so every run of a rule set
// computes the same statistics: a population snapshot of one run serves any later evaluation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "check/model.hpp"
#include "vm/program.hpp"

namespace strata::plan {

// One distinct argument of statistics over all customers.
struct Input {
  const ast::Expr* expr = nullptr;  // where it is first written
  std::string key;                  // canonical form
  std::uint32_t phase = 0;          // the per-customer phase that computes it
};

struct Stat {
  vm::StatKind kind = vm::StatKind::Count;
  std::optional<std::uint32_t> input;  // none: count() of customers
  Decimal fraction;                    // percentile
  std::int64_t buckets = 0;            // ntile
  std::uint32_t stage = 0;
  const ast::Expr* call = nullptr;  // where it is first written
  std::string key;
  std::vector<std::string> used_by;  // lets and tierings using it, in declaration order
};

struct Phases {
  std::uint32_t count = 1;  // per-customer phases (one more than the last stage)
  std::vector<Input> inputs;
  std::vector<Stat> stats;  // by stage, then in the order first written
  std::unordered_map<ast::ExprId, std::uint32_t> stat_of_call;
};

Phases plan_phases(const Model& model);

// A canonical text of e: expressions with equal texts compute the same value for every customer
// (names are resolved, spacing and parentheses do not matter).
std::string canonical(const Model& model, const ast::Expr& e);

// The built-in a population call computes, with median and quintile folded into percentile and
// ntile; `fraction` and `buckets` receive their constant arguments.
vm::StatKind stat_kind(const Model& model, const ast::Expr& call, Decimal& fraction,
                       std::int64_t& buckets);

}  // namespace strata::plan
