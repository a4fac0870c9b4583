// What `strata run` writes about the operation: tier changes, SOP statuses and actions (JSON
// Lines), the state for the next run, and their parts of the summary and of `--explain`.
#pragma once

#include <string>

#include "strata/strata.hpp"

namespace strata::cli {

// Each writes `path` atomically (standard output for "-"); false with a reason.
bool write_changes(const RuleSet& rules, const RunResult& result, const std::string& path,
                   std::string& error);
bool write_obligations(const RuleSet& rules, const Dataset& data, const RunResult& result,
                       const std::string& path, std::string& error);
bool write_actions(const RuleSet& rules, const Dataset& data, const RunResult& result,
                   const std::string& path, std::string& error);
// The state file: temporary file, fsync, rename, fsync of the folder.
bool write_state_file(const RuleSet& rules, const RunState& state, const std::string& path,
                      std::string& error);

// Tier changes per tiering, SOP compliance per SOP and tier, statuses per obligation, actions.
std::string render_operations_summary(const RuleSet& rules, const RunResult& result);
// The customer's obligations with their status and why, and its actions.
std::string render_operations_explanation(const RuleSet& rules, const Explanation& e);

}  // namespace strata::cli
