// A flat token list of a rule file, for `--dump tokens` and for placing syntax errors.
//
// The parser itself works on the PEGTL grammar directly; this lexer reuses the grammar's token
// rules so both agree on what a token is. It never fails: text that is no token becomes an Error
// token, so the list always covers the whole file and can be searched by offset.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "strata/parse.hpp"

namespace strata::internal {

using strata::TokenKind;
using Token = strata::SourceToken;

std::string_view token_kind_name(TokenKind kind);

std::vector<Token> lex(std::string_view text);

// The offset of the first byte at or after `at` that is not whitespace or part of a comment.
std::size_t skip_trivia(std::string_view text, std::size_t at);

}  // namespace strata::internal
