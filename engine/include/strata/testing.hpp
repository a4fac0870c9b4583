// Rule tests: YAML test files (*.test.yaml) next to rule sets, loaded and run through the API.
//
// A test file names the rule set it tests and holds cases; each case gives a population
// (customers written inline with their events, or data files), parameters, optionally the
// previous run's state (inline or a state file), and expectations: a customer's tiers and let
// values, its SOP statuses and actions, and customers per tier over the whole population. Loading
// is two steps, because names in a test file (tiers, lets, fields) are checked against the rule
// set:
//   1. read_test_rules: parses the YAML and returns the rule files the test file names;
//   2. load_test_suite: checks everything against the compiled rule set and builds each case's
//      dataset, so that every mistake in a test file is reported with its line and column before
//      any case runs.
// run_test_suite evaluates each case's whole population with RuleSet::run — so population
// statistics see exactly the case's customers — and compares. Results are data; the CLI renders
// them (text, JUnit XML). The keys of the format are declared in engine/src/testing/test_keys.def
// and described in docs/testing.md.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "strata/coverage.hpp"
#include "strata/dataset.hpp"
#include "strata/diagnostic.hpp"
#include "strata/strata.hpp"

namespace strata {

struct TierExpectation {
  std::size_t tiering = 0;          // index into RuleSet::tierings()
  std::optional<std::size_t> tier;  // nullopt: the customer gets no tier (`none`)
  std::string text;                 // as written
  DataLocation where;
};

struct LetExpectation {
  std::string let;
  Value value;       // parsed as the let's type; not present for `none`
  std::string text;  // as written
  DataLocation where;
};

// A time or duration an expectation checks: a value, or `none` (there is none).
struct ExpectedTime {
  bool none = false;
  std::int64_t value = 0;  // datetime (seconds) or duration (seconds)
  bool from_run = false;   // actions: `due: 7d`, the run's time plus `value`
  std::string text;        // as written
  DataLocation where;
};

// `sop: {SOP: STATUS}` or `{SOP: {N: STATUS}}` or `{SOP: {N: {status: ..., due: ...}}}`.
struct SopExpectation {
  std::size_t sop = 0;  // index into RuleSet::sops()
  // Index into RuleSet::obligations(); nullopt: every obligation of the SOP.
  std::optional<std::size_t> obligation;
  bool applies = true;  // false: `none`, the SOP does not apply to the customer
  SopStatus status = SopStatus::Ok;
  std::optional<ExpectedTime> due;
  std::optional<ExpectedTime> overdue_by;
  std::string text;  // the status as written
  DataLocation where;
};

// One expected action: the fields written must match, the others are not checked.
struct ActionExpectation {
  ActionType type = ActionType::Task;
  std::optional<std::size_t> sop;
  std::optional<std::string> owner;
  std::optional<std::string> message;           // exactly
  std::optional<std::string> message_contains;  // a part of it
  std::optional<ExpectedTime> due;
  std::string text;  // for failure output: `task vip_service owner 王芳 ...`
  DataLocation where;
};

struct CustomerExpectation {
  std::string key;
  DataLocation where;
  std::vector<TierExpectation> tiers;
  std::vector<LetExpectation> lets;
  std::vector<SopExpectation> sops;
  // `actions:` (a list: exactly these, in any order) or `actions: {contains: [...]}`.
  bool check_actions = false;
  bool actions_exact = true;
  std::vector<ActionExpectation> actions;
  DataLocation actions_where;
};

struct CountExpectation {
  std::size_t tiering = 0;
  std::optional<std::size_t> tier;  // nullopt: customers with no tier
  std::uint64_t count = 0;
  DataLocation where;
};

// `kpis: {KPI: {GROUP: VALUE}}`: a KPI's value for one group (a tier of its `by` tiering,
// kAllCustomers or kNoTier), compared exactly.
struct KpiExpectation {
  std::size_t kpi = 0;  // index into RuleSet::kpis()
  int group = kAllCustomers;
  std::string group_text;        // as written
  std::optional<Decimal> value;  // none: the KPI has no value for the group
  std::string text;              // as written
  DataLocation where;
};

struct TestCase {
  std::string name;
  DataLocation where;
  std::optional<std::string> skip;  // the reason, for a skipped case
  RunOptions options;  // params and today; lets and the previous state are added when run
  std::shared_ptr<const Dataset> data;
  std::shared_ptr<const RunState> previous;  // `state:`; null for a first run
  std::vector<CustomerExpectation> customers;
  std::vector<CountExpectation> counts;
  std::vector<KpiExpectation> kpis;
};

struct TestSuite {
  std::string path;
  std::vector<TestCase> cases;
};

// Parses a test file and returns the rule files or folders it tests (its `rules:` key, relative
// to the test file; by default the test file's folder). nullopt with diagnostics (E0601) when the
// text is not a usable test file.
std::optional<std::vector<std::string>> read_test_rules(const std::string& path,
                                                        const std::string& text,
                                                        Diagnostics& diags);

// Checks the whole test file against `rules` and builds every case's dataset. Every problem is a
// diagnostic at the YAML node (E0601 form, E0602 unknown name, E03xx data);
// nullopt when there is any.
std::optional<TestSuite> load_test_suite(const std::string& path, const std::string& text,
                                         const RuleSet& rules, Diagnostics& diags);

// One expectation that did not hold.
struct Mismatch {
  enum class Subject : std::uint8_t {
    Tier,         // a customer's tier
    Let,          // a let value
    Count,        // customers per tier
    Obligation,   // an obligation's status, deadline or time past it
    SopScope,     // whether an SOP applies to the customer
    Action,       // an expected action the customer did not get
    ExtraAction,  // actions the customer got beyond those expected
    Kpi,          // a KPI's value for a group
  };
  std::string customer;  // empty for population expectations
  std::string what;      // "tier of pyramid", "let monetary", "customers in pyramid.top"
  std::string expected;
  std::string got;
  DataLocation where;  // the expectation in the test file
  // For a tier: how the rule set decided, with the value of every term. For an SOP: how the
  // customer's tier in the SOP's tiering was decided (which puts it under the SOP or not).
  std::optional<TieringExplanation> decided;
  Subject subject = Subject::Tier;
  std::optional<ObligationResult> obligation;  // Obligation: what the run gave
  // SopScope: the SOP (index into RuleSet::sops()), and how the customer's tier was decided in
  // each tiering the SOP is for.
  std::optional<std::size_t> sop;
  std::vector<TieringExplanation> scope;
  std::vector<SopAction> actions;  // Action: every action of the customer; ExtraAction: the rest
};

enum class CaseOutcome : std::uint8_t { Passed, Failed, Skipped };

struct CaseResult {
  const TestCase* test = nullptr;
  CaseOutcome outcome = CaseOutcome::Passed;
  std::vector<Mismatch> mismatches;
  Diagnostics errors;  // the run failed (evaluation error): the case fails with these
  double seconds = 0;
};

struct SuiteResult {
  std::vector<CaseResult> cases;
  std::size_t count(CaseOutcome outcome) const;
};

// Runs every case; with `coverage`, records what each case's evaluation exercised.
SuiteResult run_test_suite(const TestSuite& suite, const RuleSet& rules,
                           CoverageRecorder* coverage = nullptr);

}  // namespace strata
