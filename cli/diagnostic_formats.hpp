// Diagnostics for machines: JSON, SARIF 2.1.0 (code scanning) and GitHub workflow annotations.
//
// Every command that reports diagnostics (check, lint, run) writes them through these, so each
// format means the same everywhere. They consume Diagnostic values only: the id (`E0201` or a lint
// rule such as `tier-gap`), severity, message, labels, notes and help.
#pragma once

#include <string>

#include "strata/diagnostic.hpp"

namespace strata::cli {

// A JSON array, one object per diagnostic (code, severity, message, file, line, column, labels,
// notes, help).
std::string diagnostics_json(const Diagnostics& diags);
// One SARIF 2.1.0 log with one run: the tool with every diagnostic code and lint rule as
// reportingDescriptors, and one result per diagnostic. Columns count Unicode code points
// (columnKind unicodeCodePoints), as the human output does; paths are relative to the working
// directory under uriBaseId SRCROOT.
std::string diagnostics_sarif(const Diagnostics& diags, const std::string& tool_version);
// One `::error file=...,line=...::message` line per diagnostic, as GitHub Actions reads them.
std::string diagnostics_github(const Diagnostics& diags);

}  // namespace strata::cli
