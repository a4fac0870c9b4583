// What `strata diff` prints: the impact report for people (human), for a pull-request comment
// (markdown) and for programs (json).
#pragma once

#include <string>

#include "strata/diff.hpp"

namespace strata::cli {

struct DiffSides {
  std::string old_name;  // as given on the command line
  std::string new_name;
  const RuleSet* old_rules = nullptr;
  const RuleSet* new_rules = nullptr;
};

std::string render_diff_human(const DiffReport& report, const DiffSides& sides);
std::string render_diff_markdown(const DiffReport& report, const DiffSides& sides);
std::string render_diff_json(const DiffReport& report, const DiffSides& sides);

// "1.37": n / d as a percentage, rounded down to two places.
std::string percent_text(std::uint64_t n, std::uint64_t d);

}  // namespace strata::cli
