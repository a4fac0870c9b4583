// The terms of a tier condition: the operands of its top-level `and` or `or` chain.
//
// Explanations show a condition term by term, and rule coverage counts the outcomes of each term;
// both split conditions the same way, here. Only a chain of one operator is flattened
// (`a and b and c`), so a mixed condition (`a and (b or c)`) keeps its inner group as one term
// and the structure stays readable.
#pragma once

#include <optional>
#include <vector>

#include "strata/ast.hpp"

namespace strata::api {

struct ConditionTerms {
  // And or Or for a chain; nullopt for a condition that is a single term.
  std::optional<ast::BinaryOp> chain;
  std::vector<const ast::Expr*> terms;
};

ConditionTerms split_condition(const ast::Expr& condition);

}  // namespace strata::api
