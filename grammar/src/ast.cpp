// Helpers on AST nodes.
#include "strata/ast.hpp"

namespace strata::ast {

Span decl_span(const Decl& decl) {
  return std::visit([](const auto& d) { return d.span; }, decl);
}

std::string_view binary_op_spelling(BinaryOp op) {
  using B = BinaryOp;
  switch (op) {
    case B::Add:
      return "+";
    case B::Sub:
      return "-";
    case B::Mul:
      return "*";
    case B::Div:
      return "/";
    case B::Eq:
      return "==";
    case B::Ne:
      return "!=";
    case B::Lt:
      return "<";
    case B::Le:
      return "<=";
    case B::Gt:
      return ">";
    case B::Ge:
      return ">=";
    case B::And:
      return "and";
    case B::Or:
      return "or";
    case B::Coalesce:
      return "??";
  }
  return "?";
}

void for_each_child(const Expr& e, const std::function<void(const Expr&)>& f) {
  struct Visitor {
    const std::function<void(const Expr&)>& f;
    void operator()(const LiteralExpr&) {}
    void operator()(const NameExpr&) {}
    void operator()(const MemberExpr& m) { f(*m.object); }
    void operator()(const UnaryExpr& u) { f(*u.operand); }
    void operator()(const BinaryExpr& b) {
      f(*b.lhs);
      f(*b.rhs);
    }
    void operator()(const BetweenExpr& b) {
      f(*b.value);
      f(*b.low);
      f(*b.high);
    }
    void operator()(const InExpr& in) {
      f(*in.value);
      for (const auto& item : in.items) f(*item);
    }
    void operator()(const IsExpr& is) { f(*is.value); }
    void operator()(const IfExpr& x) {
      f(*x.condition);
      f(*x.then_value);
      f(*x.else_value);
    }
    void operator()(const CallExpr& c) {
      for (const auto& a : c.args) f(*a);
      if (c.filter) f(*c.filter);
    }
  };
  std::visit(Visitor{f}, e.node);
}

}  // namespace strata::ast
