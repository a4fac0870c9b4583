// Combined models end to end: sub-tiers (first match and unique), products of tierings, tier
// tests against sub-tiers, tables over tierings, and what the API reports about them.
#include <catch2/catch.hpp>

#include "vm/eval_helper.hpp"

using strata::testing::column_text;
using strata::testing::evaluate;
using strata::testing::tier_ids;

namespace {

const char* kModel = R"(
record C key id {
  id: string
  revenue: money
  orders: int?
}
tiering pyramid "金字塔" {
  tier top "顶层" when revenue >= 1000
  tier mid "中层" when revenue >= 100
  tier low "底层" otherwise
}
tiering rfm "RFM" table (orders >= 5) {
  (yes) -> loyal "忠诚"
  (no)  -> casual "一般"
}
)";

// revenue, orders: A top & loyal, B top & casual, C top & no orders, D mid & loyal, E low.
const char* kCustomers = "id,revenue,orders\nA,5000,9\nB,5000,1\nC,5000,\nD,500,7\nE,10,2\n";

std::string model(const std::string& body) {
  return std::string(kModel) + body;
}

}  // namespace

TEST_CASE("sub-tiers: first match inside the tier that took the customer", "[vm][combined]") {
  auto r = evaluate(model(R"(
tiering key_accounts "重点客户" {
  tier top "顶层" when pyramid is top {
    tier loyal when rfm is loyal
    tier casual when rfm is casual
  }
  tier rest otherwise {
    tier mid when pyramid is mid
  }
}
)"),
                    kCustomers);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  // C is in `top` but in no sub-tier of it: it stays in `top`; E is in `rest` only.
  CHECK(tier_ids(r, 2) ==
        std::vector<std::string>{"top.loyal", "top.casual", "top", "rest.mid", "rest"});
  // Counts are per exact tier: top, top.loyal, top.casual, rest, rest.mid, none.
  CHECK(r.result.counts[2] == std::vector<std::uint64_t>{1, 1, 1, 1, 1, 0});
}

TEST_CASE("sub-tiers under `unique`: siblings must not overlap, parents and children may",
          "[vm][combined]") {
  const std::string body = R"(
tiering seg unique {
  tier big when revenue >= 1000 {
    tier many when orders >= 5
    tier few when orders < 5
    tier unknown otherwise
  }
  tier small when revenue < 1000 {
    tier any when orders >= 1
    tier some when orders >= 5
  }
}
)";
  auto r = evaluate(model(body), "id,revenue,orders\nA,5000,9\nB,5000,1\nC,5000,\nE,10,2\n");
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(tier_ids(r, 2) ==
        std::vector<std::string>{"big.many", "big.few", "big.unknown", "small.any"});
  auto conflict = evaluate(model(body), "id,revenue,orders\nD,500,7\n");
  REQUIRE(!conflict.ok);
  CHECK(conflict.diagnostics.find("customer `D` matches both `small.any` and `small.some` of "
                                  "unique tiering `seg`") != std::string::npos);
}

TEST_CASE("products: every combination, a missing later operand stops at the parent",
          "[vm][combined]") {
  auto r = evaluate(model(R"(
tiering optional_rfm table (orders >= 5) { (yes) -> loyal }
tiering both "组合" = pyramid * rfm
tiering partial = pyramid * optional_rfm
tiering three = rfm * pyramid * optional_rfm
)"),
                    kCustomers);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  // C has no orders, so no rfm tier: it stays at `top`.
  CHECK(tier_ids(r, 3) ==
        std::vector<std::string>{"top.loyal", "top.casual", "top", "mid.loyal", "low.casual"});
  CHECK(tier_ids(r, 4) == std::vector<std::string>{"top.loyal", "top", "top", "mid.loyal", "low"});
  CHECK(tier_ids(r, 5) == std::vector<std::string>{"loyal.top.loyal", "casual.top", "none",
                                                   "loyal.mid.loyal", "casual.low"});
}

TEST_CASE("a product whose first operand is missing has no tier", "[vm][combined]") {
  auto r = evaluate(model(R"(
tiering maybe table (orders >= 5) { (yes) -> loyal }
tiering p = maybe * pyramid
)"),
                    kCustomers);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(tier_ids(r, 3) ==
        std::vector<std::string>{"loyal.top", "none", "none", "loyal.mid", "none"});
}

TEST_CASE("`is` and `in` take a tier with its sub-tiers; `==` is exact", "[vm][combined]") {
  auto r = evaluate(
      model(R"(
tiering accounts = pyramid * rfm
tiering maybe table (orders >= 5) { (yes) -> loyal }
tiering opt = maybe * pyramid
let in_top = accounts is top
let not_top = accounts is not top
let exact = accounts == top
let exact_leaf = accounts == accounts.top.loyal
let listed = accounts in [top.loyal, mid]
let not_listed = accounts not in [top]
let opt_in = opt is loyal
let opt_list = opt in [loyal]
)"),
      kCustomers, {},
      {"in_top", "not_top", "exact", "exact_leaf", "listed", "not_listed", "opt_in", "opt_list"});
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  using V = std::vector<std::string>;
  CHECK(column_text(r, 0) == V{"true", "true", "true", "false", "false"});
  CHECK(column_text(r, 1) == V{"false", "false", "false", "true", "true"});
  // C is exactly `top`: in no rfm tier, so in no sub-tier of `top`.
  CHECK(column_text(r, 2) == V{"false", "false", "true", "false", "false"});
  CHECK(column_text(r, 3) == V{"true", "false", "false", "false", "false"});
  CHECK(column_text(r, 4) == V{"true", "false", "false", "true", "false"});
  CHECK(column_text(r, 5) == V{"false", "false", "false", "true", "true"});
  // `is` is two-valued; `in` is unknown for a customer in no tier, as `==` is.
  CHECK(column_text(r, 6) == V{"true", "false", "false", "true", "false"});
  CHECK(column_text(r, 7) == V{"true", "none", "none", "true", "none"});
}

TEST_CASE("tables over tierings: cells name tiers and sub-tiers", "[vm][combined]") {
  auto r = evaluate(model(R"(
tiering accounts = pyramid * rfm
tiering action table (accounts, rfm) {
  (top.loyal, -)       -> thank
  (top,       casual)  -> nurture
  ([mid, low], loyal)  -> upsell
  (-,         -)       -> watch
}
)"),
                    kCustomers);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  // C has no rfm tier, so `casual` is unknown for it and only the row of `-` matches.
  CHECK(tier_ids(r, 3) == std::vector<std::string>{"thank", "nurture", "watch", "upsell", "watch"});
}

TEST_CASE("RuleSet::tierings describes sub-tiers, tables and products", "[api][combined]") {
  strata::Diagnostics diags;
  auto rules = strata::compile_text({{"t.strata", model(R"(
tiering accounts "重点" = pyramid * rfm
tiering nested {
  tier top "顶层" when pyramid is top { tier a when rfm is loyal  tier b otherwise }
  tier rest otherwise
}
)")}},
                                    diags);
  INFO(strata::render(diags, *diags.sources()));
  REQUIRE(rules);
  const auto& tierings = rules->tierings();
  REQUIRE(tierings.size() == 4);
  const strata::TieringInfo& rfm = tierings[1];
  CHECK(rfm.form == strata::TieringInfo::Form::Table);
  CHECK(rfm.columns == std::vector<std::string>{"orders >= 5"});
  REQUIRE(rfm.rows.size() == 2);
  CHECK(rfm.rows[1].cells == std::vector<std::string>{"no"});
  CHECK(rfm.rows[1].tier == 1);
  const strata::TieringInfo& accounts = tierings[2];
  CHECK(accounts.form == strata::TieringInfo::Form::Product);
  CHECK(accounts.operands == std::vector<std::string>{"pyramid", "rfm"});
  REQUIRE(accounts.tiers.size() == 9);
  CHECK(accounts.tiers[0].id == "top");
  CHECK(accounts.tiers[0].end == 3);
  CHECK(accounts.tiers[1].id == "top.loyal");
  CHECK(accounts.tiers[1].label == "顶层 / 忠诚");
  CHECK(accounts.tiers[1].own_label == "忠诚");
  CHECK(accounts.tiers[1].parent == 0);
  CHECK(accounts.tiers[1].depth == 1);
  CHECK(accounts.tiers[8].id == "low.casual");
  CHECK(accounts.within(8, 6));
  CHECK(!accounts.within(8, 3));
  const strata::TieringInfo& nested = tierings[3];
  CHECK(nested.form == strata::TieringInfo::Form::Tiers);
  REQUIRE(nested.tiers.size() == 4);
  CHECK(nested.tiers[1].id == "top.a");
  CHECK(nested.tiers[1].label == "顶层 / a");
  CHECK(nested.tiers[3].id == "rest");
  CHECK(nested.tiers[3].label.empty());
  CHECK(nested.has_otherwise);
}

TEST_CASE("results follow declaration order when a tiering uses a later one", "[api][combined]") {
  // `leading` is declared first but evaluated after `trailing`, which it reads.
  auto r = evaluate(R"(
record C key id { id: string  n: int }
tiering leading { tier follows when trailing is big  tier other otherwise }
tiering trailing { tier big when n > 1  tier small otherwise }
)",
                    "id,n\nA,5\nB,0\n");
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  REQUIRE(r.result.tierings.size() == 2);
  CHECK(r.result.tierings[0].name == "leading");
  CHECK(tier_ids(r, 0) == std::vector<std::string>{"follows", "other"});
  CHECK(tier_ids(r, 1) == std::vector<std::string>{"big", "small"});
}

TEST_CASE("single records evaluate tables, sub-tiers and products", "[api][combined]") {
  strata::Diagnostics diags;
  auto rules = strata::compile_text(
      {{"t.strata",
        model("tiering accounts = pyramid * rfm\n"
              "tiering n { tier top when pyramid is top { tier l when rfm is loyal } }\n")}},
      diags);
  REQUIRE(rules);
  auto record = rules->new_record({}, diags);
  REQUIRE(record);
  REQUIRE(record->set("id", "X"));
  REQUIRE(record->set("revenue", "2000"));
  REQUIRE(record->set("orders", "6"));
  strata::Assignment a;
  REQUIRE(rules->evaluate(*record, a));
  CHECK(a.tiers == std::vector<int>{0, 0, 1, 1});
  REQUIRE(record->set("orders", "1"));
  REQUIRE(rules->evaluate(*record, a));
  CHECK(a.tiers == std::vector<int>{0, 1, 2, 0});
}
