// The linter: proves a compiled rule set sound before it is deployed.
//
//   strata::LintOptions options;
//   options.config = strata::default_lint_config();
//   strata::Diagnostics findings = strata::lint(*rules, options);
//
// lint() reads the checked model of a RuleSet (never its bytecode) and reports findings as
// Diagnostics whose `rule` is a lint rule id from lint_rules.def: tiers that earlier tiers always
// take (unreachable-tier), customers that match no tier (tier-gap, with an example customer),
// tiers of a `unique` tiering that overlap (tier-overlap), constant conditions, impossible ranges,
// optional inputs used without handling none, SOPs against the tiers they are for, and style
// rules. Gap and overlap examples are evaluated through the compiled rule set before they are
// reported, so a printed example is a real customer; where the analysis cannot decide, a finding
// says "may" and gives no example. With a Dataset, data rules count customers per tier and
// missing inputs, and statistics over all customers take the sample's values.
//
// Levels come from a LintConfig (strata.yaml beside the rule files, then command-line
// overrides); `# strata: allow(rule-id)` on a line or the line above suppresses a finding there.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/dataset.hpp"
#include "strata/decimal.hpp"
#include "strata/diagnostic.hpp"
#include "strata/strata.hpp"

namespace strata {

enum class LintRule : std::uint16_t {
#define STRATA_LINT(Name, id, level, group, title, help) Name,
#include "strata/lint_rules.def"
};

enum class LintLevel : std::uint8_t { Off, Note, Warning, Error };
enum class LintGroup : std::uint8_t { Analysis, Style, Data, Meta };

struct LintRuleInfo {
  LintRule rule;
  std::string_view id;
  LintLevel default_level;
  LintGroup group;
  std::string_view title;
  std::string_view help;
};

// Every rule, in declaration order.
const std::vector<LintRuleInfo>& lint_rules();
const LintRuleInfo& lint_rule_info(LintRule rule);
std::optional<LintRule> lint_rule_from_id(std::string_view id);
std::string_view lint_level_name(LintLevel level);  // "off", "note", "warning", "error"
std::optional<LintLevel> lint_level_from_name(std::string_view name);

struct LintConfig {
  std::map<LintRule, LintLevel> levels;  // rules not listed keep their default level
  Decimal max_tier_share = Decimal::from_units(600'000);     // oversized-tier: 60%
  Decimal max_missing_share = Decimal::from_units(200'000);  // sparse-input: 20%
  std::string path;  // the file it was read from; empty for defaults

  LintLevel level(LintRule rule) const;
};

// Reads the `lint:` section of a strata.yaml. Problems (unknown keys, rules or levels, shares
// outside 0..100%) are E0503 diagnostics with the file's line and column; nullopt when any.
std::optional<LintConfig> load_lint_config(const std::string& path, Diagnostics& diags);
// Applies "rule=level" (a command-line override); false with a reason.
bool apply_lint_override(LintConfig& config, std::string_view text, std::string& error);

struct LintOptions {
  LintConfig config;
  // Parameters are taken at their defaults, or at these values; `today` and parameters without a
  // default are unknown run constants the analysis reasons about for every possible value.
  RunOptions run;
  // Sample data for the data rules (empty-tier, oversized-tier, sparse-input), and the population
  // whose statistics (avg(R), ...) the analysis then uses; null: data rules skipped, statistics
  // unknown.
  const Dataset* data = nullptr;
  // Work limit of one satisfiability search; beyond it the answer is "unknown" (no claim).
  std::uint32_t search_budget = 20'000;
};

// Lints a compiled rule set. Findings are sorted by file and position; their severity follows
// each rule's level, and rules at level Off report nothing.
Diagnostics lint(const RuleSet& rules, const LintOptions& options);

}  // namespace strata
