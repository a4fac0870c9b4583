// What `strata test` prints and writes: per-case results with failure details, the coverage
// report (text and JSON) and JUnit XML.
#pragma once

#include <string>
#include <vector>

#include "strata/coverage.hpp"
#include "strata/testing.hpp"

namespace strata::cli {

// One test file as `strata test` ran it.
struct FileRun {
  std::string path;
  std::shared_ptr<const RuleSet> rules;  // null when the rule set did not compile
  std::optional<TestSuite> suite;        // nullopt when the test file is unusable
  SuiteResult result;
  std::string problem;  // why the file could not run (for JUnit), when it could not
};

// One case: `ok`, `FAIL` with every mismatch and how the rule set decided, `skip`.
std::string render_case(const FileRun& run, const CaseResult& result, bool color);
// The file's path, then each of its cases.
std::string render_file_results(const FileRun& run, bool color);

// The coverage of one rule set: totals per tiering and every uncovered item.
std::string render_coverage_text(const std::string& name, const Coverage& coverage,
                                 const RuleSet& rules);

struct NamedCoverage {
  std::string name;
  const CoverageRecorder* recorder;
};
std::string render_coverage_json(const std::vector<NamedCoverage>& all);

// JUnit XML (testsuites / testsuite per file / testcase per case).
std::string render_junit(const std::vector<FileRun>& runs, double seconds);

}  // namespace strata::cli
