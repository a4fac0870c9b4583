// Statistics over all customers through the public API: single records evaluated against the
// population of a run, explanations, plans, and results that do not depend on the thread count.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "strata/strata.hpp"
#include "test_support.hpp"
#include "vm/eval_helper.hpp"

namespace fs = std::filesystem;
using strata::testing::evaluate;
using strata::testing::temp_file;

namespace {

const char* kRules = R"(
record C key id {
  id: string
  revenue: money
  nps: int? in 0..10
}
events Order of C by cid {
  at: datetime
  amount: money
}
param as_of: date = 2026-11-01
let recency = days_between(max(Order.at), as_of)
let monetary = sum(Order.amount)
let R = 6 - quintile(recency)
let M = quintile(monetary)
let share = cumulative_share(monetary)
tiering rfm {
  tier best when R > avg(R) and M > avg(M)
  tier good when R > avg(R) or M > avg(M)
  tier rest otherwise
}
tiering pareto {
  tier head when share <= 80%
  tier tail otherwise
}
)";

struct Fixture {
  strata::Diagnostics diags;
  std::shared_ptr<const strata::RuleSet> rules;
  std::optional<strata::Dataset> data;
  std::vector<std::string> ids;
  std::vector<std::vector<std::pair<std::string, std::string>>> orders;  // per customer

  explicit Fixture(std::size_t customers) {
    rules = strata::compile_text({{"pop.strata", kRules}}, diags);
    REQUIRE(rules);
    std::string c = "id,revenue,nps\n", o = "cid,at,amount\n";
    // Deterministic data with ties: recency and amounts repeat.
    for (std::size_t i = 0; i < customers; ++i) {
      const std::string id = "K" + std::to_string(1000 + (i * 7919) % customers);
      ids.push_back(id);
      c += id + "," + std::to_string(100 * (i % 13)) + "," + (i % 4 ? std::to_string(i % 11) : "") +
           "\n";
      orders.emplace_back();
      for (std::size_t k = 0; k < i % 4; ++k) {
        const std::string at = "2026-" + std::string(i % 9 < 9 ? "0" : "") +
                               std::to_string(1 + (i + k) % 9) + "-1" + std::to_string(k) +
                               "T10:00:00";
        const std::string amount = std::to_string(10 * ((i * 31 + k) % 17)) + ".50";
        o += id + "," + at + "," + amount + "\n";
        orders.back().emplace_back(at, amount);
      }
    }
    data =
        rules->load({temp_file("pop_c.csv", c), {{"Order", temp_file("pop_o.csv", o)}}, {}}, diags);
    REQUIRE(data);
  }

  // A run that keeps its population, and a record to evaluate against it.
  strata::Record record_against(strata::RunResult& run) {
    strata::RunOptions options;
    options.keep_population = true;
    run = rules->run(*data, options);
    REQUIRE(run.ok);
    REQUIRE(run.population);
    auto record = rules->new_record(options, diags, run.population);
    REQUIRE(record);
    return std::move(*record);
  }

  strata::Assignment evaluate_record(strata::Record& record, std::size_t i, bool& ok) const {
    ok = record.set("id", ids[i]) && record.set("revenue", "0");
    record.clear_events();
    for (const auto& [at, amount] : orders[i]) {
      ok = ok && record.add_event("Order", {{"at", at}, {"amount", amount}});
    }
    strata::Assignment a;
    ok = ok && rules->evaluate(record, a);
    return a;
  }
};

}  // namespace

TEST_CASE("a record without a population is refused with E0408", "[api][population][golden]") {
  fs::current_path(strata::testing::source_dir());
  const std::string input = "tests/golden/api/population_required.strata";
  strata::Diagnostics diags;
  auto rules = strata::compile({input}, diags);
  REQUIRE(rules);
  auto other = strata::compile_text({{"other.strata", kRules}}, diags);
  REQUIRE(other);
  Fixture f(20);
  strata::RunOptions keep;
  keep.keep_population = true;
  const strata::RunResult foreign = other->run(*f.data, keep);
  REQUIRE(foreign.ok);
  REQUIRE(foreign.population);

  strata::Diagnostics errors;
  CHECK_FALSE(rules->new_record({}, errors));
  CHECK_FALSE(rules->new_record({}, errors, foreign.population));
  const std::string actual = strata::render(errors, rules->sources());
  const fs::path expected = "tests/golden/api/population_required.expected";
  if (strata::testing::update_golden()) strata::testing::write_text(expected, actual);
  CHECK(actual == strata::testing::read_text(expected));
}

TEST_CASE("records evaluated against a run's population get the run's tiers", "[api][population]") {
  Fixture f(500);
  strata::RunResult run;
  auto record = f.record_against(run);
  CHECK(run.population->customers() == 500);
  std::size_t mismatches = 0, failures = 0;
  for (std::size_t row = 0; row < 500; ++row) {
    const std::size_t i = row;  // rows are in file order
    bool ok = false;
    const strata::Assignment a = f.evaluate_record(record, i, ok);
    if (!ok) {
      ++failures;
      continue;
    }
    for (std::size_t t = 0; t < 2; ++t) {
      const strata::Value v = run.tierings[t].at(row);
      const int expected = v.present ? static_cast<int>(v.i) : -1;
      mismatches += a.tiers[t] != expected;
    }
  }
  CHECK(failures == 0);
  CHECK(mismatches == 0);
}

TEST_CASE("a new customer is placed among the population", "[api][population]") {
  Fixture f(100);
  strata::RunResult run;
  auto record = f.record_against(run);
  REQUIRE(record.set("id", "NEW"));
  REQUIRE(record.set("revenue", "1"));
  // Recent and the largest monetary of all (a small share of the total): top quintiles, head.
  REQUIRE(record.add_event("Order", {{"at", "2026-10-31T10:00:00"}, {"amount", "500.00"}}));
  strata::Assignment a;
  REQUIRE(f.rules->evaluate(record, a));
  CHECK(f.rules->tierings()[0].tiers[static_cast<std::size_t>(a.tiers[0])].id == "best");
  CHECK(f.rules->tierings()[1].tiers[static_cast<std::size_t>(a.tiers[1])].id == "head");
  bool found_r = false;
  for (const strata::PopulationValue& p : record.population_values()) {
    if (p.text == "quintile(recency)") {
      found_r = true;
      CHECK(p.position);
      CHECK(p.value.to_string() == "1");  // the most recent of all: lowest recency
    }
    if (p.text == "quintile(monetary)") CHECK(p.value.to_string() == "5");
  }
  CHECK(found_r);
  // A customer with no orders has no recency, so no quintile of it, and R is none.
  record.clear_events();
  REQUIRE(f.rules->evaluate(record, a));
  for (const strata::PopulationValue& p : record.population_values()) {
    if (p.text == "quintile(recency)") CHECK_FALSE(p.value.present);
  }
}

TEST_CASE("results do not depend on the thread count", "[api][population][threads]") {
  Fixture f(5000);
  strata::RunOptions one;
  one.threads = 1;
  one.columns = {"R", "M", "share"};
  const strata::RunResult reference = f.rules->run(*f.data, one);
  REQUIRE(reference.ok);
  for (unsigned threads : {2u, 3u, 8u}) {
    strata::RunOptions many = one;
    many.threads = threads;
    const strata::RunResult r = f.rules->run(*f.data, many);
    REQUIRE(r.ok);
    for (std::size_t t = 0; t < r.tierings.size(); ++t) {
      CHECK(r.tierings[t].ints == reference.tierings[t].ints);
      CHECK(r.tierings[t].present == reference.tierings[t].present);
    }
    for (std::size_t c = 0; c < r.lets.size(); ++c) {
      CHECK(r.lets[c].ints == reference.lets[c].ints);
      CHECK(r.lets[c].decimals == reference.lets[c].decimals);
      CHECK(r.lets[c].present == reference.lets[c].present);
    }
  }
}

TEST_CASE("a run times each phase, and the statistics between them", "[api][population][plan]") {
  Fixture f(2000);
  const strata::RunResult r = f.rules->run(*f.data, {});
  REQUIRE(r.ok);
  REQUIRE(r.phase_seconds.size() == f.rules->plan().phases.size());
  double parts = r.statistics_seconds;
  for (double s : r.phase_seconds) {
    CHECK(s >= 0);
    parts += s;
  }
  CHECK(parts <= r.seconds);
}

TEST_CASE("one statistic written in several places is computed once", "[api][population][plan]") {
  strata::Diagnostics diags;
  auto rules = strata::compile_text({{"p.strata", R"(
record C key id { id: string  revenue: money }
let a = revenue > avg(revenue)
let b = revenue - avg( revenue )
let c = quintile(revenue) + ntile(revenue, 5)
let d = median(revenue) + percentile(revenue, 50%)
tiering t {
  tier x when revenue > avg(revenue) and quintile(revenue) > 3
  tier y otherwise
}
)"}},
                                    diags);
  REQUIRE(rules);
  const strata::PlanInfo plan = rules->plan();
  REQUIRE(plan.statistics.size() == 3);
  CHECK(plan.statistics[0].text == "avg(revenue)");
  CHECK(plan.statistics[0].calls == 3);
  CHECK(plan.statistics[0].used_by == std::vector<std::string>{"a", "b", "t"});
  CHECK(plan.statistics[1].text == "quintile(revenue)");  // ntile(revenue, 5) is the same
  CHECK(plan.statistics[1].calls == 3);
  CHECK(plan.statistics[2].text == "median(revenue)");  // percentile(revenue, 50%) too
  CHECK(plan.statistics[2].calls == 2);
  CHECK(plan.sorts == 1);  // one sort of revenue serves the quintile and the median
  CHECK(plan.phases.size() == 2);
}

TEST_CASE("nested statistics need one phase per stage", "[api][population][plan]") {
  strata::Diagnostics diags;
  auto rules = strata::compile_text({{"p.strata", kRules}}, diags);
  REQUIRE(rules);
  const strata::PlanInfo plan = rules->plan();
  // quintile(recency) before R, avg(R) after it.
  REQUIRE(plan.phases.size() == 3);
  std::size_t stage_of_avg = 0, stage_of_quintile = 0;
  for (const auto& s : plan.statistics) {
    if (s.text == "avg(R)") stage_of_avg = s.stage;
    if (s.text == "quintile(recency)") stage_of_quintile = s.stage;
  }
  CHECK(stage_of_quintile == 1);
  CHECK(stage_of_avg == 2);
  CHECK(plan.phases[0].event_passes.size() == 1);
  CHECK(plan.phases[1].event_passes.empty());  // later phases never scan the events again
  CHECK(plan.phases[2].event_passes.empty());
}

TEST_CASE("an explanation shows the statistics the customer saw", "[api][population]") {
  Fixture f(50);
  strata::RunOptions options;
  strata::Diagnostics diags;
  const auto e = f.rules->explain(*f.data, f.ids[3], options, diags);
  REQUIRE(e);
  options.columns = {"R"};
  const strata::RunResult run = f.rules->run(*f.data, options);
  REQUIRE(run.ok);
  bool saw_avg = false, saw_quintile = false;
  for (const strata::PopulationValue& p : e->population) {
    if (p.text == "avg(R)") {
      saw_avg = true;
      CHECK_FALSE(p.position);
      CHECK(p.value.present);
    }
    if (p.text == "quintile(recency)") {
      saw_quintile = true;
      CHECK(p.position);
    }
  }
  CHECK(saw_avg);
  CHECK(saw_quintile);
  for (const auto& [name, v] : e->lets) {
    if (name == "R") CHECK(v.to_string() == run.lets[0].at(3).to_string());
  }
}

TEST_CASE("a customer of the run with changed data is placed as a run with that data would",
          "[api][population]") {
  // The record replaces the customer with its key: its positions equal those of a run in which
  // only that customer's data changed.
  Fixture f(300);
  strata::RunResult run;
  auto record = f.record_against(run);
  strata::Diagnostics diags;
  for (std::size_t i : {0u, 17u, 150u, 299u}) {
    Fixture changed(300);
    changed.orders[i] = {{"2026-10-3" + std::to_string(i % 2) + "T08:00:00", "77.25"}};
    // Rebuild the changed data set: the same customers, customer i with one new order.
    std::string c = "id,revenue,nps\n", o = "cid,at,amount\n";
    for (std::size_t k = 0; k < changed.ids.size(); ++k) {
      c += changed.ids[k] + ",0,\n";
      for (const auto& [at, amount] : changed.orders[k]) {
        o += changed.ids[k] + "," + at + "," + amount + "\n";
      }
    }
    auto data = changed.rules->load(
        {temp_file("chg_c.csv", c), {{"Order", temp_file("chg_o.csv", o)}}, {}}, diags);
    REQUIRE(data);
    strata::RunOptions columns;
    columns.columns = {"R", "M", "share"};
    const strata::RunResult expected = f.rules->run(*data, columns);
    REQUIRE(expected.ok);

    bool ok = false;
    changed.evaluate_record(record, i, ok);
    REQUIRE(ok);
    std::map<std::string, std::string> positions;
    for (const strata::PopulationValue& p : record.population_values()) {
      positions[p.text] = p.value.to_string();
    }
    INFO("customer " << i);
    CHECK(std::to_string(6 - std::stoi(positions.at("quintile(recency)"))) ==
          expected.lets[0].at(i).to_string());
    CHECK(positions.at("quintile(monetary)") == expected.lets[1].at(i).to_string());
    CHECK(positions.at("cumulative_share(monetary)") == expected.lets[2].at(i).to_string());
  }
}

TEST_CASE("later phases compute event aggregates that depend on lets again", "[api][population]") {
  // `big` is not one of the first phase's fused aggregates (its filter reads a let), so the last
  // phase runs its own pass over the events; the result must equal a rule set without phases.
  const std::string base = R"(
record C key id { id: string  revenue: money }
events Order of C by cid { at: datetime  amount: money }
let limit = revenue / 10
let big = count(Order where amount > limit)
let monetary = sum(Order.amount)
)";
  const std::string customers = "id,revenue\nA,1000\nB,50\nC,0\nD,700\n";
  const std::string orders =
      "cid,at,amount\nA,2026-01-01T00:00:00,150\nA,2026-02-01T00:00:00,20\nB,2026-01-01T00:00:00,"
      "6\nD,2026-03-01T00:00:00,71\nD,2026-03-02T00:00:00,69\n";
  auto plain = evaluate(base, customers, orders, {"big", "monetary"});
  REQUIRE(plain.ok);
  auto phased = evaluate(base + "let q = quintile(monetary)\nlet both = big + q\n", customers,
                         orders, {"big", "monetary", "both"});
  REQUIRE(phased.ok);
  CHECK(strata::testing::column_text(phased, 0) == strata::testing::column_text(plain, 0));
  CHECK(strata::testing::column_text(phased, 1) == strata::testing::column_text(plain, 1));
  CHECK(strata::testing::column_text(phased, 2) == std::vector<std::string>{"5", "3", "1", "4"});
}

TEST_CASE("an evaluation error after a stage names the customer", "[api][population]") {
  auto r = evaluate(R"(
record C key id { id: string  n: int }
let q = quintile(n)
let big = q * n * n
)",
                    "id,n\nA,1\nB,5000000000\nC,3\n", {}, {"big"});
  REQUIRE_FALSE(r.ok);
  CHECK(r.diagnostics.find("error[E0401]: integer overflow while evaluating customer `B`") !=
        std::string::npos);
}
