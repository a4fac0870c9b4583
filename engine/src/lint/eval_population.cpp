// Statistics over all customers in the reference evaluator (population.hpp): the value an
// environment gives them (an atom of the analysis, or a run of the example alone), else the bound
// population's — a position is placed among its customers exactly as a record's is.
#include "lint/eval.hpp"
#include "lint/population.hpp"
#include "plan/phases.hpp"

namespace strata::linter {

Val Evaluator::eval_population(const ast::Expr& e, const ast::CallExpr& c, const Env& env) const {
  const auto k = stats_.of(e);
  if (!k) return Val::unknown();
  if (auto v = env.population(e, *k)) return *v;
  if (!stats_.bound()) return Val::unknown();
  const TypeKind kind = model_.types[e.id].kind;
  if (!stats_.is_position(*k)) return stats_.value(*k, kind);
  const Val argument = eval_in(*c.args[0], env, nullptr);
  if (argument.state == Val::State::Unknown || argument.state == Val::State::Error) {
    return argument;
  }
  // Ties are broken by the record key: the customer's own when the environment has it.
  population::Key key = stats_.example_key();
  if (model_.record) {
    const Val own = env.field(model_.record->key_field).value_or(Val::unknown());
    if (own.present()) key = Statistics::key_of(own);
  }
  return stats_.position(*k, argument, key, kind);
}

Val Evaluator::alone_statistic(const ast::Expr& call, const Env& env) const {
  const auto& c = std::get<ast::CallExpr>(call.node);
  const TypeKind kind = model_.types[call.id].kind;
  if (c.args.empty()) return Val::of(TypeKind::Int, 1);  // count(): the customer itself
  Decimal fraction;
  std::int64_t buckets = 0;
  const vm::StatKind stat = plan::stat_kind(model_, call, fraction, buckets);
  const Val x = eval_in(*c.args[0], env, nullptr);
  if (x.state == Val::State::Unknown || x.state == Val::State::Error) return x;
  if (stat == vm::StatKind::Count) {
    const bool counted =
        model_.types[c.args[0]->id].kind == TypeKind::Bool ? x.is_true() : x.present();
    return Val::of(TypeKind::Int, counted ? 1 : 0);
  }
  // Every other statistic leaves a missing value out: of no values it is none.
  if (!x.present()) return Val::none();
  switch (stat) {
    case vm::StatKind::Stddev:
    case vm::StatKind::PercentRank:
      return Val::of(kind, 0);
    case vm::StatKind::Ntile:
    case vm::StatKind::Rank:
      return Val::of(kind, 1);
    case vm::StatKind::CumulativeShare:
      // Its own share of a total of itself; none when the total is zero.
      return x.n == 0 ? Val::none() : Val::of(kind, Decimal::kOne);
    default:
      // sum, avg, min, max, median and percentile of one value: that value.
      return convert(x, kind);
  }
}

}  // namespace strata::linter
