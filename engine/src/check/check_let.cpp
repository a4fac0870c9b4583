// Params and lets: declared types, defaults, and inferred types.
//
// A param's default is folded to a constant here (widened to the param's type) so the run can
// start from it; `today` stays a flag because its value is the run's date. Lets are typed on
// first use — by a later let, a tiering, or the loop in check_bodies() — so their order in the
// files does not matter; meeting a let that is still being typed means a cycle, which
// order_definitions() reports once for the whole cycle.
#include "check/checker.hpp"

namespace strata::check {

std::optional<Type> common_type(const Type& a, const Type& b) {
  if (a.is_error() || b.is_error()) return Type::of(TypeKind::Error);
  if (a.kind == TypeKind::Null) return b.as_optional(true);
  if (b.kind == TypeKind::Null) return a.as_optional(true);
  Type t = a;
  t.optional = a.optional || b.optional;
  if (a.is_numeric() && b.is_numeric()) {
    t.kind = a.kind == TypeKind::Int && b.kind == TypeKind::Int ? TypeKind::Int : TypeKind::Decimal;
    t.money = a.money || b.money;
    return t;
  }
  const auto timeish = [](TypeKind k) { return k == TypeKind::Date || k == TypeKind::DateTime; };
  if (timeish(a.kind) && timeish(b.kind)) {
    t.kind = a.kind == b.kind ? a.kind : TypeKind::DateTime;
    return t;
  }
  if (a.kind != b.kind) return std::nullopt;
  if ((a.kind == TypeKind::Enum || a.kind == TypeKind::Tier || a.kind == TypeKind::Events) &&
      a.ref != b.ref) {
    return std::nullopt;
  }
  return t;
}

bool accepts(const Type& target, const Type& value) {
  if (target.is_error() || value.is_error()) return true;
  if (value.kind == TypeKind::Null) return target.optional;
  if (value.optional && !target.optional) return false;
  if (target.kind == value.kind) {
    const bool by_ref = target.kind == TypeKind::Enum || target.kind == TypeKind::Tier;
    return !by_ref || target.ref == value.ref;
  }
  return (target.kind == TypeKind::Decimal && value.kind == TypeKind::Int) ||
         (target.kind == TypeKind::DateTime && value.kind == TypeKind::Date);
}

namespace {

// The constant `v` as a value of `target`'s kind (int 5 as decimal 5, a date at midnight).
ConstValue widen(ConstValue v, const Type& target) {
  if (v.kind == TypeKind::Int && target.kind == TypeKind::Decimal) {
    v.d = Decimal::from_int(v.i);
    v.kind = TypeKind::Decimal;
  } else if (v.kind == TypeKind::Date && target.kind == TypeKind::DateTime) {
    v.i *= 86'400;
    v.kind = TypeKind::DateTime;
  }
  return v;
}

}  // namespace

void Checker::check_params() {
  for (ParamSymbol& p : m_.params) {
    const ast::ParamDecl& d = *p.decl;
    const Type declared = d.type ? field_type(*d.type, p.name, false, nullptr) : Type{};
    p.type = declared;
    if (!d.default_value) {
      if (!d.type) {
        diags_
            .error(DiagCode::TypeMismatch, d.name.span,
                   "param `" + p.name + "` has neither a type nor a default", "")
            .help("write its type, as in `param " + p.name + ": date`, or a default value");
      }
      continue;
    }
    const ast::Expr& value = *d.default_value;
    const Type vt = check(value);
    if (vt.is_error()) continue;
    const auto* lit = value.as<ast::LiteralExpr>();
    p.default_is_today = lit != nullptr && lit->kind == ast::LiteralKind::Today;
    const std::optional<ConstValue> folded = constant_of(value);
    if (!p.default_is_today && !folded) {
      diags_
          .error(DiagCode::TypeMismatch, value.span,
                 "the default of param `" + p.name + "` must be a value written out",
                 "computed, not written out")
          .help(
              "write a value such as `30d`, `2026-01-01` or `100`; compute other values in a "
              "`let`");
      continue;
    }
    if (!d.type) {
      if (vt.kind == TypeKind::Null) {
        diags_
            .error(DiagCode::TypeMismatch, value.span,
                   "the type of param `" + p.name + "` cannot be told from `none`", "")
            .help("write its type, as in `param " + p.name + ": int? = none`");
        continue;
      }
      p.type = vt;
    } else if (!accepts(declared, vt)) {
      diags_
          .error(DiagCode::TypeMismatch, value.span,
                 "param `" + p.name + "` is `" + name_of(declared) + "`, but its default is `" +
                     name_of(vt) + "`",
                 "this is `" + name_of(vt) + "`")
          .emit();
      continue;
    }
    if (folded) p.default_value = widen(*folded, p.type);
  }
}

void Checker::check_let(std::uint32_t id) {
  if (let_state_[id] != 0) return;
  let_state_[id] = 1;
  LetSymbol& let = m_.lets[id];
  const ast::LetDecl& d = *let.decl;
  const auto saved_owner = owner_;
  const auto saved_scope = event_scope_;
  const ast::Expr* saved_call = population_call_;
  owner_ = Node{Node::Kind::Let, id};
  event_scope_.reset();
  population_call_ = nullptr;
  const Type vt = d.value ? check(*d.value) : Type{};
  owner_ = saved_owner;
  event_scope_ = saved_scope;
  population_call_ = saved_call;
  if (d.type) {
    const Type declared = field_type(*d.type, let.name, false, nullptr);
    if (d.value && !accepts(declared, vt)) {
      auto b = diags_.error(DiagCode::TypeMismatch, d.value->span,
                            "`" + let.name + "` is declared `" + name_of(declared) +
                                "`, but its value is `" + name_of(vt) + "`",
                            "this is `" + name_of(vt) + "`");
      b.label(d.type->span, "declared here");
      if (vt.optional && accepts(declared.as_optional(true), vt)) {
        b.help("the value may be missing: declare `" + name_of(declared.as_optional(true)) +
               "`, or give a default with `?? ...`");
      }
    }
    let.type = declared;
  } else if (vt.kind == TypeKind::Null) {
    diags_
        .error(DiagCode::TypeMismatch, d.value->span,
               "the type of `" + let.name + "` cannot be told from `none`", "")
        .help("write its type, as in `let " + let.name + ": int? = none`");
    let.type = Type{};
  } else {
    let.type = vt;
  }
  let_state_[id] = 2;
}

}  // namespace strata::check
