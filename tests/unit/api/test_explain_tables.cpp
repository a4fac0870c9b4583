// Explanations of decision tables and sub-tiers: which rows and tiers were tried, each cell with
// its column's value, computed by the same bytecode as the run.
#include <catch2/catch.hpp>

#include "vm/eval_helper.hpp"

namespace {

const char* kRules = R"(
record C key id {
  id: string
  revenue: money
  orders: int?
}
let r_high = orders >= 3
tiering rfm "RFM" table (r_high, revenue) {
  (yes, >= 1000) -> important "重要"
  (yes, -)       -> develop
  (no, 1..999)   -> keep
  otherwise      -> general
}
tiering accounts {
  tier top when revenue >= 1000 {
    tier vip when rfm is important
    tier other otherwise
  }
  tier rest otherwise
}
tiering size { tier big when revenue >= 1000  tier small otherwise }
tiering both = rfm * size
)";

struct Explained {
  std::shared_ptr<const strata::RuleSet> rules;
  std::optional<strata::Explanation> explanation;
};

Explained explain(const std::string& key) {
  Explained out;
  strata::Diagnostics diags;
  out.rules = strata::compile_text({{"t.strata", kRules}}, diags);
  REQUIRE(out.rules);
  strata::RuleSet::DataFiles files;
  files.records = strata::testing::temp_file(
      "explain.csv", "id,revenue,orders\nA,5000,9\nB,500,1\nC,50,\nD,5000,1\n");
  auto data = out.rules->load(files, diags);
  REQUIRE(data);
  out.explanation = out.rules->explain(*data, key, {}, diags);
  INFO(strata::render(diags, *diags.sources()));
  REQUIRE(out.explanation);
  return out;
}

}  // namespace

TEST_CASE("explaining a table shows the rows tried and each cell's column value",
          "[api][explain][table]") {
  const Explained e = explain("B");
  const strata::TieringExplanation& rfm = e.explanation->tierings[0];
  REQUIRE(rfm.tier);
  CHECK(e.rules->tierings()[0].tiers[*rfm.tier].id == "keep");
  // First match: rows 1..3, the third matched.
  REQUIRE(rfm.trials.size() == 3);
  CHECK(*rfm.trials[0].row == 0);
  CHECK(rfm.trials[0].result == strata::Truth::False);
  REQUIRE(rfm.trials[0].terms.size() == 2);
  const strata::Term& cell = rfm.trials[0].terms[0];
  CHECK(cell.source == "r_high");
  CHECK(cell.cell == "yes");
  CHECK(cell.result == strata::Truth::False);
  REQUIRE(cell.operands.size() == 1);
  CHECK(cell.operands[0].second.to_string() == "false");
  const strata::Term& range = rfm.trials[2].terms[1];
  CHECK(range.cell == "1..999");
  CHECK(range.op == "in");
  CHECK(range.operands[0].second.to_string() == "500");
  CHECK(range.result == strata::Truth::True);
  CHECK(rfm.trials[2].result == strata::Truth::True);
}

TEST_CASE("explaining a table shows the comparison behind a yes/no column, through its let",
          "[api][explain][table]") {
  const Explained e = explain("B");
  const strata::TieringExplanation& rfm = e.explanation->tierings[0];
  // Column r_high is the let `orders >= 3`: the cell carries that comparison and both sides.
  const strata::Term& cell = rfm.trials[0].terms[0];
  REQUIRE(cell.because.size() == 1);
  const strata::Term& because = cell.because[0];
  CHECK(because.source == "orders >= 3");
  CHECK(because.op == ">=");
  CHECK(because.result == strata::Truth::False);
  REQUIRE(because.operands.size() == 2);
  CHECK(because.operands[0].first == "orders");
  CHECK(because.operands[0].second.to_string() == "1");
  CHECK(because.operands[1].first == "3");
  // Column revenue is no comparison: nothing behind it.
  CHECK(rfm.trials[0].terms[1].because.empty());
}

TEST_CASE("explaining a table: unknown cells, and the otherwise row", "[api][explain][table]") {
  const Explained e = explain("C");
  const strata::TieringExplanation& rfm = e.explanation->tierings[0];
  REQUIRE(rfm.trials.size() == 4);
  CHECK(rfm.trials[0].terms[0].result == strata::Truth::Unknown);
  CHECK(rfm.trials[0].terms[0].operands[0].second.present == false);
  CHECK(rfm.trials[3].otherwise);
  CHECK(rfm.trials[3].result == strata::Truth::True);
  CHECK(rfm.trials[3].terms.empty());
}

TEST_CASE("explaining sub-tiers goes down the chosen tier; products have no trials",
          "[api][explain][table]") {
  const Explained e = explain("D");
  const strata::TieringExplanation& accounts = e.explanation->tierings[1];
  const auto& info = e.rules->tierings()[1];
  REQUIRE(accounts.tier);
  CHECK(info.tiers[*accounts.tier].id == "top.other");
  // top (matched), then its sub-tiers vip (no) and other (otherwise).
  REQUIRE(accounts.trials.size() == 3);
  CHECK(info.tiers[accounts.trials[0].tier].id == "top");
  CHECK(accounts.trials[0].result == strata::Truth::True);
  CHECK(info.tiers[accounts.trials[1].tier].id == "top.vip");
  CHECK(accounts.trials[1].result == strata::Truth::False);
  CHECK(info.tiers[accounts.trials[2].tier].id == "top.other");
  CHECK(accounts.trials[2].otherwise);
  const strata::TieringExplanation& both = e.explanation->tierings[3];
  REQUIRE(both.tier);
  CHECK(e.rules->tierings()[3].tiers[*both.tier].id == "general.big");
  CHECK(both.trials.empty());
}
