// Walking expressions of the AST: every sub-expression, parents before children.
#pragma once

#include <functional>

#include "strata/ast.hpp"

namespace strata::linter {

// Calls `visit(e)` for `e` and every expression below it; `visit` returns false to skip the
// children of that expression.
void walk(const ast::Expr& e, const std::function<bool(const ast::Expr&)>& visit);

// The direct children of `e`, in source order.
std::vector<const ast::Expr*> children(const ast::Expr& e);

}  // namespace strata::linter
