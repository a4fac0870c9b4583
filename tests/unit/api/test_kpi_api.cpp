// KPIs through the public API: groups (sub-tiers, no tier, every customer), exact values, units,
// targets, empty groups, KPIs using KPIs, results that do not depend on the thread count, and
// comparing two tables.
#include <catch2/catch.hpp>

#include "strata/strata.hpp"
#include "test_support.hpp"
#include "vm/eval_helper.hpp"

using strata::testing::temp_file;

namespace {

const char* kRules = R"(
record C key id {
  id: string
  spend: money
  nps: int? in 0..10
}
tiering value {
  tier high when spend >= 100 {
    tier vip when spend >= 1000
    tier rest otherwise
  }
  tier low when spend > 0
}
kpi customers by value = count()
kpi share by value = sum(spend) / total(sum(spend)) target >= 50% for high target >= 1%
kpi nps by value unit score = 100 * (count(nps >= 9) - count(nps <= 6)) / count(nps is not none)
kpi mean by value = avg(spend)
kpi mid by value = median(spend)
kpi doubled by value = mean * 2
kpi overall = count(spend > 0) / count()
)";

struct Run {
  strata::Diagnostics diags;
  std::shared_ptr<const strata::RuleSet> rules;
  std::optional<strata::Dataset> data;
  strata::RunResult result;

  explicit Run(const std::string& customers, unsigned threads = 1) {
    rules = strata::compile_text({{"kpi.strata", kRules}}, diags);
    REQUIRE(rules);
    data = rules->load({temp_file("kpi_c.csv", customers), {}, {}}, diags);
    REQUIRE(data);
    strata::RunOptions options;
    options.kpis = true;
    options.threads = threads;
    result = rules->run(*data, options);
    REQUIRE(result.ok);
  }
  // The value of KPI `name` for the group whose tier id is `group` (or all / none).
  std::optional<strata::Decimal> value(const std::string& name, const std::string& group) const {
    for (const strata::KpiRow& r : strata::kpi_rows(*rules, result.kpis)) {
      if (r.kpi == name && r.group == group) return r.value;
    }
    FAIL("no row " << name << " for " << group);
    return std::nullopt;
  }
};

strata::Decimal dec(const char* text) {
  return *strata::Decimal::parse(text);
}

const char* kCustomers = "id,spend,nps\nA,1500,10\nB,200,6\nC,50,9\nD,0,\nE,100.50,3\n";

}  // namespace

TEST_CASE("KPI values per group are exact, sub-tiers roll up, empty groups have none", "[kpi]") {
  Run run(kCustomers);
  const auto& info = run.rules->kpis();
  REQUIRE(info.size() == 7);
  CHECK(info[0].unit == strata::KpiUnit::Count);
  CHECK(info[1].unit == strata::KpiUnit::Percent);
  CHECK(info[2].unit == strata::KpiUnit::Score);
  CHECK(info[3].unit == strata::KpiUnit::Money);
  CHECK(info[5].unit == strata::KpiUnit::Money);  // from the KPI it uses
  CHECK(info[6].unit == strata::KpiUnit::Percent);
  CHECK(info[6].by == -1);

  // high covers vip (A) and rest (B, E); low has C; D has no tier.
  CHECK(run.value("customers", "all") == dec("5"));
  CHECK(run.value("customers", "high") == dec("3"));
  CHECK(run.value("customers", "high.vip") == dec("1"));
  CHECK(run.value("customers", "high.rest") == dec("2"));
  CHECK(run.value("customers", "low") == dec("1"));
  CHECK(run.value("customers", "none") == dec("1"));
  // 1850.50 in all: 1800.50 / 1850.50 = 0.972980... rounded half away from zero.
  CHECK(run.value("share", "high") == dec("0.97298"));
  CHECK(run.value("share", "none") == dec("0"));
  CHECK(run.value("mean", "high.rest") == dec("150.25"));
  CHECK(run.value("mid", "high") == dec("200"));
  CHECK(run.value("doubled", "high.rest") == dec("300.5"));
  // NPS over the answers only: promoters A, C; detractors B, E.
  CHECK(run.value("nps", "all") == dec("0"));
  CHECK(run.value("nps", "high") == dec("-33.333333"));
  CHECK(run.value("nps", "none") == std::nullopt);  // D did not answer
  CHECK(run.value("overall", "all") == dec("0.8"));
}

TEST_CASE("KPI targets apply to their tiers first, then to every group", "[kpi]") {
  Run run(kCustomers);
  for (const strata::KpiRow& r : strata::kpi_rows(*run.rules, run.result.kpis)) {
    if (r.kpi != "share") continue;
    if (r.group == "high") {
      CHECK(r.target == ">= 50%");
      CHECK(r.status == strata::TargetStatus::Met);
    } else if (r.group == "none") {
      CHECK(r.target == ">= 1%");
      CHECK(r.status == strata::TargetStatus::Missed);
    } else {
      CHECK(r.target == ">= 1%");
    }
  }
}

TEST_CASE("an empty population gives KPIs without a value, never a crash", "[kpi]") {
  Run run("id,spend,nps\n");
  CHECK(run.value("customers", "all") == dec("0"));
  CHECK(run.value("share", "all") == std::nullopt);
  CHECK(run.value("mean", "high") == std::nullopt);
  CHECK(run.value("mid", "low") == std::nullopt);
  CHECK(run.value("overall", "all") == std::nullopt);
  CHECK(strata::format_kpi_value(std::nullopt, strata::KpiUnit::Percent) == "—");
}

TEST_CASE("KPI values do not depend on the thread count", "[kpi]") {
  std::string customers = "id,spend,nps\n";
  for (int i = 0; i < 5000; ++i) {
    customers += "K" + std::to_string(i) + "," + std::to_string((i * 37) % 2000) + "." +
                 std::to_string(i % 100) + "," + (i % 3 ? std::to_string(i % 11) : "") + "\n";
  }
  Run one(customers, 1);
  Run many(customers, 4);
  const auto a = strata::kpi_rows(*one.rules, one.result.kpis);
  const auto b = strata::kpi_rows(*many.rules, many.result.kpis);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO(a[i].kpi << " for " << a[i].group);
    CHECK(a[i].value == b[i].value);
  }
}

TEST_CASE("comparing two KPI tables gives exact deltas, new and gone rows", "[kpi]") {
  Run before(kCustomers);
  Run after("id,spend,nps\nA,1500,10\nB,250,6\nC,50,9\n");
  const auto deltas = strata::compare_kpis(strata::kpi_rows(*before.rules, before.result.kpis),
                                           strata::kpi_rows(*after.rules, after.result.kpis));
  bool checked = false;
  for (const strata::KpiDelta& d : deltas) {
    if (d.kpi == "customers" && d.group == "all") {
      CHECK(d.before == dec("5"));
      CHECK(d.after == dec("3"));
      CHECK(d.delta == dec("-2"));
      checked = true;
    }
    if (d.kpi == "nps" && d.group == "none") CHECK(d.delta == std::nullopt);
  }
  CHECK(checked);
}

TEST_CASE("format_kpi_value shows each unit", "[kpi]") {
  using strata::KpiUnit;
  CHECK(strata::format_kpi_value(dec("0.425"), KpiUnit::Percent) == "42.50%");
  CHECK(strata::format_kpi_value(dec("1234.5"), KpiUnit::Money) == "1,234.50");
  CHECK(strata::format_kpi_value(dec("1204"), KpiUnit::Count) == "1,204");
  CHECK(strata::format_kpi_value(dec("12.345"), KpiUnit::Days) == "12.35 d");
  CHECK(strata::format_kpi_value(dec("-33.333333"), KpiUnit::Score) == "-33.33");
  CHECK(strata::kpi_value_text(dec("0.500000")) == "0.5");
}
