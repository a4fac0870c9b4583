// Golden tests of the checker: every tests/golden/check/NAME.strata (or NAME/main.strata for a
// rule set of several files) is checked, and all its diagnostics, rendered without colour, must
// equal NAME.expected beside it. STRATA_UPDATE_GOLDEN=1 rewrites the expected files instead.
//
// Paths are passed relative to the repository root, as a user would type them, so the rendered
// ` --> tests/golden/check/...` lines are the same on every machine.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "check/model.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

struct GoldenCase {
  std::string name;
  std::string input;  // relative to the repository root
  fs::path expected;
};

std::vector<GoldenCase> golden_cases(const std::string& folder) {
  std::vector<GoldenCase> cases;
  const fs::path dir = strata::testing::source_dir() / folder;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const fs::path& p = entry.path();
    const std::string name = p.stem().string();
    if (entry.is_regular_file() && p.extension() == ".strata") {
      cases.push_back({name, folder + "/" + p.filename().string(), dir / (name + ".expected")});
    } else if (entry.is_directory() && fs::exists(p / "main.strata")) {
      cases.push_back({name, folder + "/" + name + "/main.strata", dir / (name + ".expected")});
    }
  }
  std::sort(cases.begin(), cases.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return cases;
}

std::string check_and_render(const std::string& input) {
  strata::Diagnostics diags;
  auto model = strata::check_files({input}, diags);
  return strata::render(diags, *model->sources);
}

}  // namespace

TEST_CASE("checker golden files", "[check][golden]") {
  fs::current_path(strata::testing::source_dir());
  const auto cases = golden_cases("tests/golden/check");
  REQUIRE(cases.size() >= 25);
  for (const GoldenCase& c : cases) {
    SECTION(c.name) {
      const std::string actual = check_and_render(c.input);
      if (strata::testing::update_golden()) {
        strata::testing::write_text(c.expected, actual);
      } else {
        INFO("input: " << c.input << " (run with STRATA_UPDATE_GOLDEN=1 to rewrite)");
        REQUIRE(fs::exists(c.expected));
        CHECK(actual == strata::testing::read_text(c.expected));
      }
    }
  }
}

TEST_CASE("every syntax, name and type diagnostic has a doc page and a golden test",
          "[check][golden]") {
  const fs::path root = strata::testing::source_dir();
  std::string all_expected;
  for (const auto& entry : fs::recursive_directory_iterator(root / "tests/golden")) {
    if (entry.is_regular_file() && entry.path().extension() == ".expected") {
      all_expected += strata::testing::read_text(entry.path());
    }
  }
  for (std::size_t i = 0; i < strata::diag_code_count(); ++i) {
    const std::string id(strata::diag_code_id(strata::diag_code_at(i)));
    if (id.rfind("E01", 0) != 0 && id.rfind("E02", 0) != 0) continue;
    INFO("diagnostic " << id);
    CHECK(fs::exists(root / "docs/diagnostics" / (id + ".md")));
    CHECK(all_expected.find("[" + id + "]") != std::string::npos);
  }
}
