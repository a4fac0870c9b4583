// Fuzz target: test files (*.test.yaml) through loading and running against rules/retail.
//
// Any input must give diagnostics or a suite that runs: the YAML is parsed, checked against the
// retail rule set (keys, names, values, inline customers and their events), every case runs with
// coverage recorded, and the results are rendered into diagnostics text. The test file is placed
// in tests/data/cli, so `data:` cases can name its small fixtures (customers200.csv).
#include <filesystem>
#include <string>

#include "fuzz_target.hpp"
#include "seeds.hpp"
#include "strata/coverage.hpp"
#include "strata/testing.hpp"

namespace {

std::shared_ptr<const strata::RuleSet> g_rules;
std::string g_path;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  strata::Diagnostics diags;
  g_rules = strata::compile({std::string(STRATA_SOURCE_DIR) + "/rules/retail"}, diags);
  g_path = std::string(STRATA_SOURCE_DIR) + "/tests/data/cli/fuzz.test.yaml";
  return g_rules ? 0 : 1;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!g_rules) LLVMFuzzerInitialize(nullptr, nullptr);
  const std::string text(reinterpret_cast<const char*>(data), size);
  strata::Diagnostics diags;
  (void)strata::read_test_rules(g_path, text, diags);
  auto suite = strata::load_test_suite(g_path, text, *g_rules, diags);
  if (diags.sources() != nullptr) (void)strata::render(diags, *diags.sources());
  (void)strata::render(diags, g_rules->sources());
  if (!suite) return 0;
  strata::CoverageRecorder coverage(g_rules);
  const strata::SuiteResult result = strata::run_test_suite(*suite, *g_rules, &coverage);
  for (const strata::CaseResult& r : result.cases) {
    (void)strata::render(r.errors, g_rules->sources());
  }
  (void)coverage.coverage().total().percent();
  return 0;
}

std::vector<std::string> fuzz_seeds() {
  const std::filesystem::path src = STRATA_SOURCE_DIR;
  std::vector<std::string> seeds;
  for (const char* dir : {"rules", "tests/golden"}) {
    for (const auto& path : strata::fuzz::files_under(src / dir, ".test.yaml")) {
      seeds.push_back(strata::fuzz::read_file(path));
    }
  }
  seeds.push_back(
      "tests:\n"
      "  - name: the fixture population\n"
      "    data: {records: customers200.csv, events: {Order: orders200.csv}}\n"
      "    counts: {pyramid: {top: 1}}\n");
  return seeds;
}

std::vector<std::string> fuzz_dictionary() {
  return {"rules: ",
          "params: ",
          "today: ",
          "defaults: ",
          "tests:\n",
          "- name: ",
          "skip: ",
          "customers:",
          "data: ",
          "records: ",
          "events: ",
          "Order: ",
          "expect:",
          "counts: ",
          "customer: ",
          "tiers: ",
          "lets: ",
          "state: ",
          "sop: ",
          "pyramid: ",
          "rfm: ",
          "lifecycle: ",
          "top",
          "none",
          "monetary: ",
          "recency: ",
          "id: ",
          "at: ",
          "amount: ",
          "revenue: ",
          "nps: 11",
          "~",
          "null",
          "{",
          "}",
          "[",
          "]",
          ", ",
          ": ",
          "\n  ",
          "\n    - ",
          "&a ",
          "*a",
          "!!str ",
          "'",
          "\"",
          "#",
          "|\n",
          "2026-11-01",
          "2026-02-30",
          "2026-10-01T10:00:00",
          "100_000",
          "99999999999999999999",
          "80%",
          "yes",
          "客户",
          "\xff",
          "\t",
          "---\n"};
}
