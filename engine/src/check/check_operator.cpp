// Binary operators, `between` and `in`: the typing rules of docs/language.md ("Operators").
//
// Besides the result type, each operator records an OperatorSig: the kinds both operands are
// converted to (int -> decimal, date -> datetime) and the result kind, from which the compiler
// picks a typed instruction. A bare name next to an enum or a tier value is read as one of its
// members (`industry == ict`), so members need no qualification.
#include "check/checker.hpp"

namespace strata::check {
namespace {

bool timeish(TypeKind k) {
  return k == TypeKind::Date || k == TypeKind::DateTime;
}

}  // namespace

TypeKind meet_kinds(TypeKind a, TypeKind b) {
  if (a == b) return a;
  if (a == TypeKind::Decimal || b == TypeKind::Decimal) return TypeKind::Decimal;
  return TypeKind::DateTime;
}

std::optional<TypeKind> Checker::comparison_kind(const Type& a, const Type& b, bool ordered) const {
  if (a.is_numeric() && b.is_numeric()) return meet_kinds(a.kind, b.kind);
  if (timeish(a.kind) && timeish(b.kind)) return meet_kinds(a.kind, b.kind);
  if (a.kind != b.kind) return std::nullopt;
  switch (a.kind) {
    case TypeKind::Duration:
    case TypeKind::Period:
    case TypeKind::String:
      return a.kind;
    case TypeKind::Bool:
      return ordered ? std::nullopt : std::optional(a.kind);
    case TypeKind::Enum:
    case TypeKind::Tier:
      if (ordered || a.ref != b.ref) return std::nullopt;
      return a.kind;
    default:
      return std::nullopt;
  }
}

void Checker::mismatch(const std::string& message, const ast::Expr& a, const Type& ta,
                       const ast::Expr* b, const Type* tb, std::optional<std::string> help) {
  auto d = diags_.error(DiagCode::TypeMismatch, a.span, message, "this is `" + name_of(ta) + "`");
  if (b != nullptr && tb != nullptr) d.label(b->span, "this is `" + name_of(*tb) + "`");
  if (help) d.help(*help);
}

std::pair<Type, Type> Checker::check_pair(const ast::Expr& a, const ast::Expr& b) {
  // A name, or a dotted path such as `top.important_value`, may be a member of the other side's
  // enum or tiering. Check the side that is certainly a value first, so the other can be read in
  // its context.
  const std::optional<std::string> pa = dotted_path(a);
  const std::optional<std::string> pb = dotted_path(b);
  auto head_in_scope = [&](const std::string& path) {
    return in_scope(path.substr(0, path.find('.')));
  };
  if (pa && (!pb || (!head_in_scope(*pa) && head_in_scope(*pb)))) {
    const Type tb = check(b);
    return {check_in_context(a, tb), tb};
  }
  const Type ta = check(a);
  return {ta, pb ? check_in_context(b, ta) : check(b)};
}

Type Checker::check_binary(const ast::Expr& e, const ast::BinaryExpr& b) {
  const auto [l, r] = check_pair(*b.lhs, *b.rhs);
  if (l.is_error() || r.is_error()) return set(e, Type{});
  switch (b.op) {
    case ast::BinaryOp::Add:
    case ast::BinaryOp::Sub:
    case ast::BinaryOp::Mul:
    case ast::BinaryOp::Div:
      return check_arithmetic(e, b, l, r);
    case ast::BinaryOp::And:
    case ast::BinaryOp::Or:
      return check_logic(e, b, l, r);
    case ast::BinaryOp::Coalesce:
      return check_coalesce(e, b, l, r);
    default:
      return check_comparison(e, b, l, r);
  }
}

Type Checker::check_arithmetic(const ast::Expr& e, const ast::BinaryExpr& b, Type l, Type r) {
  using K = TypeKind;
  const K lk = l.kind, rk = r.kind;
  const bool add = b.op == ast::BinaryOp::Add, sub = b.op == ast::BinaryOp::Sub;
  std::optional<OperatorSig> sig;
  Type result;
  if (l.is_numeric() && r.is_numeric()) {
    if (b.op == ast::BinaryOp::Div) {
      sig = OperatorSig{K::Decimal, K::Decimal, K::Decimal};
      result.money = (l.money || r.money) && !(l.money && r.money);
    } else {
      const K k = lk == K::Int && rk == K::Int ? K::Int : K::Decimal;
      sig = OperatorSig{k, k, k};
      result.money = l.money || r.money;
    }
  } else if (add || sub) {
    if (sub && timeish(lk) && timeish(rk)) {
      const K k = meet_kinds(lk, rk);
      sig = OperatorSig{k, k, K::Duration};
    } else if (timeish(lk) && rk == K::Duration) {
      sig = OperatorSig{lk, K::Duration, K::DateTime};
    } else if (timeish(lk) && rk == K::Period) {
      sig = OperatorSig{lk, K::Period, lk};
    } else if (lk == K::Duration && rk == K::Duration) {
      sig = OperatorSig{K::Duration, K::Duration, K::Duration};
    } else if (add && lk == K::Duration && timeish(rk)) {
      sig = OperatorSig{K::Duration, rk, K::DateTime};
    } else if (add && lk == K::Period && timeish(rk)) {
      sig = OperatorSig{K::Period, rk, rk};
    }
  } else if (b.op == ast::BinaryOp::Mul) {
    if (lk == K::Duration && rk == K::Int) sig = OperatorSig{K::Duration, K::Int, K::Duration};
    if (lk == K::Int && rk == K::Duration) sig = OperatorSig{K::Int, K::Duration, K::Duration};
  }
  if (!sig) {
    const std::string a = "`" + name_of(l) + "`", c = "`" + name_of(r) + "`";
    std::string message;
    switch (b.op) {
      case ast::BinaryOp::Add:
        message = "cannot add " + a + " and " + c;
        break;
      case ast::BinaryOp::Sub:
        message = "cannot subtract " + c + " from " + a;
        break;
      case ast::BinaryOp::Mul:
        message = "cannot multiply " + a + " by " + c;
        break;
      default:
        message = "cannot divide " + a + " by " + c;
        break;
    }
    std::optional<std::string> help;
    if (lk == K::Null || rk == K::Null) {
      help = "`none` is a missing value; to use a default instead, write `x ?? 0`";
    } else if (add && timeish(lk) && timeish(rk)) {
      help = "subtract two dates to get a duration, or add a duration such as `30d`";
    } else if (timeish(lk) && r.is_numeric()) {
      help = "write the number with a unit, such as `30d` or `1mo`";
    } else if (lk == K::Duration && r.is_numeric()) {
      help = "use days(...) or hours(...) to turn a duration into a number";
    }
    mismatch(message, *b.lhs, l, b.rhs.get(), &r, help);
    return set(e, Type{});
  }
  m_.operators[e.id] = *sig;
  result.kind = sig->result;
  result.optional = l.optional || r.optional;
  if (b.op == ast::BinaryOp::Div) {
    // Division by zero gives none, unless the divisor is a non-zero number written out.
    const std::optional<ConstValue> divisor = constant_of(*b.rhs);
    const bool nonzero = divisor && ((divisor->kind == K::Int && divisor->i != 0) ||
                                     (divisor->kind == K::Decimal && divisor->d != Decimal()));
    if (!nonzero) result.optional = true;
  }
  return set(e, result);
}

Type Checker::check_comparison(const ast::Expr& e, const ast::BinaryExpr& b, Type l, Type r) {
  using K = TypeKind;
  const bool ordered = b.op != ast::BinaryOp::Eq && b.op != ast::BinaryOp::Ne;
  if (l.kind == K::Null || r.kind == K::Null) {
    const ast::Expr& other = l.kind == K::Null ? *b.rhs : *b.lhs;
    mismatch("cannot compare with `none`", l.kind == K::Null ? *b.lhs : *b.rhs, Type::of(K::Null),
             nullptr, nullptr,
             "a comparison with a missing value is always unknown; test it with `" +
                 std::string(m_.sources->text(other.span)) + " is none`");
    return set(e, Type{});
  }
  const std::optional<K> k = comparison_kind(l, r, ordered);
  if (!k) {
    if (ordered && comparison_kind(l, r, false)) {
      mismatch("cannot use `" + std::string(ast::binary_op_spelling(b.op)) + "` on `" +
                   name_of(l.as_optional(false)) + "` values",
               *b.lhs, l, b.rhs.get(), &r,
               "these values have no order; compare them with `==`, `!=` or `in [...]`");
      return set(e, Type{});
    }
    std::optional<std::string> help;
    const ast::Expr& time_side = timeish(l.kind) ? *b.lhs : *b.rhs;
    const ast::Expr& other_side = timeish(l.kind) ? *b.rhs : *b.lhs;
    const std::string time_text(m_.sources->text(time_side.span));
    const std::string other_text(m_.sources->text(other_side.span));
    if ((timeish(l.kind) && r.is_numeric()) || (l.is_numeric() && timeish(r.kind))) {
      help = "to compare a number of days, use days_between(...), as in `days_between(" +
             time_text + ", today) " + std::string(ast::binary_op_spelling(b.op)) + " " +
             other_text + "`";
    } else if ((timeish(l.kind) && r.kind == K::Duration) ||
               (l.kind == K::Duration && timeish(r.kind))) {
      help = "subtract two dates to get a duration, as in `today - " + time_text + " " +
             std::string(ast::binary_op_spelling(b.op)) + " " + other_text + "`";
    } else if ((l.kind == K::Enum && r.kind == K::String) ||
               (l.kind == K::String && r.kind == K::Enum)) {
      const auto& members = m_.enums[l.kind == K::Enum ? l.ref : r.ref].members;
      help = "enum values are written without quotes, as in `" +
             std::string(m_.sources->text(l.kind == K::Enum ? b.lhs->span : b.rhs->span)) +
             " == " + (members.empty() ? std::string("...") : members.front()) + "`";
    } else if ((l.kind == K::Duration && r.kind == K::Int) ||
               (l.kind == K::Int && r.kind == K::Duration)) {
      help = "write the number with a unit, such as `30d`, or use days(...) on the duration";
    }
    mismatch("cannot compare `" + name_of(l) + "` with `" + name_of(r) + "`", *b.lhs, l,
             b.rhs.get(), &r, help);
    return set(e, Type{});
  }
  m_.operators[e.id] = OperatorSig{*k, *k, K::Bool};
  return set(e, Type::of(K::Bool, l.optional || r.optional));
}

Type Checker::check_logic(const ast::Expr& e, const ast::BinaryExpr& b, Type l, Type r) {
  bool ok = true;
  for (const auto& [side, t] : {std::pair{b.lhs.get(), l}, std::pair{b.rhs.get(), r}}) {
    if (t.kind == TypeKind::Bool) continue;
    ok = false;
    diags_
        .error(DiagCode::TypeMismatch, side->span,
               "`" + std::string(ast::binary_op_spelling(b.op)) +
                   "` needs yes/no values, but this is `" + name_of(t) + "`",
               "this is `" + name_of(t) + "`")
        .help("compare it with something, as in `" + std::string(m_.sources->text(side->span)) +
              " > 0`");
  }
  if (!ok) return set(e, Type{});
  m_.operators[e.id] = OperatorSig{TypeKind::Bool, TypeKind::Bool, TypeKind::Bool};
  return set(e, Type::of(TypeKind::Bool, l.optional || r.optional));
}

Type Checker::check_coalesce(const ast::Expr& e, const ast::BinaryExpr& b, Type l, Type r) {
  const std::optional<Type> t = common_type(l, r);
  if (!t || t->kind == TypeKind::Null || l.kind == TypeKind::Events) {
    mismatch("`??` needs a default of the same type: `" + name_of(l) + "` and `" + name_of(r) +
                 "` differ",
             *b.lhs, l, b.rhs.get(), &r);
    return set(e, Type{});
  }
  if (!l.optional) {
    diags_
        .warning(DiagCode::NotOptional, b.lhs->span,
                 "`" + std::string(m_.sources->text(b.lhs->span)) +
                     "` is never missing, so the default after `??` is never used",
                 "this is `" + name_of(l) + "`, never none")
        .emit();
  }
  m_.operators[e.id] = OperatorSig{t->kind, t->kind, t->kind};
  return set(e, t->as_optional(r.optional));
}

Type Checker::check_between(const ast::Expr& e, const ast::BetweenExpr& n) {
  const Type v = check(*n.value);
  const Type lo = check(*n.low);
  const Type hi = check(*n.high);
  if (v.is_error() || lo.is_error() || hi.is_error()) return set(e, Type{});
  std::optional<TypeKind> k;
  for (const auto& [bound, t] : {std::pair{n.low.get(), lo}, std::pair{n.high.get(), hi}}) {
    const std::optional<TypeKind> kb = comparison_kind(v, t, true);
    if (!kb) {
      mismatch("cannot compare `" + name_of(v) + "` with `" + name_of(t) + "`", *n.value, v, bound,
               &t);
      return set(e, Type{});
    }
    k = k ? meet_kinds(*k, *kb) : *kb;
  }
  m_.operators[e.id] = OperatorSig{*k, *k, TypeKind::Bool};
  return set(e, Type::of(TypeKind::Bool, v.optional || lo.optional || hi.optional));
}

Type Checker::check_in(const ast::Expr& e, const ast::InExpr& n) {
  const Type v = check(*n.value);
  bool ok = !v.is_error();
  bool optional = v.optional;
  std::optional<TypeKind> k;
  for (const ast::ExprPtr& item : n.items) {
    const Type t = check_in_context(*item, v);
    if (t.is_error() || !ok) {
      ok = false;
      continue;
    }
    const std::optional<TypeKind> kt =
        t.kind == TypeKind::Null ? std::nullopt : comparison_kind(v, t, false);
    if (!kt) {
      mismatch("`" + std::string(m_.sources->text(item->span)) + "` cannot be compared with `" +
                   std::string(m_.sources->text(n.value->span)) + "`",
               *item, t, n.value.get(), &v);
      ok = false;
      continue;
    }
    optional = optional || t.optional;
    k = k ? meet_kinds(*k, *kt) : *kt;
  }
  if (!ok) return set(e, Type{});
  const TypeKind kind = k ? *k : v.kind;
  m_.operators[e.id] = OperatorSig{kind, kind, TypeKind::Bool};
  return set(e, Type::of(TypeKind::Bool, optional));
}

}  // namespace strata::check
