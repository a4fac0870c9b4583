// The canonical layout of one parsed rule file (docs/fmt.md).
//
// The AST says where the structure is: declarations, the fields of a record, the tiers and
// sub-tiers of a tiering, the rows of a decision table, the lines of a calendar, the clauses of
// an SOP. The Formatter walks it and drives the Emitter, which takes the file's tokens and
// comments in order, so the layout changes only whitespace. Declarations of a kind the
// formatter does not know are copied as written.
#pragma once

#include <string>
#include <string_view>

#include "strata/ast.hpp"

namespace strata::format {

// The formatted text of `text`, whose parse is `module` (without syntax errors).
std::string layout_module(const ast::Module& module, std::string_view text);

}  // namespace strata::format
