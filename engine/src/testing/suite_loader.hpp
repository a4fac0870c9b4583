// The parts of loading a test file, shared by test_file.cpp (file and case level),
// test_population.cpp (a case's customers or data files) and test_expect.cpp (expectations).
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

}  // namespace strata::testfile
