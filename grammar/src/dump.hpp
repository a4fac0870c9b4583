// Compact renderings of the AST for tests and debugging.
//
// `sexpr` prints an expression as a fully parenthesised prefix form, `(+ a (* b c))`, so tests can
// state precedence and associativity in one short string.
#pragma once

#include <string>

#include "strata/ast.hpp"

namespace strata::internal {

std::string sexpr(const ast::Expr& expr);
std::string type_text(const ast::TypeRef& type);

}  // namespace strata::internal
