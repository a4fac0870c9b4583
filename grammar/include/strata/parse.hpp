// Parsing: source text to an AST module.
//
// The parser reports every syntax error it finds as a Diagnostic and recovers at the next
// top-level declaration, so a file with several broken declarations reports each of them. The
// returned module holds every declaration that parsed.
#pragma once

#include <string>

#include "strata/ast.hpp"
#include "strata/diagnostic.hpp"
#include "strata/source.hpp"

namespace strata {

// Expression ids are taken from `next_expr_id` and it is advanced, so ids stay unique across the
// files of one compilation.
ast::Module parse_module(const SourceManager& sources, FileId file, Diagnostics& diags,
                         ast::ExprId& next_expr_id);

// A readable, indented dump of a module for `strata --dump ast` and tests.
std::string dump_ast(const ast::Module& module, const SourceManager& sources);

// The tokens of a file, one per line as `line:col kind text`, for `strata --dump tokens`: keywords,
// identifiers, literals by kind, punctuation, comments, and `error` for text that is no token.
std::string dump_tokens(const SourceManager& sources, FileId file);

}  // namespace strata
