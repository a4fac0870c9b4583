// What `strata run` writes: the assignments file, the summary and explanations.
#pragma once

#include <string>

#include "strata/strata.hpp"

namespace strata::cli {

// One row per customer: the key, then per tiering its tier id (and label with `labels`), then the
// requested lets. CSV (RFC 4180) or JSON Lines by the extension of `path`; standard output (CSV)
// when `path` is empty. Files are written atomically.
bool write_assignments(const RuleSet& rules, const Dataset& data, const RunResult& result,
                       const std::string& path, bool labels, std::string& error);

// Rows read, bad rows, customers per tier with labels and shares, and timings.
std::string render_summary(const RuleSet& rules, const Dataset& data, const RunResult& result,
                           double load_s, double eval_s, double write_s, double total_s,
                           const std::string& out_path);

// Every tiering's result for one customer with the value of each term.
std::string render_explanation(const RuleSet& rules, const Explanation& e, bool color);

}  // namespace strata::cli
