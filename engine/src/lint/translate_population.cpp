// Statistics over all customers in formulas (population.hpp).
//
// A statistic the analysis has no value for is an atom: one for the whole run (`avg(R)`, the same
// unknown for every customer) or one per customer (a position). What each can be is its universe:
// count() >= 1 (the customer itself is counted), other counts >= 0, stddev >= 0, an average,
// minimum, maximum or percentile of a value lies within that value's range, ntile(x, n) in 1..n,
// rank >= 1, percent_rank in 0..1. Links tie it to the customer's own argument: a statistic of
// values the customer has is not none (it is one of them), a count of what the customer has is at
// least 1, and a position is none exactly when the argument is (cumulative_share is also none
// when the total is zero; where the rules compute sum() of the same argument, a customer with a
// value whose total is not zero has a cumulative share). With a bound population, values for the
// run are constants. A position stays an atom even then: where a value falls depends on the
// customer's key (ties) and on whether it replaces a customer of the sample, so it is no function
// of the value alone; each candidate example's own position is computed exactly.
#include "lint/population.hpp"
#include "lint/translate.hpp"

namespace strata::linter {

Domain Translator::population_universe(const ast::Expr& call, const vm::Statistic& s) {
  const Type& type = model_.types[call.id];
  const Domain any = atoms_.type_universe(type);
  const auto bounded = [&](Num lo, Num hi) { return Domain::range(lo, hi, type.optional); };
  switch (s.kind) {
    case vm::StatKind::Count:
      return Domain::range(s.input ? 0 : 1, type_high(TypeKind::Int));
    case vm::StatKind::Stddev:
      return bounded(0, type_high(type.kind));
    case vm::StatKind::Ntile:
      return bounded(1, s.buckets);
    case vm::StatKind::Rank:
      return bounded(1, type_high(TypeKind::Int));
    case vm::StatKind::PercentRank:
      return bounded(0, Decimal::kOne);
    case vm::StatKind::Avg:
    case vm::StatKind::Min:
    case vm::StatKind::Max:
    case vm::StatKind::Percentile: {
      // Within the range of the argument's values, when the argument is one atom.
      const ast::Expr& arg = *std::get<ast::CallExpr>(call.node).args[0];
      const auto t = term(arg);
      if (!t || !t->identity) return any;
      const Domain values = atoms_.universe(t->atom).values_only();
      if (!values.has_values()) return any;
      const TypeKind from = atoms_[t->atom].type.kind;
      const Val lo = convert(Val::of(from, values.ranges().front().lo), type.kind);
      const Val hi = convert(Val::of(from, values.ranges().back().hi), type.kind);
      return any.intersect(bounded(lo.n, hi.n));
    }
    default:
      return any;
  }
}

std::optional<std::uint32_t> Translator::sum_of_same_input(const vm::Statistic& share) const {
  const Statistics& stats = eval_.statistics();
  for (std::uint32_t k = 0; k < stats.size(); ++k) {
    if (stats[k].kind == vm::StatKind::Sum && stats[k].input == share.input) return k;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> Translator::population_atom(const ast::Expr& call) {
  const Statistics& stats = eval_.statistics();
  const auto k = stats.of(call);
  if (!k) return std::nullopt;
  if (stats.bound() && !stats.is_position(*k)) return std::nullopt;  // a constant
  if (auto found = atoms_.find_population(*k)) return found;
  const vm::Statistic& s = stats[*k];
  const std::uint32_t a = atoms_.population(*k, call, population_universe(call, s));
  if (!s.input) return a;
  const ast::Expr& arg = *std::get<ast::CallExpr>(call.node).args[0];
  const bool counts_truth =
      s.kind == vm::StatKind::Count && model_.types[arg.id].kind == TypeKind::Bool;
  const F has = counts_truth ? truth(arg) : presence(arg);
  const F present = f_lit(atoms_, a, atoms_.universe(a).values_only());
  if (s.kind == vm::StatKind::Count) {
    atoms_.add_link(a, f_or(f_not(atoms_, has), f_lit(atoms_, a, Domain::range(1, INT64_MAX))));
    return a;
  }
  if (s.kind != vm::StatKind::CumulativeShare) {
    atoms_.add_link(a, f_or(f_not(atoms_, has), present));
  } else if (const auto total = sum_of_same_input(s)) {
    // `if sum(x) > 0 then cumulative_share(x) ...`: under the guard the share is a value.
    if (const auto total_atom = population_atom(*stats.call(*total))) {
      atoms_.add_link(
          a, f_or({f_not(atoms_, has), f_lit(atoms_, *total_atom, Domain::point(0)), present}));
    } else if (const Val v = stats.value(*total, stats[*total].type.kind);
               v.present() && v.n != 0) {
      atoms_.add_link(a, f_or(f_not(atoms_, has), present));
    }
  }
  if (stats.is_position(*k)) atoms_.add_link(a, f_or(has, f_lit(atoms_, a, Domain::none_only())));
  return a;
}

}  // namespace strata::linter
