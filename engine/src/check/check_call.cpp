// Calls of built-in functions (stdlib/builtins.def): arity, scope, and result types.
//
// The argument decides the scope. `count(Order)` and `sum(Order.amount where ...)` are event
// aggregates over one customer's events; inside their argument and filter, bare names are that
// events' fields first. The same functions over a per-customer value (`avg(frequency)`) are
// statistics over the population (check_population.cpp), as are `count()`, `median`, `ntile` and
// the other Population built-ins. min/max with two or more arguments are ordinary scalar
// functions.
#include <array>

#include "check/checker.hpp"

namespace strata::check {
namespace {

enum class Kind : std::uint8_t { Scalar, Aggregate, Overloaded, Population, Kpi };

struct Builtin {
  BuiltinId id;
  std::string_view spelling;
  int min_args;
  int max_args;
  Kind kind;
};

constexpr std::array kBuiltins = {
#define STRATA_BUILTIN(Name, spelling, min_args, max_args, kind, summary) \
  Builtin{BuiltinId::Name, spelling, min_args, max_args, Kind::kind},
#include "builtins.def"
};

const Builtin* find_builtin(std::string_view name) {
  for (const Builtin& b : kBuiltins) {
    if (b.spelling == name) return &b;
  }
  return nullptr;
}

std::string arity_text(const Builtin& b) {
  if (b.max_args < 0)
    return "at least " + plural(static_cast<std::size_t>(b.min_args), "argument", "arguments");
  if (b.min_args == b.max_args)
    return plural(static_cast<std::size_t>(b.min_args), "argument", "arguments");
  return std::to_string(b.min_args) + " or " + std::to_string(b.max_args) + " arguments";
}

}  // namespace

}  // namespace strata::check

namespace strata {

bool is_population_only(BuiltinId id) {
  for (const check::Builtin& b : check::kBuiltins) {
    if (b.id == id) return b.kind == check::Kind::Population;
  }
  return false;
}

bool is_position(BuiltinId id) {
  switch (id) {
    case BuiltinId::Ntile:
    case BuiltinId::Quintile:
    case BuiltinId::Rank:
    case BuiltinId::PercentRank:
    case BuiltinId::CumulativeShare:
      return true;
    default:
      return false;
  }
}

}  // namespace strata

namespace strata::check {

Type Checker::check_call(const ast::Expr& e, const ast::CallExpr& c) {
  const std::string& name = c.callee.text;
  const Builtin* b = find_builtin(name);
  if (b == nullptr) {
    // Arguments over events are not checked: without a known function they have no scope.
    for (const ast::ExprPtr& a : c.args) {
      if (!mentions_events(*a)) check(*a);
    }
    std::vector<std::string> names;
    for (const Builtin& x : kBuiltins) names.emplace_back(x.spelling);
    auto d = diags_.error(DiagCode::UnknownFunction, c.callee.span,
                          "unknown function `" + name + "`", "not a built-in function");
    if (auto near = closest_name(name, names)) {
      d.help("did you mean `" + *near + "`?");
    } else {
      d.note("the built-in functions are listed in docs/stdlib.md");
    }
    return set(e, Type{});
  }
  const auto n = static_cast<int>(c.args.size());
  if (n < b->min_args || (b->max_args >= 0 && n > b->max_args)) {
    // Arguments over events are not checked: their scope depends on the call being valid.
    for (const ast::ExprPtr& a : c.args) {
      if (!mentions_events(*a)) check(*a);
    }
    diags_
        .error(DiagCode::WrongArity, e.span,
               "`" + name + "` takes " + arity_text(*b) + ", got " + std::to_string(n),
               "expected " + arity_text(*b))
        .emit();
    return set(e, Type{});
  }
  m_.calls[e.id] = CallInfo{b->id, CallScope::Scalar, 0};
  if (b->kind == Kind::Kpi) return check_kpi_function(e, c, b->id);
  const bool aggregate = b->kind == Kind::Population || n == 0 || b->kind == Kind::Aggregate ||
                         (b->kind == Kind::Overloaded && n == 1);
  if (kpi_level_ != KpiLevel::None && misplaced_in_kpi(e, c, b->id, aggregate)) {
    return set(e, Type{});
  }
  if (b->kind == Kind::Population || n == 0) return check_population(e, c, b->id);
  if (aggregate) return check_aggregate(e, c, b->id);
  std::vector<Type> args;
  for (const ast::ExprPtr& a : c.args) args.push_back(check(*a));
  if (c.filter) {
    check(*c.filter);
    diags_
        .error(DiagCode::BadAggregate, c.filter->span,
               "`where` filters events, but `" + name + "` does not read events",
               "not allowed here")
        .help(
            "`where` goes inside an aggregate over events, as in `count(Order where amount > "
            "100)`");
    return set(e, Type{});
  }
  for (const Type& t : args) {
    if (t.is_error()) return set(e, Type{});
  }
  return check_scalar(e, c, b->id, args);
}

Type Checker::check_aggregate(const ast::Expr& e, const ast::CallExpr& c, BuiltinId id) {
  const std::string& name = c.callee.text;
  const ast::Expr& arg = *c.args[0];
  std::optional<std::uint32_t> ev;
  std::optional<std::uint32_t> field;
  if (const auto* n = arg.as<ast::NameExpr>()) {
    ev = find_events(n->name);
    if (ev) {
      m_.names[arg.id] = {SymbolKind::Events, *ev, 0};
      Type et = Type::of(TypeKind::Events);
      et.ref = *ev;
      set(arg, et);
    }
  } else if (const auto* m = arg.as<ast::MemberExpr>()) {
    if (const auto* obj = m->object->as<ast::NameExpr>()) ev = find_events(obj->name);
  }
  if (!ev) {
    // Not over events: a per-customer value, i.e. a statistic over the population.
    if (id == BuiltinId::First || id == BuiltinId::Last || id == BuiltinId::Distinct) {
      const bool names_events = mentions_events(arg);
      if (!names_events) check(arg);
      if (c.filter) check(*c.filter);
      if (names_events) {
        diags_
            .error(DiagCode::BadAggregate, arg.span,
                   "the argument of `" + name + "` must be events or one of their fields",
                   "not an events name or field")
            .help("write, for example, `" + name + "(Order.amount)`");
      } else if (!m_.types[arg.id].is_error()) {
        diags_
            .error(DiagCode::BadAggregate, arg.span,
                   "`" + name + "` works on the field of some events", "not an events field")
            .help("write, for example, `" + name + "(Order.amount)`");
      }
      return set(e, Type{});
    }
    return check_population(e, c, id);
  }
  const auto saved = event_scope_;
  event_scope_ = ev;
  Type ft;  // the field's type, or Events for count(Order)
  if (arg.as<ast::MemberExpr>()) {
    ft = check(arg);
    if (!ft.is_error()) field = m_.names[arg.id].sub;
  } else {
    ft = m_.types[arg.id];
  }
  bool filter_ok = true;
  if (c.filter) filter_ok = !expect_bool(*c.filter, "the `where` filter").is_error();
  event_scope_ = saved;
  m_.calls[e.id] = CallInfo{id, CallScope::EventAggregate, *ev};
  if (ft.is_error() || !filter_ok) return set(e, Type{});
  const std::string& events_name = m_.events[*ev].name;
  if (!field && id != BuiltinId::Count) {
    diags_
        .error(DiagCode::BadAggregate, arg.span,
               "`" + name + "` needs a field of `" + events_name + "`",
               "a set of events, not a value")
        .help("write, for example, `" + name + "(" + events_name + "." +
              (m_.events[*ev].fields.empty() ? std::string("amount")
                                             : m_.events[*ev].fields.back().name) +
              ")`");
    return set(e, Type{});
  }
  const Type plain = ft.as_optional(false);
  auto wrong = [&](std::string_view needs) {
    diags_
        .error(DiagCode::TypeMismatch, arg.span,
               "`" + name + "` needs " + std::string(needs) + ", but `" +
                   std::string(m_.sources->text(arg.span)) + "` is `" + name_of(ft) + "`",
               "this is `" + name_of(ft) + "`")
        .emit();
    return set(e, Type{});
  };
  switch (id) {
    case BuiltinId::Count:
    case BuiltinId::Distinct:
      return set(e, Type::of(TypeKind::Int));
    case BuiltinId::Sum:
      if (!plain.is_numeric() && plain.kind != TypeKind::Duration) {
        return wrong("numbers or durations");
      }
      return set(e, plain);
    case BuiltinId::Avg: {
      if (!plain.is_numeric()) return wrong("numbers");
      Type t = Type::of(TypeKind::Decimal, true);
      t.money = plain.money;
      return set(e, t);
    }
    case BuiltinId::Min:
    case BuiltinId::Max:
      if (!comparison_kind(plain, plain, true)) return wrong("values that have an order");
      return set(e, plain.as_optional(true));
    case BuiltinId::First:
    case BuiltinId::Last:
      if (!m_.events[*ev].time_field) {
        diags_
            .error(DiagCode::BadAggregate, e.span,
                   "`" + name + "` needs events in time order, but `" + events_name +
                       "` has no date or datetime field",
                   "no event time")
            .emit();
        return set(e, Type{});
      }
      return set(e, plain.as_optional(true));
    default:
      return set(e, Type{});
  }
}

bool Checker::mentions_events(const ast::Expr& e) const {
  bool found = false;
  auto visit = [&](auto&& self, const ast::Expr& x) -> void {
    if (found) return;
    if (const auto* n = x.as<ast::NameExpr>()) {
      if (top_.count(n->name) != 0) {
        found = top_.at(n->name).kind == TopKind::Events;
        return;
      }
      for (std::uint32_t ev = 0; ev < m_.events.size() && !found; ++ev) {
        found = event_field(ev, n->name).has_value();
      }
      return;
    }
    if (const auto* m = x.as<ast::MemberExpr>()) return self(self, *m->object);
    if (const auto* u = x.as<ast::UnaryExpr>()) return self(self, *u->operand);
    if (const auto* b = x.as<ast::BinaryExpr>()) {
      self(self, *b->lhs);
      return self(self, *b->rhs);
    }
    if (const auto* b = x.as<ast::BetweenExpr>()) {
      self(self, *b->value);
      self(self, *b->low);
      return self(self, *b->high);
    }
    if (const auto* i = x.as<ast::InExpr>()) {
      self(self, *i->value);
      for (const auto& item : i->items) self(self, *item);
      return;
    }
    if (const auto* i = x.as<ast::IsExpr>()) return self(self, *i->value);
    if (const auto* i = x.as<ast::IfExpr>()) {
      self(self, *i->condition);
      self(self, *i->then_value);
      return self(self, *i->else_value);
    }
    // A nested call has its own scope; what it mentions is its own business.
  };
  visit(visit, e);
  return found;
}

}  // namespace strata::check
