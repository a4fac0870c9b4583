#include "api/condition_terms.hpp"

namespace strata::api {

ConditionTerms split_condition(const ast::Expr& condition) {
  ConditionTerms out;
  const auto* b = condition.as<ast::BinaryExpr>();
  if (!b || (b->op != ast::BinaryOp::And && b->op != ast::BinaryOp::Or)) {
    out.terms.push_back(&condition);
    return out;
  }
  const ast::BinaryOp op = b->op;
  out.chain = op;
  auto walk = [&](auto& self, const ast::Expr& x) -> void {
    const auto* xb = x.as<ast::BinaryExpr>();
    if (xb && xb->op == op) {
      self(self, *xb->lhs);
      self(self, *xb->rhs);
    } else {
      out.terms.push_back(&x);
    }
  };
  walk(walk, condition);
  return out;
}

}  // namespace strata::api
