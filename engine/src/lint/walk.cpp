#include "lint/walk.hpp"

#include "lint/context.hpp"

namespace strata::linter {

std::vector<const ast::Expr*> children(const ast::Expr& e) {
  std::vector<const ast::Expr*> out;
  struct Visitor {
    std::vector<const ast::Expr*>& out;
    void add(const ast::ExprPtr& p) {
      if (p) out.push_back(p.get());
    }
    void operator()(const ast::LiteralExpr&) {}
    void operator()(const ast::NameExpr&) {}
    void operator()(const ast::MemberExpr& m) { add(m.object); }
    void operator()(const ast::UnaryExpr& u) { add(u.operand); }
    void operator()(const ast::BinaryExpr& b) {
      add(b.lhs);
      add(b.rhs);
    }
    void operator()(const ast::BetweenExpr& b) {
      add(b.value);
      add(b.low);
      add(b.high);
    }
    void operator()(const ast::InExpr& in) {
      add(in.value);
      for (const auto& item : in.items) add(item);
    }
    void operator()(const ast::IsExpr& is) { add(is.value); }
    void operator()(const ast::IfExpr& f) {
      add(f.condition);
      add(f.then_value);
      add(f.else_value);
    }
    void operator()(const ast::CallExpr& c) {
      for (const auto& a : c.args) add(a);
      add(c.filter);
    }
  };
  std::visit(Visitor{out}, e.node);
  return out;
}

void walk(const ast::Expr& e, const std::function<bool(const ast::Expr&)>& visit) {
  if (!visit(e)) return;
  for (const ast::Expr* c : children(e)) walk(*c, visit);
}

std::vector<const ast::Expr*> sop_expressions(const SopSymbol& sop) {
  std::vector<const ast::Expr*> out;
  const auto add = [&](const ast::ExprPtr& e) {
    if (e) out.push_back(e.get());
  };
  const auto action = [&](const ast::ActionDecl& a) {
    add(a.owner);
    for (const ast::MessagePart& part : a.message.parts) add(part.expr);
    add(a.due);
  };
  if (!sop.decl) return out;
  for (const ast::ObligationDecl& o : sop.decl->obligations) {
    add(o.events.filter);
    add(o.amount);
    add(o.from);
    add(o.warn);
    if (o.warn_action) action(*o.warn_action);
    if (o.otherwise) action(*o.otherwise);
  }
  for (const ast::TriggerDecl& t : sop.decl->triggers) action(t.action);
  return out;
}

}  // namespace strata::linter
