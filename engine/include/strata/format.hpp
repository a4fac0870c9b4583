// Formatting rule files: one canonical layout for every .strata file (`strata fmt`, docs/fmt.md).
//
// format_rule_text parses one file and lays it out again: aligned tier, table and field columns,
// normalised spacing and blank lines, comments where they were, the author's line breaks inside
// expressions kept. Only whitespace changes. Before a result is returned it is checked: the
// output must have the same tokens and comments in the same order, parse without errors to the
// same AST, and format to itself. A file that fails the check gets E0701 and no text, so a
// caller never writes it; a file with syntax errors gets its syntax diagnostics and no text.
// Only the file itself is parsed (its `use`d files are not read), and names are not checked.
#pragma once

#include <optional>
#include <string>

#include "strata/diagnostic.hpp"

namespace strata {

struct FormatResult {
  std::optional<std::string> text;  // the formatted text; none when the file cannot be formatted
  bool changed = false;             // the formatted text differs from the input
  Diagnostics diags;                // syntax errors or E0701; their sources are set
};

// Formats `text`, the content of the rule file `path` (the path is used in diagnostics only).
FormatResult format_rule_text(const std::string& path, std::string text);

}  // namespace strata
