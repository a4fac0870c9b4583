// Parsing: source text to an AST module.
//
// The parser reports every syntax error it finds as a Diagnostic and recovers at the next
// top-level declaration, so a file with several broken declarations reports each of them. The
// returned module holds every declaration that parsed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

// The kinds of token of a rule file, from tokens.def.
enum class TokenKind : std::uint8_t {
#define STRATA_TOKEN(Name, text) Name,
#include "strata/tokens.def"
};

// One token of a rule file as a byte range [begin, end) of its text.
struct SourceToken {
  TokenKind kind;
  std::uint32_t begin;
  std::uint32_t end;
};

// Every token of `text` in order, comments included (TokenKind::Comment, `#` to the end of the
// line); text that is no token becomes TokenKind::Error, so the list covers the whole text. Tools
// that lay out rule files (the formatter) use it with the spans of the AST.
std::vector<SourceToken> tokenize(std::string_view text);

// The tokens of a file, one per line as `line:col kind text`, for `strata --dump tokens`: keywords,
// identifiers, literals by kind, punctuation, comments, and `error` for text that is no token.
std::string dump_tokens(const SourceManager& sources, FileId file);

}  // namespace strata
