// Canonical texts of expressions, so the planner recognises the same value written twice.
//
// Names are replaced by what they resolve to and literals by their value, so `avg(R)` in two
// lets, `avg( R )` and `avg((R))` are one statistic, while a let and a record field of the same
// spelling never are.
#include <fmt/format.h>

#include "plan/phases.hpp"

namespace strata::plan {

namespace {

std::string constant_text(const ConstValue& c) {
  switch (c.kind) {
    case TypeKind::Null:
      return "none";
    case TypeKind::Decimal:
      return "d:" + c.d.to_string();
    case TypeKind::String:
      return fmt::format("s{}:{}", c.s.size(), c.s);
    default:
      return fmt::format("{}:{}", static_cast<int>(c.kind), c.i);
  }
}

std::string resolution_text(const Resolution& r) {
  return fmt::format("${}.{}.{}", static_cast<int>(r.kind), r.index, r.sub);
}

}  // namespace

std::string canonical(const Model& model, const ast::Expr& e) {
  struct Visitor {
    const Model& model;
    const ast::Expr& e;
    std::string sub(const ast::ExprPtr& x) const { return canonical(model, *x); }
    std::string operator()(const ast::LiteralExpr& lit) {
      if (lit.kind == ast::LiteralKind::Today) return "today";
      const auto& c = model.constants[e.id];
      return c ? constant_text(*c) : std::string("?");
    }
    std::string operator()(const ast::NameExpr&) { return resolution_text(model.names[e.id]); }
    std::string operator()(const ast::MemberExpr&) { return resolution_text(model.names[e.id]); }
    std::string operator()(const ast::UnaryExpr& u) {
      return fmt::format("({}{})", u.op == ast::UnaryOp::Not ? "not " : "-", sub(u.operand));
    }
    std::string operator()(const ast::BinaryExpr& b) {
      return fmt::format("({} {} {})", sub(b.lhs), ast::binary_op_spelling(b.op), sub(b.rhs));
    }
    std::string operator()(const ast::BetweenExpr& b) {
      return fmt::format("({} {}between {} and {})", sub(b.value), b.negated ? "not " : "",
                         sub(b.low), sub(b.high));
    }
    std::string operator()(const ast::InExpr& in) {
      std::string items;
      for (const ast::ExprPtr& item : in.items) items += (items.empty() ? "" : ", ") + sub(item);
      return fmt::format("({} {}in [{}])", sub(in.value), in.negated ? "not " : "", items);
    }
    std::string operator()(const ast::IsExpr& is) {
      const std::string target = is.target ? resolution_text(model.names[e.id]) : "none";
      return fmt::format("({} is {}{})", sub(is.value), is.negated ? "not " : "", target);
    }
    std::string operator()(const ast::IfExpr& f) {
      return fmt::format("(if {} then {} else {})", sub(f.condition), sub(f.then_value),
                         sub(f.else_value));
    }
    std::string operator()(const ast::CallExpr& c) {
      std::string text = fmt::format("{}#{}(", static_cast<int>(model.calls[e.id].builtin),
                                     static_cast<int>(model.calls[e.id].scope));
      for (std::size_t i = 0; i < c.args.size(); ++i) text += (i ? ", " : "") + sub(c.args[i]);
      if (c.filter) text += " where " + sub(c.filter);
      return text + ")";
    }
  };
  return std::visit(Visitor{model, e}, e.node);
}

}  // namespace strata::plan
