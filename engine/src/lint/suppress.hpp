// Inline suppressions: `# strata: allow(rule-id, other-id)` in a rule file.
//
// A comment after code applies to its own line; a comment alone on its line applies to the next
// line that holds code (so several suppressions may be stacked above a line). A finding is
// suppressed when its primary span starts on such a line. Comments are found by scanning the
// source text line by line (outside string literals), so the lexer and the AST stay as they are.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "strata/lint.hpp"
#include "strata/source.hpp"

namespace strata::linter {

struct Suppression {
  std::string id;                // as written
  std::optional<LintRule> rule;  // nullopt: not a lint rule (reported as unknown-rule)
  Span span;                     // of the id inside the comment
  FileId file = kNoFile;
  std::uint32_t target_line = 0;  // the line it applies to; 0 when no code follows
  bool used = false;
};

std::vector<Suppression> find_suppressions(const SourceManager& sources);

}  // namespace strata::linter
