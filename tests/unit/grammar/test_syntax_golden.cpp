// Golden tests: every tests/golden/syntax/*.strata rendered against its .expected file.
// Run with STRATA_UPDATE_GOLDEN=1 to rewrite the expected output after a deliberate change.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "strata/parse.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace strata;

namespace {

std::vector<fs::path> golden_cases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(testing::source_dir() / "tests/golden/syntax")) {
    if (entry.path().extension() == ".strata") cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::string run_case(const fs::path& path, Diagnostics& diags) {
  SourceManager sources;
  const FileId file =
      sources.add("tests/golden/syntax/" + path.filename().string(), testing::read_text(path));
  ast::ExprId next = 0;
  (void)parse_module(sources, file, diags, next);
  return render(diags, sources);
}

}  // namespace

TEST_CASE("syntax golden files", "[grammar][golden]") {
  const auto cases = golden_cases();
  REQUIRE(cases.size() >= 12);
  std::set<std::string> codes;
  for (const auto& path : cases) {
    Diagnostics diags;
    const std::string actual = run_case(path, diags);
    for (const auto& d : diags.all()) codes.insert(std::string(diag_code_id(d.code)));
    fs::path expected_path = path;
    expected_path.replace_extension(".expected");
    if (testing::update_golden()) {
      testing::write_text(expected_path, actual);
      continue;
    }
    INFO("golden case " << path.filename().string());
    CHECK(fs::exists(expected_path));
    CHECK(actual == testing::read_text(expected_path));
  }
  // Every syntax code the parser reports has at least one golden case. (E0105 is reported when
  // a `use` is resolved, after parsing.)
  for (const char* code : {"E0101", "E0102", "E0103", "E0104", "E0106"}) {
    INFO("code " << code);
    CHECK(codes.count(code) == 1);
  }
}
