// Every rule set shipped in rules/ lints clean: each folder of rules/ (new ones are picked up by
// themselves) with its strata.yaml, without sample data and with it. Its sample data is the
// `data/` folder beside its files, or beside the files it uses (rules/combined uses the retail
// sample): `customers.csv`, and one CSV per events declaration named after it in the plural
// (`orders.csv` for `Order`, `touches.csv` for `Touch`). Findings that are intended carry a `#
// strata: allow(rule)` saying why.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>

#include "strata/lint.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace strata;

namespace {

// The sample data folder of a compiled rule set in `dir`.
std::optional<fs::path> sample_folder(const fs::path& dir, const RuleSet& rules) {
  if (fs::exists(dir / "data" / "customers.csv")) return dir / "data";
  for (FileId f = 0; f < rules.sources().size(); ++f) {
    const fs::path folder = fs::path(rules.sources().file(f).path()).parent_path();
    if (fs::exists(folder / "data" / "customers.csv")) return folder / "data";
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("the shipped rule sets lint clean, with and without their sample data", "[lint]") {
  fs::current_path(testing::source_dir());
  std::size_t sets = 0, with_data = 0;
  for (const auto& entry : fs::directory_iterator("rules")) {
    if (!entry.is_directory()) continue;
    INFO(entry.path().string());
    Diagnostics diags;
    auto rules = compile({entry.path().string()}, diags);
    REQUIRE(rules);
    ++sets;
    LintOptions options;
    if (fs::exists(entry.path() / "strata.yaml")) {
      auto config = load_lint_config((entry.path() / "strata.yaml").string(), diags);
      REQUIRE(config);
      options.config = *config;
    }
    const Diagnostics findings = lint(*rules, options);
    INFO(render(findings, rules->sources()));
    CHECK(findings.empty());

    const auto folder = sample_folder(entry.path(), *rules);
    if (!folder) continue;
    RuleSet::DataFiles files;
    files.records = (*folder / "customers.csv").string();
    for (const EventsSchema& e : rules->schema().events) {
      std::string name = e.name;
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      fs::path path = *folder / (name + "s.csv");
      for (const char* ending : {"es.csv", ".csv"}) {
        if (!fs::exists(path)) path = *folder / (name + ending);
      }
      files.events.push_back({e.name, path.string()});
    }
    auto data = rules->load(files, diags);
    REQUIRE(data);
    options.data = &*data;
    const Diagnostics with_sample = lint(*rules, options);
    INFO("with " << files.records << ":\n" << render(with_sample, rules->sources()));
    CHECK(with_sample.empty());
    ++with_data;
  }
  CHECK(sets >= 2);
  CHECK(with_data >= 2);
}
