// Expressions: dispatch, unary operators, `if`, `is`, and names read in the context of an enum
// or a tiering.
//
// Each check records the expression's type in Model::types and returns it. An operand of type
// Error has already been reported, so rules that meet one return Error without a word.
#include "check/checker.hpp"

namespace strata::check {

Type Checker::check(const ast::Expr& e) {
  return std::visit(
      [&](const auto& node) -> Type {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::LiteralExpr>) return check_literal(e, node);
        if constexpr (std::is_same_v<T, ast::NameExpr>) {
          if (kpi_level_ == KpiLevel::Group) {
            if (auto t = check_kpi_name(e, node.name)) return *t;
          }
          return check_name(e, node);
        }
        if constexpr (std::is_same_v<T, ast::MemberExpr>) {
          if (kpi_level_ != KpiLevel::Group) return check_member(e, node);
          // `rfm.previous`, `Customer.revenue`: values of each customer.
          kpi_level_ = KpiLevel::Customer;
          const Type t = check_member(e, node);
          kpi_level_ = KpiLevel::Group;
          if (!t.is_error()) report_customer_value(e);
          return set(e, Type{});
        }
        if constexpr (std::is_same_v<T, ast::UnaryExpr>) return check_unary(e, node);
        if constexpr (std::is_same_v<T, ast::BinaryExpr>) return check_binary(e, node);
        if constexpr (std::is_same_v<T, ast::BetweenExpr>) return check_between(e, node);
        if constexpr (std::is_same_v<T, ast::InExpr>) return check_in(e, node);
        if constexpr (std::is_same_v<T, ast::IsExpr>) return check_is(e, node);
        if constexpr (std::is_same_v<T, ast::IfExpr>) return check_if(e, node);
        if constexpr (std::is_same_v<T, ast::CallExpr>) return check_call(e, node);
      },
      e.node);
}

Type Checker::check_in_context(const ast::Expr& e, const Type& context) {
  const auto* n = e.as<ast::NameExpr>();
  if (context.is_error()) return check(e);
  if (n == nullptr) {
    // `top.important_value` next to a nested tiering's value names one of its sub-tiers.
    const auto* m = e.as<ast::MemberExpr>();
    const std::optional<std::string> path = dotted_path(e);
    if (m == nullptr || !path || context.kind != TypeKind::Tier) return check(e);
    if (auto tier = tier_index(context.ref, *path)) {
      m_.names[e.id] = {SymbolKind::Tier, context.ref, *tier};
      Type t = Type::of(TypeKind::Tier);
      t.ref = context.ref;
      return set(e, t);
    }
    if (in_scope(path->substr(0, path->find('.')))) return check(e);
    report_unknown_tier(ast::Ident{*path, e.span}, context.ref);
    return set(e, Type{});
  }
  if (context.kind == TypeKind::Enum) {
    const EnumSymbol& en = m_.enums[context.ref];
    for (std::uint32_t i = 0; i < en.members.size(); ++i) {
      if (en.members[i] == n->name) {
        m_.names[e.id] = {SymbolKind::EnumMember, context.ref, i};
        Type t = Type::of(TypeKind::Enum);
        t.ref = context.ref;
        return set(e, t);
      }
    }
    if (in_scope(n->name)) return check(e);
    auto b = diags_.error(DiagCode::UnknownName, e.span, "unknown name `" + n->name + "`",
                          "not a value of `" + en.name + "`");
    if (auto near = closest_name(n->name, en.members)) {
      b.help("did you mean `" + *near + "`?");
    } else {
      std::string list;
      for (const std::string& s : en.members) list += (list.empty() ? "" : ", ") + s;
      b.help("`" + en.name + "` is one of " + list);
    }
    return set(e, Type{});
  }
  if (context.kind == TypeKind::Tier) {
    if (auto tier = tier_index(context.ref, n->name)) {
      m_.names[e.id] = {SymbolKind::Tier, context.ref, *tier};
      Type t = Type::of(TypeKind::Tier);
      t.ref = context.ref;
      return set(e, t);
    }
    if (in_scope(n->name)) return check(e);
    report_unknown_tier(ast::Ident{n->name, e.span}, context.ref);
    return set(e, Type{});
  }
  return check(e);
}

Type Checker::expect_bool(const ast::Expr& e, std::string_view what) {
  const Type t = check(e);
  if (t.is_error() || t.kind == TypeKind::Bool) return t;
  diags_
      .error(DiagCode::ConditionNotBool, e.span,
             std::string(what) + " is `" + name_of(t) + "`, not a yes/no value",
             "this is `" + name_of(t) + "`")
      .help("compare it with something, as in `" + std::string(m_.sources->text(e.span)) + " > 0`");
  return Type{};
}

Type Checker::check_unary(const ast::Expr& e, const ast::UnaryExpr& u) {
  const Type t = check(*u.operand);
  if (t.is_error()) return set(e, Type{});
  if (u.op == ast::UnaryOp::Not) {
    if (t.kind == TypeKind::Bool) return set(e, t);
    diags_
        .error(DiagCode::TypeMismatch, u.operand->span,
               "`not` needs a yes/no value, but this is `" + name_of(t) + "`",
               "this is `" + name_of(t) + "`")
        .emit();
    return set(e, Type{});
  }
  if (t.is_numeric() || t.kind == TypeKind::Duration) return set(e, t);
  diags_
      .error(DiagCode::TypeMismatch, u.operand->span, "cannot negate `" + name_of(t) + "`",
             "this is `" + name_of(t) + "`")
      .emit();
  return set(e, Type{});
}

Type Checker::check_if(const ast::Expr& e, const ast::IfExpr& n) {
  const Type c = check(*n.condition);
  if (!c.is_error() && c.kind != TypeKind::Bool) {
    diags_
        .error(DiagCode::ConditionNotBool, n.condition->span,
               "the condition of `if` is `" + name_of(c) + "`, not a yes/no value",
               "this is `" + name_of(c) + "`")
        .emit();
  }
  const auto [a, b] = check_pair(*n.then_value, *n.else_value);
  if (c.is_error() || c.kind != TypeKind::Bool) return set(e, Type{});
  const std::optional<Type> t = common_type(a, b);
  if (!t) {
    mismatch(
        "the branches of `if` have different types: `" + name_of(a) + "` and `" + name_of(b) + "`",
        *n.then_value, a, n.else_value.get(), &b, "both branches must give the same kind of value");
    return set(e, Type{});
  }
  // An unknown condition takes the else branch, so the condition's optionality adds nothing.
  return set(e, *t);
}

Type Checker::check_is(const ast::Expr& e, const ast::IsExpr& n) {
  if (!n.target) {
    const Type t = check(*n.value);
    if (t.is_error()) return set(e, Type{});
    if (!t.optional) {
      diags_
          .warning(DiagCode::NotOptional, n.value->span,
                   "`" + std::string(m_.sources->text(n.value->span)) +
                       "` is never missing, so this test is always " +
                       (n.negated ? "true" : "false"),
                   "this is `" + name_of(t) + "`, never none")
          .emit();
    }
    return set(e, Type::of(TypeKind::Bool));
  }
  const Type t = check(*n.value);
  if (t.is_error()) return set(e, Type{});
  const ast::Ident& target = *n.target;
  if (t.kind == TypeKind::Tier) {
    const auto tier = tier_index(t.ref, target.text);
    if (!tier) {
      report_unknown_tier(target, t.ref);
      return set(e, Type{});
    }
    // IsExpr nodes record the tier (or enum value) they test for.
    m_.names[e.id] = {SymbolKind::Tier, t.ref, *tier};
    return set(e, Type::of(TypeKind::Bool, t.optional));
  }
  if (t.kind == TypeKind::Enum) {
    const EnumSymbol& en = m_.enums[t.ref];
    for (std::uint32_t i = 0; i < en.members.size(); ++i) {
      if (en.members[i] == target.text) {
        m_.names[e.id] = {SymbolKind::EnumMember, t.ref, i};
        return set(e, Type::of(TypeKind::Bool, t.optional));
      }
    }
    auto b = diags_.error(DiagCode::UnknownName, target.span, "unknown name `" + target.text + "`",
                          "not a value of `" + en.name + "`");
    if (auto near = closest_name(target.text, en.members)) b.help("did you mean `" + *near + "`?");
    return set(e, Type{});
  }
  diags_
      .error(DiagCode::TypeMismatch, n.value->span,
             "`is` tests a tiering for one of its tiers, but this is `" + name_of(t) + "`",
             "this is `" + name_of(t) + "`")
      .help("use `==` to compare values, or `is none` to test for a missing value");
  return set(e, Type{});
}

}  // namespace strata::check
