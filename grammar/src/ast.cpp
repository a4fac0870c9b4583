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

}  // namespace strata::ast
