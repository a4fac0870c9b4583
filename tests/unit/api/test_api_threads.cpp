// A compiled rule set is immutable and may be evaluated from several threads at once.
#include <catch2/catch.hpp>

#include <filesystem>
#include <thread>

#include "strata/strata.hpp"
#include "test_support.hpp"

namespace {

std::shared_ptr<const strata::RuleSet> retail(strata::Diagnostics& diags) {
  return strata::compile({(strata::testing::source_dir() / "rules/retail").string()}, diags);
}

}  // namespace

TEST_CASE("concurrent runs of one rule set give identical results", "[api][threads]") {
  strata::Diagnostics diags;
  auto rules = retail(diags);
  REQUIRE(rules);
  const auto dir = strata::testing::source_dir() / "rules/retail/data";
  auto data = rules->load(
      {(dir / "customers.csv").string(), {{"Order", (dir / "orders.csv").string()}}, {}}, diags);
  REQUIRE(data);
  strata::RunOptions options;
  options.threads = 1;
  const strata::RunResult reference = rules->run(*data, options);
  REQUIRE(reference.ok);

  std::vector<strata::RunResult> results(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      strata::RunOptions o;
      o.threads = 2;
      results[t] = rules->run(*data, o);
    });
  }
  for (auto& th : threads) th.join();
  for (const strata::RunResult& r : results) {
    REQUIRE(r.ok);
    REQUIRE(r.tierings.size() == reference.tierings.size());
    for (std::size_t i = 0; i < r.tierings.size(); ++i) {
      CHECK(r.tierings[i].ints == reference.tierings[i].ints);
      CHECK(r.tierings[i].present == reference.tierings[i].present);
    }
  }
}

TEST_CASE("single records evaluate concurrently and match the batch run", "[api][threads]") {
  strata::Diagnostics diags;
  auto rules = retail(diags);
  REQUIRE(rules);
  strata::RunOptions options;
  // Catch2 assertions are not thread-safe: workers record failures, the main thread checks.
  std::vector<std::vector<int>> seen(4);
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      strata::Diagnostics local;
      auto record = rules->new_record(options, local);
      if (!record || !record->set("id", "T" + std::to_string(t)) ||
          !record->set("revenue", "1000")) {
        ++failures[t];
        return;
      }
      strata::Assignment a;
      for (int round = 0; round < 200; ++round) {
        record->clear_events();
        // Big recent orders: the customer is at the top of the pyramid and an important value.
        for (int k = 0; k < 5; ++k) {
          if (!record->add_event("Order",
                                 {{"at", "2026-10-0" + std::to_string(k + 1) + "T10:00:00"},
                                  {"amount", "30000.00"}})) {
            ++failures[t];
          }
        }
        if (!rules->evaluate(*record, a)) ++failures[t];
      }
      seen[t] = a.tiers;
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == std::vector<int>(4, 0));
  const auto& tierings = rules->tierings();
  for (const auto& tiers : seen) {
    REQUIRE(tiers.size() == tierings.size());
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      const std::string id = tiers[i] < 0 ? "" : tierings[i].tiers[tiers[i]].id;
      if (tierings[i].name == "pyramid") CHECK(id == "top");
      if (tierings[i].name == "rfm") CHECK(id == "important_value");
      if (tierings[i].name == "lifecycle") CHECK(id == "new");
    }
  }
}

TEST_CASE("a record rejects bad values with a reason", "[api]") {
  strata::Diagnostics diags;
  auto rules = retail(diags);
  REQUIRE(rules);
  auto record = rules->new_record({}, diags);
  REQUIRE(record);
  std::string error;
  CHECK_FALSE(record->set("revenue", "12.3.4", &error));
  CHECK_THAT(error, Catch::Contains("12.3.4"));
  CHECK_FALSE(record->set("nps", "11", &error));
  CHECK_FALSE(record->set("no_such_field", "1", &error));
  CHECK_THAT(error, Catch::Contains("no_such_field"));
  CHECK_FALSE(record->add_event("Order", {{"at", "yesterday"}, {"amount", "1"}}, &error));
}

TEST_CASE("a record compares its strings with string parameters and literals", "[api]") {
  strata::Diagnostics diags;
  auto rules = strata::compile_text({{"r.strata", R"(
record C key id {
  id: string
  region: string
}
param home: string = "华东"
tiering t {
  tier local when region == home
  tier named when region == "华北"
  tier other otherwise
}
)"}},
                                    diags);
  REQUIRE(rules);
  auto record = rules->new_record({}, diags);
  REQUIRE(record);
  strata::Assignment a;
  const std::vector<std::pair<std::string, int>> cases = {{"华东", 0}, {"华北", 1}, {"华南", 2}};
  for (const auto& [region, tier] : cases) {
    REQUIRE(record->set("id", "1"));
    REQUIRE(record->set("region", region));
    REQUIRE(rules->evaluate(*record, a));
    INFO("region " << region);
    CHECK(a.tiers.at(0) == tier);
  }
}
