// Statistics over the population: `avg(x)`, `count()`, `median(x)`, `ntile(x, n)`, ...
//
// A call is a population statistic when its argument is a per-customer value (a field, a let, a
// tiering or any expression of them) rather than events: `avg(frequency)` averages every
// customer's frequency, `quintile(recency)` places each customer among all of them. The argument
// is checked in the customer scope even when the call sits inside an aggregate over events, where
// a statistic is not available (E0227): event aggregates are computed before any statistic.
// Uses of lets inside the argument are recorded as population edges of the dependency graph, so a
// cycle through a statistic is reported as such (E0228, deps.cpp).
//
// Result types: aggregates (sum, avg, min, max, median, percentile, stddev) may be none — the
// population may be empty or every value missing — and keep the money mark where the result is
// in the argument's unit; positions (ntile, quintile, rank, percent_rank) are missing exactly
// when the customer's own value is; cumulative_share is missing when the total is zero.
#include "check/checker.hpp"

namespace strata::check {
namespace {

bool has_order(const Type& t) {
  return t.is_numeric() || t.kind == TypeKind::Date || t.kind == TypeKind::DateTime ||
         t.kind == TypeKind::Duration;
}

}  // namespace

Type Checker::check_population(const ast::Expr& e, const ast::CallExpr& c, BuiltinId id) {
  const std::string& name = c.callee.text;
  // At the group level of a KPI, the same aggregates run over the customers of each group.
  const bool group = kpi_level_ == KpiLevel::Group;
  m_.calls[e.id] = CallInfo{id, group ? CallScope::Kpi : CallScope::Population, 0};
  const bool inside_events = event_scope_.has_value();
  const ast::Expr* arg = c.args.empty() ? nullptr : c.args[0].get();

  if (arg != nullptr && mentions_events(*arg)) {
    // The argument reads events: an aggregate of the wrong shape, or a population statistic
    // given events instead of a per-customer value.
    if (!is_population_only(id)) {
      diags_
          .error(DiagCode::BadAggregate, arg->span,
                 "the argument of `" + name + "` must be events or one of their fields",
                 "not an events name or field")
          .help("write, for example, `" + name + "(Order.amount)`");
    } else {
      diags_
          .error(DiagCode::BadAggregate, arg->span,
                 "`" + name +
                     "` is a statistic over all customers: it takes a value of each "
                     "customer, not events",
                 "events, not a value of each customer")
          .help("aggregate each customer's events first, as in `" + name +
                "(sum(Order.amount))`, or name a let such as `" + name + "(monetary)`");
    }
    return set(e, Type{});
  }

  // The argument is a value of each customer, whatever scope the call sits in.
  const auto saved_scope = event_scope_;
  const ast::Expr* saved_call = population_call_;
  event_scope_.reset();
  population_call_ = group ? nullptr : &e;
  if (group) kpi_level_ = KpiLevel::Customer;
  std::vector<Type> args;
  for (const ast::ExprPtr& a : c.args) args.push_back(check(*a));
  if (group) kpi_level_ = KpiLevel::Group;
  event_scope_ = saved_scope;
  population_call_ = saved_call;

  for (const Type& t : args) {
    if (t.is_error()) return set(e, Type{});
  }
  if (c.filter) {
    diags_
        .error(DiagCode::BadAggregate, c.filter->span,
               "`where` filters events, but `" + std::string(m_.sources->text(e.span)) +
                   "` is over all customers",
               "not allowed here")
        .help(
            "to count the customers that meet a condition, write `count(condition)`, as in "
            "`count(frequency >= 2)`");
    return set(e, Type{});
  }
  if (inside_events) {
    diags_
        .error(DiagCode::PopulationInEventAggregate, e.span,
               "`" + std::string(m_.sources->text(e.span)) +
                   "` is a statistic over all customers and cannot be used inside an aggregate "
                   "over one customer's events",
               "a statistic over all customers")
        .note(
            "each customer's events are aggregated first; statistics over all customers are "
            "computed from those results, after them")
        .help(
            "aggregate first and compare the result, as in `sum(Order.amount) > avg(monetary)`, "
            "or put the threshold in a param");
    return set(e, Type{});
  }

  const Type x = args.empty() ? Type::of(TypeKind::Int) : args[0];
  auto wrong = [&](std::string_view needs) {
    diags_
        .error(DiagCode::TypeMismatch, arg->span,
               "`" + name + "` needs " + std::string(needs) + ", but `" +
                   std::string(m_.sources->text(arg->span)) + "` is `" + name_of(x) + "`",
               "this is `" + name_of(x) + "`")
        .emit();
    return set(e, Type{});
  };
  auto in_unit = [&](TypeKind kind, bool optional) {
    Type t = Type::of(kind, optional);
    t.money = x.money;
    return set(e, t);
  };
  switch (id) {
    case BuiltinId::Count:
      if (x.kind == TypeKind::Null) return wrong("a value of each customer");
      return set(e, Type::of(TypeKind::Int));
    case BuiltinId::Sum:
      if (!x.is_numeric()) return wrong("numbers");
      return set(e, x.as_optional(true));
    case BuiltinId::Avg:
    case BuiltinId::Stddev:
    case BuiltinId::Median:
      if (!x.is_numeric()) return wrong("numbers");
      return in_unit(TypeKind::Decimal, true);
    case BuiltinId::Percentile: {
      if (!x.is_numeric()) return wrong("numbers");
      const std::optional<ConstValue> p = constant_of(*c.args[1]);
      const bool ok =
          p &&
          ((p->kind == TypeKind::Int && (p->i == 0 || p->i == 1)) ||
           (p->kind == TypeKind::Decimal && p->d >= Decimal() && p->d <= Decimal::from_int(1)));
      if (!ok) {
        diags_
            .error(DiagCode::TypeMismatch, c.args[1]->span,
                   "the share of `percentile` must be a number from 0% to 100% (0 to 1), "
                   "written out",
                   "this is `" + std::string(m_.sources->text(c.args[1]->span)) + "`")
            .help("write, for example, `percentile(" + std::string(m_.sources->text(arg->span)) +
                  ", 80%)`");
        return set(e, Type{});
      }
      return in_unit(TypeKind::Decimal, true);
    }
    case BuiltinId::Min:
    case BuiltinId::Max:
      if (!has_order(x)) return wrong("numbers, dates or durations");
      return set(e, x.as_optional(true));
    case BuiltinId::Ntile: {
      if (!has_order(x)) return wrong("numbers, dates or durations");
      const std::optional<ConstValue> n = constant_of(*c.args[1]);
      if (!n || n->kind != TypeKind::Int || n->i < 1) {
        diags_
            .error(DiagCode::TypeMismatch, c.args[1]->span,
                   "the number of buckets of `ntile` must be a whole number of at least 1, "
                   "written out",
                   "this is `" + std::string(m_.sources->text(c.args[1]->span)) + "`")
            .help("write, for example, `ntile(" + std::string(m_.sources->text(arg->span)) +
                  ", 10)` for deciles");
        return set(e, Type{});
      }
      return set(e, Type::of(TypeKind::Int, x.optional));
    }
    case BuiltinId::Quintile:
    case BuiltinId::Rank:
      if (!has_order(x)) return wrong("numbers, dates or durations");
      return set(e, Type::of(TypeKind::Int, x.optional));
    case BuiltinId::PercentRank:
      if (!has_order(x)) return wrong("numbers, dates or durations");
      return set(e, Type::of(TypeKind::Decimal, x.optional));
    case BuiltinId::CumulativeShare:
      if (!x.is_numeric()) return wrong("numbers");
      return set(e, Type::of(TypeKind::Decimal, true));
    default:
      return set(e, Type{});
  }
}

}  // namespace strata::check
