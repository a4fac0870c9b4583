// The grammar of decision tables, sub-tiers and products of tierings: parse trees, spans,
// the `-` cell next to negative numbers, dotted tier ids, limits and robustness.
#include <catch2/catch.hpp>
#include <random>

#include "grammar_test_support.hpp"

using strata::testing::parse_text;
namespace ast = strata::ast;

TEST_CASE("a decision table with every cell form", "[grammar][table]") {
  const std::string text = R"(
tiering rfm "RFM" unique table (r_high, frequency * 2, industry) {
  (yes, >= 5, [ict, retail]) -> important_value "重要价值客户"
  (no, 1..3, ict) -> general
  (-, -5, none) -> general
  (- , -5..-1, -) -> other
  otherwise -> rest "其他"
}
)";
  auto p = parse_text(text);
  INFO(p.rendered());
  REQUIRE(p.diags.empty());
  CHECK(p.dump() == R"(module test.strata
  tiering rfm "RFM" unique @2:1
    table @2:26
      columns @2:32
        name r_high @2:33
        binary * @2:41
          name frequency @2:41
          literal int 2 @2:53
        name industry @2:56
      row -> important_value "重要价值客户" @3:3
        cell value @3:4
          literal bool yes @3:4
        cell >= @3:9
          literal int 5 @3:12
        cell list @3:15
          name ict @3:16
          name retail @3:21
      row -> general @4:3
        cell value @4:4
          literal bool no @4:4
        cell range @4:8
          literal int 1 @4:8
          literal int 3 @4:11
        cell value @4:14
          name ict @4:14
      row -> general @5:3
        cell any @5:4
        cell value @5:7
          unary - @5:7
            literal int 5 @5:8
        cell value @5:11
          literal none none @5:11
      row -> other @6:3
        cell any @6:4
        cell range @6:8
          unary - @6:8
            literal int 5 @6:9
          unary - @6:12
            literal int 1 @6:13
        cell any @6:16
      otherwise -> rest "其他" @7:3
)");
  const auto& tiering = std::get<ast::TieringDecl>(p.module.decls[0]);
  CHECK(tiering.form == ast::TieringForm::Table);
  CHECK(tiering.policy == ast::HitPolicy::Unique);
  const ast::DecisionTable& table = *tiering.table;
  CHECK(p.sources->text(table.columns_span) == "(r_high, frequency * 2, industry)");
  CHECK(p.sources->text(table.rows[0].cells_span) == "(yes, >= 5, [ict, retail])");
  CHECK(p.sources->text(table.rows[0].cells[1].span) == ">= 5");
  CHECK(table.rows[0].cells[1].op == ast::BinaryOp::Ge);
  CHECK(p.sources->text(table.rows[0].tier.span) == "important_value");
  CHECK(table.rows[4].otherwise);
  CHECK(table.rows[4].cells.empty());
  CHECK(p.sources->text(table.rows[4].cells_span) == "otherwise");
}

TEST_CASE("sub-tiers nest inside a tier, to any depth", "[grammar][table]") {
  auto p = parse_text(R"(tiering accounts "重点" {
  tier top "顶层" when pyramid is top {
    tier iv when rfm is important_value {
      tier a when x
    }
    tier other otherwise
  }
  tier rest otherwise { tier b when y }
})");
  INFO(p.rendered());
  REQUIRE(p.diags.empty());
  CHECK(p.dump() == R"(module test.strata
  tiering accounts "重点" first @1:1
    tier top "顶层" @2:3
      is top @2:22
        name pyramid @2:22
      tier iv @3:5
        is important_value @3:18
          name rfm @3:18
        tier a @4:7
          name x @4:19
      tier other otherwise @6:5
    tier rest otherwise @8:3
      tier b @8:25
        name y @8:37
)");
  const auto& top = std::get<ast::TieringDecl>(p.module.decls[0]).tiers[0];
  CHECK(top.has_block);
  CHECK(top.children.size() == 2);
  CHECK(top.children[0].children.size() == 1);
}

TEST_CASE("products of tierings and dotted tier ids", "[grammar][table]") {
  auto p = parse_text(
      "tiering accounts \"重点\" = pyramid * rfm * lifecycle\n"
      "let a = accounts is top.important_value.new\n"
      "let b = accounts in [top.important_value, rest]\n"
      "let c = accounts == accounts.top.important_value\n");
  INFO(p.rendered());
  REQUIRE(p.diags.empty());
  const auto& accounts = std::get<ast::TieringDecl>(p.module.decls[0]);
  CHECK(accounts.form == ast::TieringForm::Product);
  REQUIRE(accounts.product.size() == 3);
  CHECK(accounts.product[2]->as<ast::NameExpr>()->name == "lifecycle");
  const auto* is = std::get<ast::LetDecl>(p.module.decls[1]).value->as<ast::IsExpr>();
  REQUIRE(is != nullptr);
  CHECK(is->target->text == "top.important_value.new");
  CHECK(p.sources->text(is->target->span) == "top.important_value.new");
  CHECK(strata::testing::expr_sexpr("accounts in [top.important_value, rest]") ==
        "(in accounts [(. top important_value) rest])");
  CHECK(strata::testing::expr_sexpr("accounts == accounts.top.important_value") ==
        "(== accounts (. (. accounts top) important_value))");
  // `key` is reserved (`record Customer key id`), so it cannot name a product.
  CHECK(parse_text("tiering key = pyramid * rfm\n").codes() == "E0106");
}

TEST_CASE("several broken tables each give one error", "[grammar][table]") {
  auto p = parse_text(R"(tiering a table (x) {
  (yes,) -> t
}
tiering b table (x) {
  (>=) -> t
}
tiering c table (x) {
  (yes) t
}
let ok = 1
)");
  CHECK(p.codes() == "E0101 E0101 E0101");
  REQUIRE(p.module.decls.size() == 1);
  CHECK(std::holds_alternative<ast::LetDecl>(p.module.decls[0]));
}

TEST_CASE("deeply nested sub-tiers are an error, not a stack overflow", "[grammar][table]") {
  std::string text = "tiering t {\n";
  for (int i = 0; i < 2000; ++i) text += "tier a when x {\n";
  auto p = parse_text(text);
  CHECK(p.codes() == "E0101");
}

TEST_CASE("truncated and mutated tables never crash", "[grammar][table][fuzz]") {
  const std::string valid = R"(tiering rfm "RFM" unique table (r_high, f * 2, industry) {
  (yes, >= 5, [ict, retail]) -> a "甲"
  (no, 1..3, -) -> b
  otherwise -> c
}
tiering k { tier top when p is top { tier x when y  tier z otherwise } tier r otherwise }
tiering q = p * rfm
)";
  for (std::size_t cut = 0; cut <= valid.size(); ++cut) {
    auto p = parse_text(valid.substr(0, cut));
    (void)p.rendered();
    (void)p.dump();
  }
  std::mt19937 rng(1125);
  const std::string alphabet = "()[]{},.-> yesno-..=*tiertable\n0123456789";
  for (int i = 0; i < 300; ++i) {
    std::string text = valid;
    for (int k = 0; k < 4; ++k) text[rng() % text.size()] = alphabet[rng() % alphabet.size()];
    auto p = parse_text(text);
    (void)p.rendered();
    (void)p.dump();
  }
  CHECK(parse_text(valid).diags.empty());
}
