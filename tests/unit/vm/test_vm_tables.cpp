// Decision tables end to end: every cell form against every kind of column, missing values,
// first match and unique, fallbacks, and columns that are any expression.
#include <catch2/catch.hpp>

#include "vm/eval_helper.hpp"

using strata::testing::evaluate;
using strata::testing::tier_ids;

namespace {

const char* kRecord = R"(
record C key id {
  id: string
  flag: bool?
  n: int?
  amount: money?
  kind: enum { ict, retail, other }?
  city: string?
  day: date?
}
)";

std::string rules(const std::string& body) {
  return std::string(kRecord) + body;
}

}  // namespace

TEST_CASE("table cells: yes, no, values, comparisons, ranges, lists, none and -", "[vm][table]") {
  const std::string table = R"(
tiering t table (flag, n, amount, kind, city, day) {
  (yes, -,    -,        -,             -,       -)            -> flagged
  (-,   5,    -,        -,             -,       -)            -> five
  (-,   > 100, -,       -,             -,       -)            -> big_n
  (-,   -,    1..2.5,   -,             -,       -)            -> small_amount
  (-,   -,    -,        [ict, retail], "上海",  -)            -> trade_sh
  (-,   -,    -,        other,         -,       >= 2026-06-01) -> other_late
  (-,   -,    -,        != other,      -,       2026-01-01)   -> new_year
  (-,   none, -,        -,             -,       -)            -> no_n
  (no,  -,    -,        -,             -,       -)            -> unflagged
}
)";
  const std::string csv =
      "id,flag,n,amount,kind,city,day\n"
      "A,true,5,1,ict,上海,2026-01-01\n"  // flagged (first row wins)
      "B,false,5,,,,\n"                   // five
      "C,false,101,,,,\n"                 // big_n
      "D,false,100,2.5,,,\n"              // small_amount (range ends included)
      "E,false,1,3,retail,上海,\n"        // trade_sh
      "F,false,1,3,retail,北京,\n"        // unflagged
      "G,,1,3,other,,2026-06-01\n"        // other_late
      "H,,1,,ict,,2026-01-01\n"           // new_year
      "I,,,,,,\n"                         // no_n
      "J,,1,0.5,,,\n";                    // none: amount 0.5 is below the range
  auto r = evaluate(rules(table), csv);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(tier_ids(r, 0) == std::vector<std::string>{"flagged", "five", "big_n", "small_amount",
                                                   "trade_sh", "unflagged", "other_late",
                                                   "new_year", "no_n", "none"});
}

TEST_CASE("a cell on a missing value is unknown, so its row does not match", "[vm][table]") {
  // Every cell form meets a missing column value; only `-` and `none` let the row match.
  const std::string table = R"(
tiering t table (flag, n, kind) {
  (no,  -,      -)          -> not_flag
  (-,   != 0,   -)          -> nonzero
  (-,   0..9,   -)          -> digit
  (-,   -,      [ict])      -> ict
  (-,   -,      != other)   -> not_other
  (-,   -,      -)          -> rest
}
)";
  auto r = evaluate(rules(table), "id,flag,n,kind\nA,,,\nB,false,,\nC,,3,\nD,,,ict\n");
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(tier_ids(r, 0) == std::vector<std::string>{"rest", "not_flag", "nonzero", "ict"});
}

TEST_CASE("first match takes the first row; unique refuses two matching rows", "[vm][table]") {
  const std::string body = R"(
tiering t POLICY table (n) {
  (>= 10) -> big "大"
  (1..10) -> mid "中"
  (0)     -> zero
  otherwise -> unknown
}
)";
  auto first = body;
  first.replace(first.find("POLICY"), 6, "first");
  auto unique = body;
  unique.replace(unique.find("POLICY"), 6, "unique");
  auto r = evaluate(rules(first), "id,n\nA,3\nB,10\nC,0\nD,\nE,-1\n");
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(tier_ids(r, 0) == std::vector<std::string>{"mid", "big", "zero", "unknown", "unknown"});

  auto disjoint = evaluate(rules(unique), "id,n\nA,3\nC,0\nD,\n");
  INFO(disjoint.diagnostics);
  REQUIRE(disjoint.ok);
  CHECK(tier_ids(disjoint, 0) == std::vector<std::string>{"mid", "zero", "unknown"});

  auto conflict = evaluate(rules(unique), "id,n\nA,3\nB,10\n");
  REQUIRE(!conflict.ok);
  CHECK(conflict.diagnostics.find("error[E0403]: customer `B` matches rows 1 and 2 of unique "
                                  "table `t` (`big` and `mid`)") != std::string::npos);
  CHECK(conflict.diagnostics.find("the first match") != std::string::npos);
}

TEST_CASE("unique tables map rows to tiers, rows sharing a tier included", "[vm][table]") {
  const std::string table = R"(
tiering t unique table (n, kind) {
  (1..5, ict)    -> low
  (1..5, retail) -> low
  (> 5,  -)      -> high
  (1..5, other)  -> low
}
)";
  auto r = evaluate(rules(table), "id,n,kind\nA,1,ict\nB,2,retail\nC,9,ict\nD,3,other\nE,3,\n");
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(tier_ids(r, 0) == std::vector<std::string>{"low", "low", "high", "low", "none"});
}

TEST_CASE("a table's fallback: an otherwise row, a row of `-`, or none", "[vm][table]") {
  const std::string tables = R"(
tiering with_otherwise table (n) { (1) -> one  otherwise -> rest }
tiering with_dashes table (n) { (1) -> one  (-) -> rest }
tiering without table (n) { (1) -> one }
let a = with_otherwise is rest
let b = without is one
)";
  auto r = evaluate(rules(tables), "id,n\nA,1\nB,2\nC,\n", {}, {"a", "b"});
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(tier_ids(r, 0) == std::vector<std::string>{"one", "rest", "rest"});
  CHECK(tier_ids(r, 1) == std::vector<std::string>{"one", "rest", "rest"});
  CHECK(tier_ids(r, 2) == std::vector<std::string>{"one", "none", "none"});
  strata::Diagnostics diags;
  auto compiled = strata::compile_text({{"t.strata", rules(tables)}}, diags);
  REQUIRE(compiled);
  CHECK(compiled->tierings()[0].has_otherwise);
  CHECK(compiled->tierings()[1].has_otherwise);
  CHECK(!compiled->tierings()[2].has_otherwise);
}

TEST_CASE("columns are any expression; cell values widen to the column's type", "[vm][table]") {
  const std::string table = R"(
param limit: int = 10
let doubled = n * 2
tiering size { tier big when n >= limit  tier small otherwise }
tiering t table (doubled + 1, amount / 2, size, days_between(day, 2026-02-01), n >= limit) {
  (>= 2.5, -,     -,     -,      -)   -> wide
  (-,      0.75,  -,     -,      -)   -> half
  (-,      -,     big,   -,      -)   -> by_tiering
  (-,      -,     -,     1..31,  -)   -> january
  (-,      -,     -,     -,      no)  -> other
}
)";
  auto r =
      evaluate(rules(table), "id,n,amount,day\nA,1,,\nB,0,1.5,\nC,12,,\nD,0,,2026-01-15\nE,0,,\n");
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(tier_ids(r, 1) == std::vector<std::string>{"wide", "half", "wide", "january", "other"});
}

TEST_CASE("a column that fails stops the run for every customer", "[vm][table]") {
  // Columns are computed for every customer, whichever row matches.
  const std::string table = R"(
tiering t table (flag, n * n * n * n * n) {
  (yes, -) -> a
  (-,   -) -> b
}
)";
  auto r = evaluate(rules(table), "id,flag,n\nA,true,100000\n");
  REQUIRE(!r.ok);
  CHECK(r.diagnostics.find("E0401") != std::string::npos);
}
