#include "lint/eval.hpp"

#include <algorithm>
#include <set>

#include "strata/time.hpp"

namespace strata::linter {

namespace {

using ast::BinaryOp;
using State = Val::State;

constexpr Num kInt64Min = INT64_MIN, kInt64Max = INT64_MAX;

bool fits_int64(Num v) {
  return v >= kInt64Min && v <= kInt64Max;
}

// The first operand that is not present decides: Unknown wins over Error wins over None.
std::optional<Val> absent(const Val& a, const Val& b) {
  if (a.state == State::Unknown || b.state == State::Unknown) return Val::unknown();
  if (a.state == State::Error || b.state == State::Error) return Val::error();
  if (!a.present() || !b.present()) return Val::none();
  return std::nullopt;
}

Val as_date(const Val& v) {
  if (v.present() && v.kind == TypeKind::DateTime) {
    return Val::of(TypeKind::Date,
                   timeutil::floor_div(static_cast<std::int64_t>(v.n), timeutil::kSecondsPerDay));
  }
  return v;
}

Val logic_not(const Val& v) {
  if (!v.present()) return v;
  return Val::of(TypeKind::Bool, v.n ? 0 : 1);
}

// Kleene and/or: a decisive operand wins over unknown and none.
Val logic(bool is_and, const Val& a, const Val& b) {
  const auto decisive = [&](const Val& v) { return v.present() && (v.n != 0) == !is_and; };
  if (decisive(a) || decisive(b)) return Val::of(TypeKind::Bool, is_and ? 0 : 1);
  if (auto missing = absent(a, b)) return *missing;
  return Val::of(TypeKind::Bool, is_and ? 1 : 0);
}

Val compare(BinaryOp op, const Val& a, const Val& b) {
  if (auto missing = absent(a, b)) return *missing;
  int c = 0;
  if (a.kind == TypeKind::String) {
    c = a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
  } else {
    c = a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
  }
  bool r = false;
  switch (op) {
    case BinaryOp::Eq:
      r = c == 0;
      break;
    case BinaryOp::Ne:
      r = c != 0;
      break;
    case BinaryOp::Lt:
      r = c < 0;
      break;
    case BinaryOp::Le:
      r = c <= 0;
      break;
    case BinaryOp::Gt:
      r = c > 0;
      break;
    case BinaryOp::Ge:
      r = c >= 0;
      break;
    default:
      break;
  }
  return Val::of(TypeKind::Bool, r ? 1 : 0);
}

Val decimal_op(BinaryOp op, const Val& a, const Val& b) {
  const Decimal x = Decimal::from_units(a.n), y = Decimal::from_units(b.n);
  Decimal r;
  bool ok = false;
  switch (op) {
    case BinaryOp::Add:
      ok = Decimal::add(x, y, r);
      break;
    case BinaryOp::Sub:
      ok = Decimal::sub(x, y, r);
      break;
    case BinaryOp::Mul:
      ok = Decimal::mul(x, y, r);
      break;
    case BinaryOp::Div:
      if (b.n == 0) return Val::none();
      ok = Decimal::div(x, y, r);
      break;
    default:
      break;
  }
  return ok ? Val::of(TypeKind::Decimal, r.units()) : Val::error();
}

Val int_op(BinaryOp op, const Val& a, const Val& b, TypeKind result) {
  Num r = 0;
  switch (op) {
    case BinaryOp::Add:
      r = a.n + b.n;
      break;
    case BinaryOp::Sub:
      r = a.n - b.n;
      break;
    case BinaryOp::Mul:
      // Operands are 64-bit, so the 128-bit product is exact.
      r = a.n * b.n;
      break;
    default:
      break;
  }
  return fits_int64(r) ? Val::of(result, r) : Val::error();
}

}  // namespace

Val compare_values(BinaryOp op, const Val& a, const Val& b) {
  return compare(op, a, b);
}
Val logic_values(bool is_and, const Val& a, const Val& b) {
  return logic(is_and, a, b);
}
Val not_value(const Val& v) {
  return logic_not(v);
}

Val convert(const Val& v, TypeKind to) {
  if (!v.present() || v.kind == to || to == TypeKind::Error) {
    Val out = v;
    if (v.present()) out.kind = to == TypeKind::Error ? v.kind : to;
    return out;
  }
  if (v.kind == TypeKind::Int && to == TypeKind::Decimal) {
    return Val::of(to, v.n * Decimal::kOne);
  }
  if (v.kind == TypeKind::Date && to == TypeKind::DateTime) {
    return Val::of(to, v.n * timeutil::kSecondsPerDay);
  }
  Val out = v;
  out.kind = to;
  return out;
}

Evaluator::Evaluator(const Model& model, std::vector<std::optional<Val>> params,
                     std::optional<Val> today, const Statistics& stats)
    : model_(model), params_(std::move(params)), today_(std::move(today)), stats_(stats) {}

namespace {
class NoEnv : public Env {
 public:
  std::optional<Val> field(std::uint32_t) const override { return Val::unknown(); }
  std::optional<Val> aggregate(const ast::Expr&) const override { return Val::unknown(); }
  std::optional<Val> run_constant(std::uint32_t) const override { return Val::unknown(); }
};
}  // namespace

std::optional<Val> Evaluator::constant(const ast::Expr& e) const {
  const Val v = eval(e, NoEnv{});
  if (v.state == State::Unknown || v.state == State::Error) return std::nullopt;
  return v;
}

Val Evaluator::eval(const ast::Expr& e, const Env& env) const {
  return eval_in(e, env, nullptr);
}

Val Evaluator::eval_name(const ast::Expr& e, const Env& env, const EventRow* event) const {
  const Resolution& r = model_.names[e.id];
  switch (r.kind) {
    case SymbolKind::RecordField:
      return env.field(r.index).value_or(Val::unknown());
    case SymbolKind::EventField:
      if (event == nullptr || r.sub >= event->size()) return Val::unknown();
      return (*event)[r.sub];
    case SymbolKind::Param:
      if (params_[r.index]) return *params_[r.index];
      return env.run_constant(r.index).value_or(Val::unknown());
    case SymbolKind::Let:
      return eval_in(*model_.lets[r.index].decl->value, env, event);
    case SymbolKind::EnumMember:
      return Val::of(TypeKind::Enum, r.sub);
    case SymbolKind::Tier:
      return Val::of(TypeKind::Tier, r.sub);
    case SymbolKind::Tiering:
      return tiering(r.index, env);
    default:
      return Val::unknown();
  }
}

Val Evaluator::eval_in(const ast::Expr& e, const Env& env, const EventRow* event) const {
  if (event == nullptr) {
    if (auto v = env.opaque(e)) return *v;
  }
  const Type& type = model_.types[e.id];
  if (const auto* lit = e.as<ast::LiteralExpr>()) {
    if (lit->kind == ast::LiteralKind::Today) {
      if (today_) return *today_;
      return env.run_constant(kToday).value_or(Val::unknown());
    }
    const auto& c = model_.constants[e.id];
    if (!c || c->kind == TypeKind::Null) return Val::none();
    if (c->kind == TypeKind::Decimal) return Val::of(TypeKind::Decimal, c->d.units());
    if (c->kind == TypeKind::String) return Val::text(c->s);
    return Val::of(c->kind, c->i);
  }
  if (e.as<ast::NameExpr>() || e.as<ast::MemberExpr>()) return eval_name(e, env, event);
  if (const auto* u = e.as<ast::UnaryExpr>()) {
    const Val v = eval_in(*u->operand, env, event);
    if (u->op == ast::UnaryOp::Not) return logic_not(v);
    if (!v.present()) return v;
    if (v.kind == TypeKind::Int && v.n == kInt64Min) return Val::error();
    return Val::of(v.kind, -v.n);
  }
  if (const auto* b = e.as<ast::BinaryExpr>()) return eval_binary(e, *b, env, event);
  if (const auto* bt = e.as<ast::BetweenExpr>()) {
    const OperatorSig& sig = model_.operators[e.id];
    const Val v = convert(eval_in(*bt->value, env, event), sig.lhs);
    const Val lo = convert(eval_in(*bt->low, env, event), sig.lhs);
    const Val hi = convert(eval_in(*bt->high, env, event), sig.lhs);
    const Val r = logic(true, compare(BinaryOp::Ge, v, lo), compare(BinaryOp::Le, v, hi));
    return bt->negated ? logic_not(r) : r;
  }
  if (const auto* in = e.as<ast::InExpr>()) {
    const OperatorSig& sig = model_.operators[e.id];
    const Val v = convert(eval_in(*in->value, env, event), sig.lhs);
    Val acc = Val::of(TypeKind::Bool, 0);
    for (const ast::ExprPtr& item : in->items) {
      // A tier takes its sub-tiers too, as `is` does; `==` stays exact.
      const Resolution& r = model_.names[item->id];
      const Val eq = r.kind == SymbolKind::Tier
                         ? within_tier(v, model_.tierings[r.index], r.sub)
                         : compare(BinaryOp::Eq, v, convert(eval_in(*item, env, event), sig.lhs));
      acc = logic(false, acc, eq);
    }
    return in->negated ? logic_not(acc) : acc;
  }
  if (const auto* is = e.as<ast::IsExpr>()) {
    const Val v = eval_in(*is->value, env, event);
    if (v.state == State::Unknown || v.state == State::Error) return v;
    Val r;
    if (!is->target) {
      r = Val::of(TypeKind::Bool, v.present() ? 0 : 1);
    } else {
      // Two-valued: a customer in no tier is not in tier x; a tier takes its sub-tiers.
      const Resolution& target = model_.names[e.id];
      const Val in = target.kind == SymbolKind::Tier
                         ? within_tier(v, model_.tierings[target.index], target.sub)
                         : Val::of(TypeKind::Bool, v.present() && v.n == target.sub ? 1 : 0);
      r = Val::of(TypeKind::Bool, in.is_true() ? 1 : 0);
    }
    return is->negated ? logic_not(r) : r;
  }
  if (const auto* f = e.as<ast::IfExpr>()) {
    const Val c = eval_in(*f->condition, env, event);
    if (c.state == State::Unknown || c.state == State::Error) return c;
    return convert(eval_in(c.is_true() ? *f->then_value : *f->else_value, env, event), type.kind);
  }
  if (const auto* c = e.as<ast::CallExpr>()) return eval_call(e, *c, env, event);
  return Val::unknown();
}

Val Evaluator::eval_binary(const ast::Expr& e, const ast::BinaryExpr& b, const Env& env,
                           const EventRow* event) const {
  const OperatorSig& sig = model_.operators[e.id];
  if (b.op == BinaryOp::And || b.op == BinaryOp::Or) {
    return logic(b.op == BinaryOp::And, eval_in(*b.lhs, env, event), eval_in(*b.rhs, env, event));
  }
  if (ast::is_comparison(b.op)) {
    return compare(b.op, convert(eval_in(*b.lhs, env, event), sig.lhs),
                   convert(eval_in(*b.rhs, env, event), sig.rhs));
  }
  if (b.op == BinaryOp::Coalesce) {
    const Val l = eval_in(*b.lhs, env, event);
    if (l.state != State::None) return convert(l, sig.result);
    return convert(eval_in(*b.rhs, env, event), sig.result);
  }
  Val l = eval_in(*b.lhs, env, event), r = eval_in(*b.rhs, env, event);
  if (auto missing = absent(l, r)) return *missing;
  if (sig.result == TypeKind::Decimal) {
    return decimal_op(b.op, convert(l, TypeKind::Decimal), convert(r, TypeKind::Decimal));
  }
  if (l.kind == TypeKind::Period || r.kind == TypeKind::Period) {
    if (l.kind == TypeKind::Period) std::swap(l, r);
    const std::int64_t months = static_cast<std::int64_t>(b.op == BinaryOp::Sub ? -r.n : r.n);
    const auto moved =
        l.kind == TypeKind::Date
            ? timeutil::add_months_to_date(static_cast<std::int64_t>(l.n), months)
            : timeutil::add_months_to_datetime(static_cast<std::int64_t>(l.n), months);
    return moved ? Val::of(l.kind, *moved) : Val::error();
  }
  if (l.kind == TypeKind::Date) l = convert(l, TypeKind::DateTime);
  if (r.kind == TypeKind::Date) r = convert(r, TypeKind::DateTime);
  return int_op(b.op, l, r, sig.result);
}

Val Evaluator::eval_call(const ast::Expr& e, const ast::CallExpr& c, const Env& env,
                         const EventRow* event) const {
  const CallInfo& info = model_.calls[e.id];
  if (info.scope == CallScope::EventAggregate) {
    return env.aggregate(e).value_or(Val::unknown());
  }
  if (info.scope == CallScope::Population) return eval_population(e, c, env);
  if (info.scope != CallScope::Scalar) return Val::unknown();
  const TypeKind kind = model_.types[e.id].kind;
  std::vector<Val> args;
  for (const ast::ExprPtr& a : c.args) args.push_back(eval_in(*a, env, event));
  for (const Val& a : args) {
    if (!a.present()) return a;
  }
  const Val& x = args[0];
  switch (info.builtin) {
    case BuiltinId::Abs:
      if (x.kind == TypeKind::Int && x.n == kInt64Min) return Val::error();
      return Val::of(x.kind, x.n < 0 ? -x.n : x.n);
    case BuiltinId::Round: {
      if (x.kind != TypeKind::Decimal) return x;
      std::int64_t places = 0;
      if (args.size() > 1) places = static_cast<std::int64_t>(args[1].n);
      Decimal r;
      if (!Decimal::round(Decimal::from_units(x.n), static_cast<int>(places), r)) {
        return Val::error();
      }
      return Val::of(TypeKind::Decimal, r.units());
    }
    case BuiltinId::Floor:
    case BuiltinId::Ceil: {
      if (x.kind != TypeKind::Decimal) return x;
      const Decimal d = Decimal::from_units(x.n);
      const auto v =
          (info.builtin == BuiltinId::Floor ? Decimal::floor(d) : Decimal::ceil(d)).to_int();
      return v ? Val::of(TypeKind::Int, *v) : Val::error();
    }
    case BuiltinId::Clamp: {
      const Val v = convert(x, kind), lo = convert(args[1], kind), hi = convert(args[2], kind);
      return Val::of(kind, std::max(std::min(v.n, hi.n), lo.n));
    }
    case BuiltinId::Min:
    case BuiltinId::Max: {
      Val acc = convert(x, kind);
      for (std::size_t i = 1; i < args.size(); ++i) {
        const Val v = convert(args[i], kind);
        const bool take = info.builtin == BuiltinId::Min ? v.n < acc.n : v.n > acc.n;
        if (kind == TypeKind::String ? (info.builtin == BuiltinId::Min ? v.s < acc.s : v.s > acc.s)
                                     : take) {
          acc = v;
        }
      }
      return acc;
    }
    case BuiltinId::DaysBetween: {
      const Val a = as_date(x), b = as_date(args[1]);
      return int_op(BinaryOp::Sub, b, a, TypeKind::Int);
    }
    case BuiltinId::MonthsBetween:
      return Val::of(TypeKind::Int,
                     timeutil::months_between(static_cast<std::int64_t>(as_date(x).n),
                                              static_cast<std::int64_t>(as_date(args[1]).n)));
    case BuiltinId::Year:
    case BuiltinId::Month:
    case BuiltinId::Day:
    case BuiltinId::Quarter:
    case BuiltinId::Weekday: {
      const auto days = static_cast<std::int64_t>(as_date(x).n);
      if (info.builtin == BuiltinId::Weekday) {
        return Val::of(TypeKind::Int, timeutil::floor_div(days + 3, 7) * -7 + days + 3 + 1);
      }
      const timeutil::Civil civil = timeutil::civil_from_days(days);
      const Num v = info.builtin == BuiltinId::Year    ? civil.year
                    : info.builtin == BuiltinId::Month ? civil.month
                    : info.builtin == BuiltinId::Day   ? civil.day
                                                       : (civil.month - 1) / 3 + 1;
      return Val::of(TypeKind::Int, v);
    }
    case BuiltinId::DateOf:
      return as_date(x);
    case BuiltinId::Days:
      return Val::of(TypeKind::Int, x.n / timeutil::kSecondsPerDay);
    case BuiltinId::Hours:
      return Val::of(TypeKind::Int, x.n / 3600);
    default:
      return Val::unknown();
  }
}

Val Evaluator::aggregate_over(const ast::Expr& call, const std::vector<EventRow>& events,
                              const Env& customer) const {
  const auto& c = std::get<ast::CallExpr>(call.node);
  const CallInfo& info = model_.calls[call.id];
  const EventsSymbol& es = model_.events[info.events];
  const ast::Expr* value = nullptr;
  if (!c.args.empty() && model_.names[c.args[0]->id].kind != SymbolKind::Events) {
    value = c.args[0].get();
  }
  // Events in time order: missing times first, ties in the order given.
  std::vector<std::size_t> order(events.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (es.time_field) {
    const std::uint32_t tf = *es.time_field;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const Val &x = events[a][tf], &y = events[b][tf];
      if (x.present() != y.present()) return !x.present();
      return x.present() && x.n < y.n;
    });
  }
  std::vector<Val> values;
  std::size_t passing = 0;
  for (std::size_t i : order) {
    const EventRow& row = events[i];
    if (c.filter) {
      const Val f = eval_in(*c.filter, customer, &row);
      if (f.state == State::Unknown || f.state == State::Error) return f;
      if (!f.is_true()) continue;
    }
    ++passing;
    if (!value) continue;
    const Val v = eval_in(*value, customer, &row);
    if (v.state == State::Unknown || v.state == State::Error) return v;
    if (v.present()) values.push_back(v);
  }
  const TypeKind vk = value ? model_.types[value->id].kind : TypeKind::Int;
  switch (info.builtin) {
    case BuiltinId::Count:
      return Val::of(TypeKind::Int, static_cast<Num>(value ? values.size() : passing));
    case BuiltinId::Distinct: {
      std::set<std::pair<Num, std::string>> seen;
      for (const Val& v : values) seen.insert({v.n, v.s});
      return Val::of(TypeKind::Int, static_cast<Num>(seen.size()));
    }
    case BuiltinId::Sum:
    case BuiltinId::Avg: {
      const bool dec = info.builtin == BuiltinId::Avg || vk == TypeKind::Decimal;
      Val acc = Val::of(dec ? TypeKind::Decimal : vk, 0);
      for (const Val& v : values) {
        acc = dec ? decimal_op(BinaryOp::Add, acc, convert(v, TypeKind::Decimal))
                  : int_op(BinaryOp::Add, acc, v, vk);
        if (!acc.present()) return acc;
      }
      if (info.builtin == BuiltinId::Sum) return acc;
      if (values.empty()) return Val::none();
      return decimal_op(
          BinaryOp::Div, acc,
          Val::of(TypeKind::Decimal, static_cast<Num>(values.size()) * Decimal::kOne));
    }
    case BuiltinId::Min:
    case BuiltinId::Max: {
      if (values.empty()) return Val::none();
      Val best = values[0];
      for (const Val& v : values) {
        if (info.builtin == BuiltinId::Min ? v.n < best.n : v.n > best.n) best = v;
      }
      return best;
    }
    case BuiltinId::First:
      return values.empty() ? Val::none() : values.front();
    case BuiltinId::Last:
      return values.empty() ? Val::none() : values.back();
    default:
      return Val::unknown();
  }
}

std::string value_text(const Val& v, const Model& model, const Type& type) {
  if (!v.present()) return "";
  switch (type.kind) {
    case TypeKind::Int:
      return num_to_string(v.n);
    case TypeKind::Decimal:
      return Decimal::from_units(v.n).to_string();
    case TypeKind::Bool:
      return v.n ? "true" : "false";
    case TypeKind::String:
      return v.s;
    case TypeKind::Date:
      return timeutil::format_date(static_cast<std::int64_t>(v.n));
    case TypeKind::DateTime:
      return timeutil::format_datetime(static_cast<std::int64_t>(v.n));
    case TypeKind::Duration:
      return timeutil::format_duration(static_cast<std::int64_t>(v.n));
    case TypeKind::Period:
      return timeutil::format_period(static_cast<std::int64_t>(v.n));
    case TypeKind::Enum: {
      const auto& members = model.enums[type.ref].members;
      return v.n >= 0 && v.n < static_cast<Num>(members.size())
                 ? members[static_cast<std::size_t>(v.n)]
                 : "";
    }
    case TypeKind::Tier: {
      const auto& tiers = model.tierings[type.ref].tiers;
      return v.n >= 0 && v.n < static_cast<Num>(tiers.size())
                 ? tiers[static_cast<std::size_t>(v.n)].name
                 : "";
    }
    default:
      return "";
  }
}

}  // namespace strata::linter
