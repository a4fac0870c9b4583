// The lint rule catalogue (generated from lint_rules.def) and level names.
#include <array>

#include "strata/lint.hpp"

namespace strata {

const std::vector<LintRuleInfo>& lint_rules() {
  static const std::vector<LintRuleInfo> kRules = {
#define STRATA_LINT(Name, id, level, group, title, help) \
  LintRuleInfo{LintRule::Name, id, LintLevel::level, LintGroup::group, title, help},
#include "strata/lint_rules.def"
  };
  return kRules;
}

const LintRuleInfo& lint_rule_info(LintRule rule) {
  return lint_rules()[static_cast<std::size_t>(rule)];
}

std::optional<LintRule> lint_rule_from_id(std::string_view id) {
  for (const LintRuleInfo& info : lint_rules()) {
    if (info.id == id) return info.rule;
  }
  return std::nullopt;
}

namespace {
constexpr std::array<std::string_view, 4> kLevelNames = {"off", "note", "warning", "error"};
}

std::string_view lint_level_name(LintLevel level) {
  return kLevelNames[static_cast<std::size_t>(level)];
}

std::optional<LintLevel> lint_level_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kLevelNames.size(); ++i) {
    if (kLevelNames[i] == name) return static_cast<LintLevel>(i);
  }
  if (name == "warn") return LintLevel::Warning;
  if (name == "allow" || name == "none") return LintLevel::Off;
  if (name == "deny") return LintLevel::Error;
  return std::nullopt;
}

LintLevel LintConfig::level(LintRule rule) const {
  if (auto it = levels.find(rule); it != levels.end()) return it->second;
  return lint_rule_info(rule).default_level;
}

}  // namespace strata
