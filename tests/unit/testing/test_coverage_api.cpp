// Rule coverage through the public API: exact share comparison, rounding of the shown
// percentage, and what is counted for a first-match tiering with an `and` chain.
#include <catch2/catch.hpp>

#include "strata/coverage.hpp"
#include "strata/inline_data.hpp"

namespace {

std::shared_ptr<const strata::RuleSet> compile_rules(const std::string& text) {
  strata::Diagnostics diags;
  auto rules = strata::compile_text({{"rules.strata", text}}, diags);
  REQUIRE(rules);
  return rules;
}

strata::InlineRow row(const std::string& id, const std::string& x) {
  strata::InlineRow r;
  r.cells.push_back({"id", id, {}});
  r.cells.push_back({"x", x, {}});
  return r;
}

}  // namespace

TEST_CASE("coverage shares compare exactly", "[coverage]") {
  using strata::CoverageCount;
  using strata::Decimal;
  const Decimal p9999 = *Decimal::parse("0.9999");
  const Decimal p100 = Decimal::from_int(1);
  CHECK(CoverageCount{9999, 10000}.at_least(p9999));
  CHECK_FALSE(CoverageCount{9999, 10000}.at_least(p100));
  CHECK(CoverageCount{99990, 100000}.at_least(p9999));
  CHECK_FALSE(CoverageCount{99989, 100000}.at_least(p9999));
  CHECK(CoverageCount{10, 10}.at_least(p100));
  CHECK(CoverageCount{0, 0}.at_least(p100));  // nothing to cover
  // The percentage is rounded down: 5999/6000 is 99.98%, never shown as 100%.
  CHECK(CoverageCount{5999, 6000}.percent() == "99.98");
  CHECK(CoverageCount{1, 3}.percent() == "33.33");
  CHECK(CoverageCount{2, 3}.percent() == "66.66");
  CHECK(CoverageCount{3, 3}.percent() == "100.00");
  CHECK(CoverageCount{1, 8}.percent(0) == "12");
}

TEST_CASE("coverage counts terms only where the engine evaluates them", "[coverage]") {
  auto rules = compile_rules(
      "record C key id {\n  id: string\n  x: int?\n}\n"
      "tiering t {\n  tier a when x >= 10 and x <= 20\n  tier b when x > 20 or x < 0\n"
      "  tier c otherwise\n}\n");
  strata::InlineData data;
  for (const auto& [id, x] : std::vector<std::pair<std::string, std::string>>{
           {"1", "15"}, {"2", "30"}, {"3", "5"}, {"4", ""}, {"5", "-1"}}) {
    data.records.push_back(row(id, x));
  }
  strata::Diagnostics diags;
  auto dataset = strata::load_inline(rules->schema_ptr(), data, diags);
  REQUIRE(dataset);
  strata::CoverageRecorder recorder(rules);
  REQUIRE(recorder.record(*dataset, {}, diags));
  const strata::TieringCoverage& t = recorder.coverage().tierings.at(0);
  CHECK(t.customers == 5);
  CHECK(t.no_tier == 0);
  REQUIRE(t.tiers.size() == 3);
  CHECK(t.tiers[0].chosen == 1);
  CHECK(t.tiers[1].chosen == 2);
  CHECK(t.tiers[2].chosen == 2);
  // a: x >= 10 for everyone; x <= 20 only where the first term was not false (15, 30, none).
  const auto& a = t.tiers[0].terms;
  CHECK((a[0].held == 2 && a[0].failed == 2 && a[0].unknown == 1));
  CHECK((a[1].held == 1 && a[1].failed == 1 && a[1].unknown == 1));
  CHECK(a[0].can_be_unknown);
  // b: tried by 30, 5, none, -1; `or` stops at a true term, so x < 0 is not evaluated for 30.
  const auto& b = t.tiers[1].terms;
  CHECK((b[0].held == 1 && b[0].failed == 2 && b[0].unknown == 1));
  CHECK((b[1].held == 1 && b[1].failed == 1 && b[1].unknown == 1));
  CHECK(t.total().covered == t.total().required);

  // Recording more data adds up.
  REQUIRE(recorder.record(*dataset, {}, diags));
  CHECK(recorder.coverage().tierings[0].customers == 10);
}

TEST_CASE("inline data is checked like a data file, at the cells' locations", "[coverage]") {
  auto rules = compile_rules(
      "record C key id {\n  id: string\n  x: int? in 0..10\n}\n"
      "events E of C by c {\n  at: datetime\n}\n"
      "tiering t {\n  tier a when x >= 1\n  tier b otherwise\n}\n");
  strata::InlineData data;
  strata::InlineRow r1 = row("1", "11");
  r1.cells[1].where = strata::DataLocation{"t.yaml", 4, 9, "x"};
  data.records.push_back(r1);
  data.records.push_back(row("2", "2"));
  data.records.push_back(row("2", "3"));
  strata::InlineRow event;
  event.cells.push_back({"c", "9", strata::DataLocation{"t.yaml", 7, 3, "c"}});
  event.cells.push_back({"at", "2026-01-01T00:00:00", {}});
  event.cells.push_back({"nope", "1", strata::DataLocation{"t.yaml", 8, 3, {}}});
  data.events.push_back({event});
  strata::Diagnostics diags;
  CHECK_FALSE(strata::load_inline(rules->schema_ptr(), data, diags));
  REQUIRE(diags.all().size() == 1);  // cells that name no field are reported before any row
  CHECK(diags.all()[0].code == strata::DiagCode::UnknownField);
  CHECK(diags.all()[0].data_location->line == 8);

  // Every bad row is reported; an event of an unknown record is not, while records are bad.
  data.events[0][0].cells.pop_back();
  strata::Diagnostics again;
  CHECK_FALSE(strata::load_inline(rules->schema_ptr(), data, again));
  REQUIRE(again.all().size() == 2);
  CHECK(again.all()[0].code == strata::DiagCode::OutOfRange);
  CHECK(again.all()[0].data_location->line == 4);
  CHECK(again.all()[0].data_location->column == 9);
  CHECK(again.all()[1].code == strata::DiagCode::DuplicateKey);

  data.records = {row("1", "1")};
  strata::Diagnostics orphan;
  CHECK_FALSE(strata::load_inline(rules->schema_ptr(), data, orphan));
  REQUIRE(orphan.all().size() == 1);
  CHECK(orphan.all()[0].code == strata::DiagCode::OrphanEvent);
  CHECK(orphan.all()[0].data_location->line == 7);

  data.events[0][0].cells[0].text =
      std::string(1, '1');  // not a literal: GCC 12 warns falsely (-Wrestrict)
  strata::Diagnostics none;
  auto loaded = strata::load_inline(rules->schema_ptr(), data, none);
  REQUIRE(loaded);
  CHECK(loaded->size() == 1);
  CHECK(loaded->events[0].table.rows == 1);
}

TEST_CASE("coverage tries a sub-tier only where its parent took the customer", "[coverage]") {
  // Before sub-tiers were understood, a customer in `lo` counted `x >= 20` as false.
  auto rules = compile_rules(
      "record C key id {\n  id: string\n  x: int?\n}\n"
      "tiering t {\n  tier hi when x >= 10 {\n    tier top when x >= 20\n  }\n"
      "  tier lo otherwise\n}\n");
  strata::InlineData data;
  for (const auto& [id, x] : std::vector<std::pair<std::string, std::string>>{
           {"1", "25"}, {"2", "5"}, {"3", ""}, {"4", "15"}}) {
    data.records.push_back(row(id, x));
  }
  strata::Diagnostics diags;
  auto dataset = strata::load_inline(rules->schema_ptr(), data, diags);
  REQUIRE(dataset);
  strata::CoverageRecorder recorder(rules);
  REQUIRE(recorder.record(*dataset, {}, diags));
  const strata::TieringCoverage& t = recorder.coverage().tierings.at(0);
  REQUIRE(t.tiers.size() == 3);
  CHECK(t.tiers[0].id == "hi");
  CHECK(t.tiers[0].chosen == 2);  // 25 (in hi.top) and 15 (in hi itself)
  CHECK(t.tiers[1].id == "hi.top");
  CHECK(t.tiers[1].chosen == 1);
  CHECK(t.tiers[2].chosen == 2);
  const strata::TermCoverage& top = t.tiers[1].terms.at(0);
  CHECK((top.held == 1 && top.failed == 1 && top.unknown == 0));
  CHECK(t.total().covered == t.total().required);
}

TEST_CASE("coverage of a unique table counts every row and the deciding one", "[coverage]") {
  auto rules = compile_rules(
      "record C key id {\n  id: string\n  x: int?\n}\n"
      "tiering t unique table (x) {\n  (>= 10) -> big\n  (1..9) -> small\n"
      "  otherwise -> other\n}\n"
      "tiering both = t * t2\n"
      "tiering t2 {\n  tier a when x == 1\n  tier b otherwise\n}\n");
  strata::InlineData data;
  for (const auto& [id, x] :
       std::vector<std::pair<std::string, std::string>>{{"1", "12"}, {"2", "1"}, {"3", ""}}) {
    data.records.push_back(row(id, x));
  }
  strata::Diagnostics diags;
  auto dataset = strata::load_inline(rules->schema_ptr(), data, diags);
  REQUIRE(dataset);
  strata::CoverageRecorder recorder(rules);
  REQUIRE(recorder.record(*dataset, {}, diags));
  const strata::TieringCoverage& t = recorder.coverage().tierings.at(0);
  CHECK(t.form == strata::TieringInfo::Form::Table);
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0].chosen == 1);
  CHECK(t.rows[1].chosen == 1);
  CHECK(t.rows[2].chosen == 1);  // otherwise: the missing x
  CHECK(t.rows[2].text == "otherwise");
  CHECK(t.rows[2].cells.empty());
  // unique: every row is tried by every customer, the cells too.
  const strata::TermCoverage& big = t.rows[0].cells.at(0);
  CHECK((big.cell == ">= 10" && big.source == "x"));
  CHECK((big.held == 1 && big.failed == 1 && big.unknown == 1));
  CHECK(big.can_be_unknown);
  CHECK(t.tiers_count().required == 0);  // a table's tiers are covered through its rows
  CHECK(t.rows_count().covered == 3);
  const strata::TieringCoverage& product = recorder.coverage().tierings.at(1);
  CHECK(product.form == strata::TieringInfo::Form::Product);
  CHECK(product.total().required == 0);
  CHECK(product.operands == std::vector<std::string>{"t", "t2"});
  CHECK(product.tiers.at(0).chosen == 1);  // big, with its sub-tiers
}
