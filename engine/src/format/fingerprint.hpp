// A text that two parses share exactly when they mean the same: every node and field of the
// AST, without spans and expression ids.
//
// The formatter compares the fingerprint of its output's parse with the input's before it hands
// the output back (verify.hpp). Declarations of a kind it does not know are fingerprinted by
// their text as written, which the formatter copies unchanged.
#pragma once

#include <string>
#include <string_view>

#include "strata/ast.hpp"

namespace strata::format {

std::string fingerprint(const ast::Module& module, std::string_view text);

}  // namespace strata::format
