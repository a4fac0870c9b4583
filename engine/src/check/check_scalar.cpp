// Scalar built-ins: functions of one customer's values (abs, round, days_between, max(a, b), ...).
//
// Every scalar function gives a missing result when an argument is missing, so the result is
// optional when any argument is; the rules below only decide the kind.
#include "check/checker.hpp"

namespace strata::check {
namespace {

bool timeish(const Type& t) {
  return t.kind == TypeKind::Date || t.kind == TypeKind::DateTime;
}

}  // namespace

Type Checker::check_scalar(const ast::Expr& e, const ast::CallExpr& c, BuiltinId id,
                           const std::vector<Type>& args) {
  const std::string& name = c.callee.text;
  bool optional = false;
  for (const Type& t : args) optional = optional || t.optional;
  // Reports argument `i` as not what `name` needs.
  auto wrong = [&](std::size_t i, std::string_view needs) {
    diags_
        .error(DiagCode::TypeMismatch, c.args[i]->span,
               "`" + name + "` needs " + std::string(needs) + ", but this is `" + name_of(args[i]) +
                   "`",
               "this is `" + name_of(args[i]) + "`")
        .emit();
    return set(e, Type{});
  };
  auto result = [&](Type t) { return set(e, t.as_optional(optional)); };
  switch (id) {
    case BuiltinId::Abs:
      if (!args[0].is_numeric() && args[0].kind != TypeKind::Duration) {
        return wrong(0, "a number or a duration");
      }
      return result(args[0]);
    case BuiltinId::Round: {
      if (!args[0].is_numeric()) return wrong(0, "a number");
      if (args.size() == 2) {
        const std::optional<ConstValue> places = constant_of(*c.args[1]);
        if (!places || places->kind != TypeKind::Int || places->i < -18 || places->i > 6) {
          diags_
              .error(DiagCode::TypeMismatch, c.args[1]->span,
                     "the number of places of `round` must be a whole number from -18 to 6, "
                     "written out",
                     "this is `" + std::string(m_.sources->text(c.args[1]->span)) + "`")
              .emit();
          return set(e, Type{});
        }
      }
      return result(args[0]);
    }
    case BuiltinId::Floor:
    case BuiltinId::Ceil:
      if (!args[0].is_numeric()) return wrong(0, "a number");
      return result(Type::of(TypeKind::Int));
    case BuiltinId::Clamp:
    case BuiltinId::Min:
    case BuiltinId::Max: {
      const bool clamp = id == BuiltinId::Clamp;
      Type common = args[0];
      for (std::size_t i = 0; i < args.size(); ++i) {
        if (clamp ? !args[i].is_numeric() : !comparison_kind(args[i], args[i], true)) {
          return wrong(i, clamp ? "numbers" : "values that have an order");
        }
        const std::optional<Type> next = common_type(common, args[i]);
        if (!next || !comparison_kind(common, args[i], true)) {
          mismatch("`" + name + "` needs values of one type: `" + name_of(common) + "` and `" +
                       name_of(args[i]) + "` differ",
                   *c.args[i], args[i], c.args[0].get(), &args[0]);
          return set(e, Type{});
        }
        common = *next;
      }
      return result(common);
    }
    case BuiltinId::DaysBetween:
    case BuiltinId::MonthsBetween:
      for (std::size_t i = 0; i < 2; ++i) {
        if (!timeish(args[i])) return wrong(i, "dates");
      }
      return result(Type::of(TypeKind::Int));
    case BuiltinId::Year:
    case BuiltinId::Month:
    case BuiltinId::Day:
    case BuiltinId::Quarter:
    case BuiltinId::Weekday:
      if (!timeish(args[0])) return wrong(0, "a date");
      return result(Type::of(TypeKind::Int));
    case BuiltinId::DateOf:
      if (!timeish(args[0])) return wrong(0, "a date or datetime");
      return result(Type::of(TypeKind::Date));
    case BuiltinId::Days:
    case BuiltinId::Hours:
      if (args[0].kind != TypeKind::Duration) return wrong(0, "a duration");
      return result(Type::of(TypeKind::Int));
    default:
      return set(e, Type{});
  }
}

}  // namespace strata::check
