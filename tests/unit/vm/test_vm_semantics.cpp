// The VM's semantics, end to end: three-valued logic, missing values, exact decimals, checked
// integers, dates, conditionals and tier assignment.
#include <catch2/catch.hpp>

#include "vm/eval_helper.hpp"

using strata::testing::column_text;
using strata::testing::evaluate;

namespace {

const char* kRecord = R"(
record C key id {
  id: string
  a: bool?
  b: bool?
  x: int?
  y: int?
  d: decimal?
  e: decimal?
  day: date?
  s: string?
}
)";

std::string rules(const std::string& body) {
  return std::string(kRecord) + body;
}

}  // namespace

TEST_CASE("three-valued logic follows Kleene's tables", "[vm][logic]") {
  // Every combination of yes, no and none for a and b.
  const std::string csv =
      "id,a,b\n1,true,true\n2,true,false\n3,true,\n4,false,true\n5,false,false\n6,false,\n"
      "7,,true\n8,,false\n9,,\n";
  auto r = evaluate(rules("let r_and = a and b\nlet r_or = a or b\nlet r_not = not a\n"), csv, {},
                    {"r_and", "r_or", "r_not"});
  REQUIRE(r.ok);
  CHECK(column_text(r, 0) == std::vector<std::string>{"true", "false", "none", "false", "false",
                                                      "false", "none", "false", "none"});
  CHECK(column_text(r, 1) == std::vector<std::string>{"true", "true", "true", "true", "false",
                                                      "none", "true", "none", "none"});
  CHECK(column_text(r, 2) == std::vector<std::string>{"false", "false", "false", "true", "true",
                                                      "true", "none", "none", "none"});
}

TEST_CASE("comparisons with none are unknown, and `is none` is never unknown", "[vm][logic]") {
  const std::string csv = "id,x,y\n1,1,2\n2,,2\n3,3,\n";
  auto r = evaluate(rules("let lt = x < y\nlet missing = x is none\nlet present = y is not none\n"
                          "let fallback = x ?? 0\n"),
                    csv, {}, {"lt", "missing", "present", "fallback"});
  REQUIRE(r.ok);
  CHECK(column_text(r, 0) == std::vector<std::string>{"true", "none", "none"});
  CHECK(column_text(r, 1) == std::vector<std::string>{"false", "true", "false"});
  CHECK(column_text(r, 2) == std::vector<std::string>{"true", "true", "false"});
  CHECK(column_text(r, 3) == std::vector<std::string>{"1", "0", "3"});
}

TEST_CASE("decimals are exact", "[vm][decimal]") {
  const std::string csv = "id,d,e\n1,0.1,0.2\n2,1,3\n3,2,0\n4,-2.5,1\n";
  auto r = evaluate(rules("let sum_ok = d + e == 0.3\nlet q = d / e\nlet p = d * e\n"
                          "let rounded = round(d, 0)\n"),
                    csv, {}, {"sum_ok", "q", "p", "rounded"});
  REQUIRE(r.ok);
  CHECK(column_text(r, 0) == std::vector<std::string>{"true", "false", "false", "false"});
  // 1/3 rounds to 6 places; division by zero yields none.
  CHECK(column_text(r, 1) == std::vector<std::string>{"0.5", "0.333333", "none", "-2.5"});
  CHECK(column_text(r, 2) == std::vector<std::string>{"0.02", "3", "0", "-2.5"});
  // round() is half away from zero.
  CHECK(column_text(r, 3) == std::vector<std::string>{"0", "1", "2", "-3"});
}

TEST_CASE("int / int is an exact decimal and ints widen to decimals", "[vm][decimal]") {
  auto r = evaluate(rules("let half = x / y\nlet mixed = x + d\n"),
                    "id,x,y,d\n1,1,2,0.25\n2,7,0,1\n", {}, {"half", "mixed"});
  REQUIRE(r.ok);
  CHECK(column_text(r, 0) == std::vector<std::string>{"0.5", "none"});
  CHECK(column_text(r, 1) == std::vector<std::string>{"1.25", "8"});
}

TEST_CASE("integer overflow stops the run with the customer and the expression", "[vm][int]") {
  auto r = evaluate(rules("let big = x * y\n"), "id,x,y\nok,2,3\nboom,9223372036854775807,2\n", {},
                    {"big"});
  REQUIRE_FALSE(r.ok);
  CHECK_THAT(r.diagnostics, Catch::Contains("error[E0401]: integer overflow while evaluating "
                                            "customer `boom`"));
  CHECK_THAT(r.diagnostics, Catch::Contains("x * y"));
}

TEST_CASE("an untaken branch cannot fail", "[vm][select]") {
  // The overflowing product is computed only for rows where the condition holds.
  auto r = evaluate(rules("let safe = if x < 1000 then x * y else 0\n"
                          "let guarded = x < 1000 and x * y > 5\n"),
                    "id,x,y\n1,2,3\n2,9223372036854775807,2\n", {}, {"safe", "guarded"});
  REQUIRE(r.ok);
  CHECK(column_text(r, 0) == std::vector<std::string>{"6", "0"});
  CHECK(column_text(r, 1) == std::vector<std::string>{"true", "false"});
}

TEST_CASE("if/then/else takes the else branch when the condition is unknown", "[vm][select]") {
  auto r = evaluate(rules("let v = if x > 1 then \"big\" else \"small\"\n"), "id,x\n1,5\n2,0\n3,\n",
                    {}, {"v"});
  REQUIRE(r.ok);
  CHECK(column_text(r) == std::vector<std::string>{"big", "small", "small"});
}

TEST_CASE("between, in and strings", "[vm][compare]") {
  auto r = evaluate(rules("let mid = x between 2 and 4\nlet listed = x in [1, 3]\n"
                          "let named = s == \"张三\"\nlet after = s > \"b\"\n"),
                    "id,x,s\n1,1,张三\n2,3,alice\n3,5,carol\n4,,\n", {},
                    {"mid", "listed", "named", "after"});
  REQUIRE(r.ok);
  CHECK(column_text(r, 0) == std::vector<std::string>{"false", "true", "false", "none"});
  CHECK(column_text(r, 1) == std::vector<std::string>{"true", "true", "false", "none"});
  CHECK(column_text(r, 2) == std::vector<std::string>{"true", "false", "false", "none"});
  CHECK(column_text(r, 3) == std::vector<std::string>{"true", "false", "true", "none"});
}

TEST_CASE("dates, durations and calendar periods", "[vm][time]") {
  auto r = evaluate(rules("let next = day + 1mo\nlet gap = days_between(day, 2026-03-01)\n"
                          "let later = day + 36h\nlet q = quarter(day)\nlet wd = weekday(day)\n"
                          "let months = months_between(day, 2026-11-25)\n"),
                    "id,day\n1,2026-01-31\n2,2024-02-29\n3,\n", {},
                    {"next", "gap", "later", "q", "wd", "months"});
  REQUIRE(r.ok);
  CHECK(column_text(r, 0) == std::vector<std::string>{"2026-02-28", "2024-03-29", "none"});
  CHECK(column_text(r, 1) == std::vector<std::string>{"29", "731", "none"});
  CHECK(column_text(r, 2) ==
        std::vector<std::string>{"2026-02-01T12:00:00", "2024-03-01T12:00:00", "none"});
  CHECK(column_text(r, 3) == std::vector<std::string>{"1", "1", "none"});
  // 2026-01-31 is a Saturday, 2024-02-29 a Thursday (ISO 1 = Monday).
  CHECK(column_text(r, 4) == std::vector<std::string>{"6", "4", "none"});
  CHECK(column_text(r, 5) == std::vector<std::string>{"9", "32", "none"});
}

TEST_CASE("first-match tiering, otherwise, and none without otherwise", "[vm][tiering]") {
  auto r = evaluate(rules(R"(
tiering size { tier big when x >= 100  tier mid when x >= 10  tier small otherwise }
tiering known { tier high when x >= 10 }
)"),
                    "id,x\n1,500\n2,50\n3,5\n4,\n");
  REQUIRE(r.ok);
  const auto& size = r.result.tierings.at(0);
  const auto& known = r.result.tierings.at(1);
  CHECK(size.at(0).text == "big");
  CHECK(size.at(1).text == "mid");
  CHECK(size.at(2).text == "small");
  // An unknown condition does not match: x missing falls through to otherwise.
  CHECK(size.at(3).text == "small");
  CHECK(known.at(0).text == "high");
  CHECK_FALSE(known.at(2).present);
  CHECK(r.result.counts.at(1) == std::vector<std::uint64_t>{2, 2});
}

TEST_CASE("a tiering can use another tiering's result", "[vm][tiering]") {
  auto r = evaluate(rules(R"(
tiering size { tier big when x >= 100  tier small otherwise }
tiering combined { tier big_named when size is big and s is not none  tier rest otherwise }
)"),
                    "id,x,s\n1,500,a\n2,500,\n3,1,b\n");
  REQUIRE(r.ok);
  const auto& combined = r.result.tierings.at(1);
  CHECK(combined.at(0).text == "big_named");
  CHECK(combined.at(1).text == "rest");
  CHECK(combined.at(2).text == "rest");
}

TEST_CASE("a unique tiering reports a customer matching two tiers", "[vm][tiering]") {
  auto ok = evaluate(rules("tiering u unique { tier lo when x < 10  tier hi when x >= 10 }\n"),
                     "id,x\n1,5\n2,50\n");
  REQUIRE(ok.ok);
  CHECK(ok.result.tierings.at(0).at(1).text == "hi");
  auto bad = evaluate(rules("tiering u unique { tier lo when x < 10  tier hi when x >= 5 }\n"),
                      "id,x\n1,50\n2,7\n");
  REQUIRE_FALSE(bad.ok);
  CHECK_THAT(bad.diagnostics,
             Catch::Contains("error[E0403]: customer `2` matches both `lo` and `hi` of unique "
                             "tiering `u`"));
}
