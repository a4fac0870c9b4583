// Comparing a customer's SOP statuses and actions after a case's run with what the test expects
// (test_sop_check.cpp), for run_test_suite. A mismatch carries what the run gave (the obligation's
// result, the customer's actions) and, where an SOP did or did not apply, how the customer's tier
// in the SOP's tierings was decided.
#pragma once

#include <functional>
#include <vector>

#include "strata/testing.hpp"

namespace strata::testfile {

// The explanation of the customer being checked, computed on first use; null when it fails.
using ExplainCustomer = std::function<const Explanation*()>;

void check_sops(const RuleSet& rules, const RunResult& result, const CustomerExpectation& c,
                std::size_t row, const ExplainCustomer& explain, std::vector<Mismatch>& out);

void check_actions(const RunResult& result, const CustomerExpectation& c, std::size_t row,
                   std::vector<Mismatch>& out);

}  // namespace strata::testfile
