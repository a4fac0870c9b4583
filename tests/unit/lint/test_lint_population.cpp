// The linter with statistics over all customers. Without sample data a value for the run is an
// unknown constant and a position ranges over what it can be; with sample data both take the
// sample's values. Cases: what is proved complete, unreachable or disjoint from the ranges of
// positions. Properties: for generated tierings over statistics, what the linter claims holds for
// random populations (without data) or for random customers placed among the sample (with data),
// and every example is confirmed through the public API against its population.
#include <catch2/catch.hpp>
#include <random>
#include <set>

#include "lint/context.hpp"
#include "lint_support.hpp"
#include "strata/lint.hpp"
#include "test_support.hpp"

using namespace strata;
using lint_testing::check_witness;
using lint_testing::lint_text;

namespace {

const char* kRecord = "record C key id {\n  id: string\n  a: int\n  b: int?\n  c: money\n}\n";

struct Claims {
  std::vector<std::pair<LintRule, linter::Claim>> found;
  std::size_t count(LintRule rule) const {
    std::size_t n = 0;
    for (const auto& [r, c] : found) n += r == rule;
    return n;
  }
};

Claims lint_claims(const std::string& body, const Dataset* data = nullptr,
                   std::shared_ptr<const RuleSet>* keep = nullptr) {
  std::shared_ptr<const RuleSet> rules;
  Claims out;
  for (const linter::Finding& f : lint_text(kRecord + body, rules, data)) {
    if (f.claim != linter::Claim::None) check_witness(*rules, f, data);
    out.found.emplace_back(f.rule, f.claim);
  }
  if (keep) *keep = rules;
  return out;
}

// Customers as CSV: `rows` of (a, b, c), b empty for none.
std::string customers_csv(const std::vector<std::array<std::string, 3>>& rows) {
  std::string text = "id,a,b,c\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    text += "K" + std::to_string(100 + i) + "," + rows[i][0] + "," + rows[i][1] + "," + rows[i][2] +
            "\n";
  }
  return text;
}

std::optional<Dataset> load_customers(const RuleSet& rules, const std::string& csv,
                                      const std::string& name) {
  const auto path = testing::scratch_dir() / name;
  testing::write_text(path, csv);
  Diagnostics diags;
  RuleSet::DataFiles files;
  files.records = path.string();
  return rules.load(files, diags);
}

std::vector<std::array<std::string, 3>> random_rows(std::mt19937& rng, std::size_t n) {
  std::uniform_int_distribution<int> v(-20, 20), cents(0, 99), none(0, 5);
  std::vector<std::array<std::string, 3>> rows;
  for (std::size_t i = 0; i < n; ++i) {
    rows.push_back({std::to_string(v(rng)), none(rng) == 0 ? "" : std::to_string(v(rng)),
                    std::to_string(v(rng)) + "." + std::to_string(10 + cents(rng) % 90)});
  }
  return rows;
}

}  // namespace

TEST_CASE("positions range over what they can be; values for the run are unknown constants",
          "[lint][population]") {
  struct Case {
    const char* body;
    LintRule rule;
    std::size_t findings;
  };
  const Case cases[] = {
      // quintile is 1..5: complete over a non-optional argument.
      {"tiering t { tier x when quintile(a) >= 4\n tier y when quintile(a) <= 3 }",
       LintRule::TierGap, 0},
      {"tiering t { tier x when quintile(a) in [1, 2]\n tier y when quintile(a) >= 3 }",
       LintRule::TierGap, 0},
      // ... but a customer without b has no quintile of b.
      {"tiering t { tier x when quintile(b) >= 4\n tier y when quintile(b) <= 3 }",
       LintRule::TierGap, 1},
      {"tiering t { tier x when ntile(a, 3) == 1\n tier y when ntile(a, 3) == 2\n"
       " tier z when ntile(a, 3) == 3 }",
       LintRule::TierGap, 0},
      {"tiering t { tier x when ntile(a, 3) <= 3\n tier y otherwise }", LintRule::UnreachableTier,
       1},
      {"tiering t { tier x when percent_rank(c) < 50%\n tier y when percent_rank(c) >= 50% }",
       LintRule::TierGap, 0},
      {"tiering t { tier x when rank(a) >= 1\n tier y otherwise }", LintRule::UnreachableTier, 1},
      {"tiering t unique { tier x when rank(a) == 1\n tier y when rank(a) >= 2 }",
       LintRule::TierOverlap, 0},
      {"tiering t unique { tier x when rank(a) <= 2\n tier y when rank(a) >= 2 }",
       LintRule::TierOverlap, 1},
      // Comparisons with a value for the run: one unknown constant on both sides.
      {"tiering t { tier x when c > avg(c)\n tier y when c <= avg(c) }", LintRule::TierGap, 0},
      {"tiering t { tier x when a >= median(a)\n tier y when a < median(a) }", LintRule::TierGap,
       0},
      {"tiering t { tier x when c > avg(c) }", LintRule::TierGap, 1},
      {"tiering t { tier x when count() >= 1 }", LintRule::TierGap, 0},
      {"tiering t { tier x when count() == 0\n tier y otherwise }", LintRule::ConstantCondition, 1},
      {"tiering t { tier x when stddev(c) < 0\n tier y otherwise }", LintRule::ConstantCondition,
       1},
      // avg(a) is none only when no customer has an a, and this one has.
      {"tiering t { tier x when a > avg(a)\n tier y when a <= avg(a) }", LintRule::UnhandledMissing,
       0},
      {"tiering t { tier x when b > avg(b)\n tier y otherwise }", LintRule::UnhandledMissing, 2},
  };
  for (const Case& c : cases) {
    INFO(c.body);
    CHECK(lint_claims(c.body).count(c.rule) == c.findings);
  }
}

TEST_CASE("a gap at the average is shown in a run of the example alone", "[lint][population]") {
  std::shared_ptr<const RuleSet> rules;
  const auto findings =
      lint_text(std::string(kRecord) + "tiering t { tier x when c > avg(c) }", rules);
  bool shown = false;
  for (const linter::Finding& f : findings) {
    if (f.rule != LintRule::TierGap) continue;
    REQUIRE(f.claim == linter::Claim::Gap);
    check_witness(*rules, f);
    REQUIRE(f.witness->alone);
    REQUIRE(f.witness->statistics.size() == 1);
    CHECK(f.witness->statistics[0].text == "avg(c)");
    shown = true;
  }
  CHECK(shown);
}

namespace {

// A random condition over statistics of a (int), b (int?) and c (money), or a plain comparison.
std::string statistic_condition(std::mt19937& rng) {
  std::uniform_int_distribution<int> shape(0, 9), k(1, 5), t(-10, 10), op(0, 3);
  const char* ops[] = {">=", ">", "<", "<="};
  const std::string o = ops[op(rng)];
  switch (shape(rng)) {
    case 0:
      return "quintile(a) " + o + " " + std::to_string(k(rng));
    case 1:
      return "ntile(b, 3) == " + std::to_string(1 + k(rng) % 3);
    case 2:
      return "a " + o + " avg(a)";
    case 3:
      return "c " + o + " median(c)";
    case 4:
      return "percent_rank(c) " + o + " " + std::to_string(20 * k(rng) - 10) + "%";
    case 5:
      return "rank(a) " + o + " " + std::to_string(k(rng));
    case 6:
      return "c " + o + " avg(c) + " + std::to_string(t(rng));
    case 7:
      return "quintile(c) " + o + " " + std::to_string(k(rng)) + " and a " + o + " " +
             std::to_string(t(rng));
    case 8:
      return "b " + o + " max(b) or quintile(a) == " + std::to_string(k(rng));
    default:
      return "a " + o + " " + std::to_string(t(rng));
  }
}

struct Generated {
  std::string text;
  bool unique = false;
};

Generated generated_tiering(std::mt19937& rng, int round) {
  std::uniform_int_distribution<int> tiers(2, 4), coin(0, 3);
  Generated g;
  g.unique = round % 3 == 1;
  g.text = std::string(kRecord) + "tiering t " + (g.unique ? "unique " : "") + "{\n";
  const int n = tiers(rng);
  for (int i = 0; i < n; ++i) {
    g.text += "  tier t" + std::to_string(i) + " when " + statistic_condition(rng) + "\n";
  }
  if (!g.unique && coin(rng) == 0) g.text += "  tier rest otherwise\n";
  g.text += "}\n";
  return g;
}

// What the linter claims about tiering 0.
struct Verdict {
  bool may_gap = false, may_conflict = false;
  std::set<std::size_t> unreachable;
  std::size_t confirmed = 0;
};

Verdict verdict_of(const RuleSet& rules, const std::vector<linter::Finding>& findings,
                   const Dataset* data) {
  Verdict v;
  for (const linter::Finding& f : findings) {
    if (f.diag.rule.empty()) continue;  // a diagnostic, such as the sample's run stopping
    if (f.rule == LintRule::TierGap) v.may_gap = true;
    if (f.rule == LintRule::TierOverlap) v.may_conflict = true;
    if (f.rule == LintRule::UnreachableTier) v.unreachable.insert(f.tiers.at(0));
    if (f.claim != linter::Claim::None) {
      check_witness(rules, f, data);
      ++v.confirmed;
    }
  }
  return v;
}

// The run's tiers against the claims; false when the run stopped (a unique conflict).
bool run_agrees(const RuleSet& rules, const Dataset& data, const Verdict& v) {
  RunOptions run;
  run.threads = 1;
  const RunResult result = rules.run(data, run);
  if (!result.ok) {
    CHECK(v.may_conflict);
    return false;
  }
  const ResultColumn& c = result.tierings[0];
  for (std::size_t row = 0; row < c.present.size(); ++row) {
    if (!c.present[row]) {
      CHECK(v.may_gap);
      continue;
    }
    CHECK(v.unreachable.count(static_cast<std::size_t>(c.ints[row])) == 0);
  }
  return true;
}

}  // namespace

TEST_CASE(
    "generated tierings over statistics, without sample data: claims hold for random "
    "populations",
    "[lint][population][property]") {
  std::mt19937 rng(20261201);
  std::uniform_int_distribution<std::size_t> size(1, 25);
  std::size_t complete = 0, confirmed = 0, runs = 0, dead = 0;
  for (int round = 0; round < 60; ++round) {
    const Generated g = generated_tiering(rng, round);
    INFO(g.text);
    std::shared_ptr<const RuleSet> rules;
    const auto findings = lint_text(g.text, rules);
    const Verdict v = verdict_of(*rules, findings, nullptr);
    confirmed += v.confirmed;
    dead += v.unreachable.size();
    complete += !v.may_gap;
    // The claims hold in every run, whatever its customers.
    for (int population = 0; population < 6; ++population) {
      auto data = load_customers(*rules, customers_csv(random_rows(rng, size(rng))),
                                 "population_" + std::to_string(population) + ".csv");
      REQUIRE(data);
      runs += run_agrees(*rules, *data, v);
    }
  }
  CHECK(complete > 8);
  CHECK(confirmed > 15);
  CHECK(dead > 3);
  CHECK(runs > 200);
}

TEST_CASE(
    "generated tierings over statistics, with sample data: claims hold for the sample and "
    "for customers placed among it",
    "[lint][population][property]") {
  std::mt19937 rng(20261202);
  std::uniform_int_distribution<std::size_t> size(3, 30);
  std::uniform_int_distribution<int> value(-25, 25), none(0, 5);
  std::size_t complete = 0, confirmed = 0, placed = 0, bound = 0;
  for (int round = 0; round < 60; ++round) {
    const Generated g = generated_tiering(rng, round);
    INFO(g.text);
    Diagnostics diags;
    auto rules = compile_text({{"generated.strata", g.text}}, diags);
    REQUIRE(rules);
    auto data = load_customers(*rules, customers_csv(random_rows(rng, size(rng))), "sample.csv");
    REQUIRE(data);
    std::shared_ptr<const RuleSet> linted;
    const auto findings = lint_text(g.text, linted, &*data);
    const Verdict v = verdict_of(*linted, findings, &*data);
    confirmed += v.confirmed;
    complete += !v.may_gap;
    if (!run_agrees(*linted, *data, v)) continue;  // no population to place customers in
    ++bound;
    // New customers evaluated against the sample's population.
    RunOptions keep;
    keep.keep_population = true;
    keep.threads = 1;
    const RunResult sample = linted->run(*data, keep);
    REQUIRE(sample.ok);
    auto record = linted->new_record(RunOptions{}, diags, sample.population);
    REQUIRE(record);
    for (int n = 0; n < 200; ++n) {
      record->set("id", "new" + std::to_string(n));
      record->set("a", std::to_string(value(rng)));
      record->set("b", none(rng) == 0 ? "" : std::to_string(value(rng)));
      record->set("c", std::to_string(value(rng)) + ".5");
      Assignment a;
      if (!linted->evaluate(*record, a)) {
        CHECK(v.may_conflict);
        continue;
      }
      ++placed;
      if (a.tiers[0] == -1) {
        CHECK(v.may_gap);
        continue;
      }
      CHECK(v.unreachable.count(static_cast<std::size_t>(a.tiers[0])) == 0);
    }
  }
  CHECK(complete > 8);
  CHECK(confirmed > 25);
  CHECK(bound > 30);
  CHECK(placed > 5000);
}
