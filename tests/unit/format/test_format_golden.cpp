// Golden tests of the formatter: every tests/golden/fmt/NAME.strata formats to NAME.expected
// beside it, and NAME.expected formats to itself. STRATA_UPDATE_GOLDEN=1 rewrites the expected
// files instead.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "strata/format.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> golden_inputs() {
  std::vector<fs::path> inputs;
  for (const auto& entry :
       fs::directory_iterator(strata::testing::source_dir() / "tests/golden/fmt")) {
    if (entry.path().extension() == ".strata") inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

std::string formatted(const fs::path& path) {
  strata::FormatResult result =
      strata::format_rule_text(path.filename().string(), strata::testing::read_text(path));
  if (!result.text) {
    FAIL(strata::render(result.diags, *result.diags.sources()));
  }
  return *result.text;
}

}  // namespace

TEST_CASE("formatter golden files", "[format][golden]") {
  const auto inputs = golden_inputs();
  REQUIRE(inputs.size() >= 9);
  for (const fs::path& input : inputs) {
    SECTION(input.stem().string()) {
      fs::path expected = input;
      expected.replace_extension(".expected");
      const std::string actual = formatted(input);
      if (strata::testing::update_golden()) {
        strata::testing::write_text(expected, actual);
      } else {
        INFO("input: " << input << " (run with STRATA_UPDATE_GOLDEN=1 to rewrite)");
        CHECK(actual == strata::testing::read_text(expected));
      }
      INFO("the expected output formats to itself");
      CHECK(formatted(expected) == strata::testing::read_text(expected));
    }
  }
}
