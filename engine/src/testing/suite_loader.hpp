// The parts of loading a test file, shared by test_file.cpp (file and case level),
// test_population.cpp (a case's customers or data files), test_state.cpp (the previous run),
// test_expect.cpp (tiers, lets, counts) and test_sop_expect.cpp (SOP statuses and actions).
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "check/model.hpp"
#include "strata/testing.hpp"
#include "testing/yaml_reader.hpp"

namespace strata::testfile {

// Field values written once for many customers: field -> (text, where written).
using Defaults = std::map<std::string, std::pair<std::string, DataLocation>>;

struct SuiteContext {
  YamlReader& reader;
  const RuleSet& rules;
  const Model& model;
  std::filesystem::path folder;  // of the test file: data paths are relative to it
};

// Reads a `defaults:` mapping into `into` (entries override what is there).
void read_defaults(SuiteContext& ctx, const Entry& entry, Defaults& into);

// Builds the case's population from `customers:` (inline) or `data:` (files); null when it cannot.
std::shared_ptr<const Dataset> read_customers(SuiteContext& ctx, const Entry& entry,
                                              const Defaults& defaults);
std::shared_ptr<const Dataset> read_data_files(SuiteContext& ctx, const Entry& entry);

// Expectations, checked against the rule set and the case's population.
void read_expectations(SuiteContext& ctx, const Entry& entry, const Dataset& data, TestCase& test);
void read_counts(SuiteContext& ctx, const Entry& entry, TestCase& test);
// `kpis:` (test_kpis.cpp), and checking them against a run of the case.
void read_kpis(SuiteContext& ctx, const Entry& entry, TestCase& test);
void check_kpis(const TestCase& test, const RuleSet& rules, const RunResult& result,
                std::vector<Mismatch>& out);

// `state:`: a state file (its path) or the previous run written inline, for a case whose own run
// is described by `options`; null (reported) when it cannot be used.
std::shared_ptr<const RunState> read_state(SuiteContext& ctx, const Entry& entry,
                                           const RunOptions& options);

// The SOP statuses of one customer (`sop:` of an expectation, and of a customer in `state`):
// `SOP: STATUS` for every obligation of the SOP, `SOP: {N: STATUS}` for its N-th, and, with
// `details`, `{N: {status: ..., due: ..., overdue_by: ...}}` (or that mapping directly for an SOP
// with one obligation). `none` says the SOP does not apply. Problems are reported.
std::vector<SopExpectation> read_sop_statuses(SuiteContext& ctx, const Entry& entry, bool details);
// `actions:` of an expectation.
void read_actions(SuiteContext& ctx, const Entry& entry, CustomerExpectation& out);

// A tiering and a tier id of it (or `none`) named in a test file; nullopt / false (reported) when
// the rule set has none of that name.
std::optional<std::size_t> find_tiering(SuiteContext& ctx, const Entry& e);
bool find_tier(SuiteContext& ctx, std::size_t tiering, const std::string& id,
               const DataLocation& where, std::optional<std::size_t>& out);

}  // namespace strata::testfile
