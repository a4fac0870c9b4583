// Helpers on AST nodes.
#include "strata/ast.hpp"

namespace strata::ast {

Span decl_span(const Decl& decl) {
  return std::visit([](const auto& d) { return d.span; }, decl);
}

}  // namespace strata::ast
