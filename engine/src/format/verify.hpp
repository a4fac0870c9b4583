// The formatter's safety check: an output is handed back only if it is a re-layout of the input.
//
// The output must have the same tokens (comments aside) in the same order, the same comments in
// the same order, parse without errors to the same AST (fingerprint.hpp), and format to itself.
// Anything else is a bug in the formatter; the caller refuses the output with E0701.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "strata/ast.hpp"
#include "strata/diagnostic.hpp"

namespace strata::format {

struct Mismatch {
  std::string reason;        // "the comment `# x` would be lost"
  std::uint32_t offset = 0;  // where in the input the difference starts
};

std::optional<Mismatch> verify_layout(std::string_view input, const ast::Module& input_ast,
                                      std::string_view output);

// E0701 for a refused output, at the place in `file` where the difference starts.
void report_mismatch(Diagnostics& diags, FileId file, std::size_t input_size,
                     const Mismatch& mismatch);

}  // namespace strata::format
