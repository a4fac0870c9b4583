// The grammar: every construct and literal kind, precedence, spans, recovery and robustness.
#include <catch2/catch.hpp>
#include <random>
#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar.hpp"
#include "grammar_test_support.hpp"

using strata::testing::expr_sexpr;
using strata::testing::parse_text;
namespace ast = strata::ast;

TEST_CASE("grammar has no left recursion or empty loops", "[grammar]") {
  CHECK(tao::pegtl::analyze<strata::grammar::module>() == 0);
}

TEST_CASE("literals of every kind", "[grammar]") {
  using K = ast::LiteralKind;
  struct Case {
    const char* source;
    K kind;
    const char* text;
  };
  const Case c = GENERATE(values<Case>({
      {"42", K::Int, "42"},
      {"1_000_000", K::Int, "1_000_000"},
      {"5000.00", K::Decimal, "5000.00"},
      {"0.8", K::Decimal, "0.8"},
      {"80%", K::Percent, "80"},
      {"12.5%", K::Percent, "12.5"},
      {R"("plain")", K::String, "plain"},
      {R"("a\"b\\c\nd\te")", K::String, "a\"b\\c\nd\te"},
      {R"("\u{4E2D}文")", K::String, "中文"},
      {R"("顶层客户")", K::String, "顶层客户"},
      {"true", K::Bool, "true"},
      {"false", K::Bool, "false"},
      {"yes", K::Bool, "yes"},
      {"no", K::Bool, "no"},
      {"none", K::None, "none"},
      {"today", K::Today, "today"},
      {"2026-11-25", K::Date, "2026-11-25"},
      {"2026-11-25T09:30:00", K::DateTime, "2026-11-25T09:30:00"},
      {"2026-13-45", K::Date, "2026-13-45"},  // validity is the checker's business
      {"90d", K::Duration, "90d"},
      {"12h", K::Duration, "12h"},
      {"30min", K::Duration, "30min"},
      {"2w", K::Duration, "2w"},
      {"45s", K::Duration, "45s"},
      {"1mo", K::Period, "1mo"},
      {"1q", K::Period, "1q"},
      {"1y", K::Period, "1y"},
  }));
  CAPTURE(c.source);
  auto p = parse_text(std::string("let x = ") + c.source);
  REQUIRE(p.diags.empty());
  REQUIRE(p.module.decls.size() == 1);
  const auto* lit = std::get<ast::LetDecl>(p.module.decls[0]).value->as<ast::LiteralExpr>();
  REQUIRE(lit != nullptr);
  CHECK(lit->kind == c.kind);
  CHECK(lit->text == c.text);
}

TEST_CASE("precedence and associativity", "[grammar]") {
  struct Case {
    const char* source;
    const char* sexpr;
  };
  const Case c = GENERATE(values<Case>({
      {"a + b * c", "(+ a (* b c))"},
      {"a - b - c", "(- (- a b) c)"},
      {"a / b * c", "(* (/ a b) c)"},
      {"-a * b", "(* (neg a) b)"},
      {"- - a", "(neg (neg a))"},
      {"a ?? b + c", "(?? a (+ b c))"},
      {"a ?? b ?? c", "(?? (?? a b) c)"},
      {"a + b ?? c", "(?? (+ a b) c)"},
      {"a ?? 0 > 5", "(> (?? a 0) 5)"},
      {"a < b and c or d", "(or (and (< a b) c) d)"},
      {"a or b and c", "(or a (and b c))"},
      {"not a and b", "(and (not a) b)"},
      {"not a == b", "(not (== a b))"},
      {"not not a", "(not (not a))"},
      {"x between 1 and 5 and y", "(and (between x 1 5) y)"},
      {"x not between 1 + 1 and 5", "(not-between x (+ 1 1) 5)"},
      {"x in [a, b, c]", "(in x [a b c])"},
      {"x not in [1]", "(not-in x [1])"},
      {"x in []", "(in x [])"},
      {"x is none", "(is x none)"},
      {"x is not none", "(is-not x none)"},
      {"rfm is important_value and y", "(and (is rfm important_value) y)"},
      {"if a then b else c + 1", "(if a b (+ c 1))"},
      {"if a then if b then 1 else 2 else 3", "(if a (if b 1 2) 3)"},
      {"(a + b) * c", "(* (+ a b) c)"},
      {"Order.amount", "(. Order amount)"},
      {"rfm.previous.label", "(. (. rfm previous) label)"},
      {"count(Order where amount > 100)", "(count Order :where (> amount 100))"},
      {"sum(Order.amount where at > as_of - window)",
       "(sum (. Order amount) :where (> at (- as_of window)))"},
      {"max(a, b)", "(max a b)"},
      {"count()", "(count)"},
      {"first(Order.amount)", "(first (. Order amount))"},
      {"percentile(x, 80%)", "(percentile x 80)"},
      {"cumulative_share(monetary) <= 80%", "(<= (cumulative_share monetary) 80)"},
      {"2026-11-25 - 30d", "(- 2026-11-25 30d)"},
      {"today - 2026-11-25", "(- today 2026-11-25)"},
      {"a != b", "(!= a b)"},
      {"a >= -1", "(>= a (neg 1))"},
  }));
  CAPTURE(c.source);
  CHECK(expr_sexpr(c.source) == c.sexpr);
}

TEST_CASE("dump_ast shows precedence as nesting", "[grammar]") {
  auto p = parse_text("let x = a + b * 2\n");
  CHECK(p.dump() ==
        "module test.strata\n"
        "  let x @1:1\n"
        "    binary + @1:9\n"
        "      name a @1:9\n"
        "      binary * @1:13\n"
        "        name b @1:13\n"
        "        literal int 2 @1:17\n");
}

TEST_CASE("every declaration form", "[grammar]") {
  const std::string text = R"(# customers
record Customer key id {
  id:        string
  industry:  enum { ict, retail }
  employees: int?
  nps:       int? in 0..10
  delta:     decimal in -5..-1
}
events Order of Customer by customer_id {
  at:     datetime
  amount: money
}
param as_of: date = today
param window: duration
param limit = 5
let recency: int? = days_between(max(Order.at), as_of)
use "common.strata"
tiering pyramid "价值金字塔" {
  tier top "顶层客户" when monetary >= 1_000_000
  tier small otherwise
}
tiering life unique { tier a when x }
tiering plain first { }
)";
  auto p = parse_text(text);
  INFO(p.rendered());
  REQUIRE(p.diags.empty());
  CHECK(p.dump() == R"(module test.strata
  record Customer key id @2:1
    field id: string @3:3
    field industry: enum { ict, retail } @4:3
    field employees: int? @5:3
    field nps: int? in 0..10 @6:3
    field delta: decimal in -5..-1 @7:3
  events Order of Customer by customer_id @9:1
    field at: datetime @10:3
    field amount: money @11:3
  param as_of: date @13:1
    literal today today @13:21
  param window: duration @14:1
  param limit @15:1
    literal int 5 @15:15
  let recency: int? @16:1
    call days_between @16:21
      call max @16:34
        member .at @16:38
          name Order @16:38
      name as_of @16:49
  use "common.strata" @17:1
  tiering pyramid "价值金字塔" first @18:1
    tier top "顶层客户" @19:3
      binary >= @19:24
        name monetary @19:24
        literal int 1_000_000 @19:36
    tier small otherwise @20:3
  tiering life unique @22:1
    tier a @22:23
      name x @22:35
  tiering plain first @23:1
)");
  const auto& tiering = std::get<ast::TieringDecl>(p.module.decls[8]);
  CHECK(tiering.policy == ast::HitPolicy::Unique);
  CHECK(tiering.policy_span.valid());
  CHECK(!std::get<ast::TieringDecl>(p.module.decls[7]).policy_span.valid());
  const auto& record = std::get<ast::RecordDecl>(p.module.decls[0]);
  CHECK(record.fields[3].type.range_low->as<ast::LiteralExpr>()->kind == ast::LiteralKind::Int);
  CHECK(record.fields[4].type.range_high->as<ast::LiteralExpr>()->text == "-1");
}

TEST_CASE("spans: line and column, also after Chinese text", "[grammar]") {
  auto p = parse_text("tiering t \"价值\" {\n  tier top \"顶层客户\" when monetary >= 1\n}\n");
  REQUIRE(p.diags.empty());
  const auto& file = p.sources->file(p.file);
  const auto& tiering = std::get<ast::TieringDecl>(p.module.decls[0]);
  const auto& tier = tiering.tiers[0];
  const auto at = [&](strata::Span s) {
    const auto lc = file.line_col(s.begin);
    return std::to_string(lc.line) + ":" + std::to_string(lc.column);
  };
  CHECK(at(tiering.span) == "1:1");
  CHECK(at(tiering.label->span) == "1:11");
  CHECK(p.sources->text(tiering.label->span) == "\"价值\"");
  CHECK(at(tier.name.span) == "2:8");
  CHECK(at(tier.label->span) == "2:12");
  CHECK(at(tier.condition->span) == "2:24");
  CHECK(p.sources->text(tier.condition->span) == "monetary >= 1");
  const auto* cmp = tier.condition->as<ast::BinaryExpr>();
  REQUIRE(cmp != nullptr);
  CHECK(p.sources->text(cmp->op_span) == ">=");
  CHECK(p.sources->text(tiering.span).back() == '}');
  CHECK(p.sources->text(strata::ast::decl_span(p.module.decls[0])).front() == 't');
}

// An explanation shows a table column or a term by its span, so the span of an expression with a
// parenthesised operand must take in the parentheses (it once began after the `(`).
TEST_CASE("spans: a parenthesised operand is inside its expression's span", "[grammar]") {
  const auto text_of_let = [](const std::string& value) {
    auto p = parse_text("let x = " + value + "\n");
    REQUIRE(p.diags.empty());
    const auto& let = std::get<ast::LetDecl>(p.module.decls[0]);
    return std::string(p.sources->text(let.value->span));
  };
  CHECK(text_of_let("(r > avg(r)) ?? false") == "(r > avg(r)) ?? false");
  CHECK(text_of_let("x * (a + b)") == "x * (a + b)");
  CHECK(text_of_let("((a))") == "((a))");
  CHECK(text_of_let("-(a + b)") == "-(a + b)");
  CHECK(text_of_let("(a).b") == "(a).b");
  CHECK(text_of_let("(a) between (b) and (c)") == "(a) between (b) and (c)");
  CHECK(text_of_let("not (a or b)") == "not (a or b)");
}

TEST_CASE("expression ids are dense and continue across files", "[grammar]") {
  strata::SourceManager sources;
  strata::Diagnostics diags;
  strata::ast::ExprId next = 0;
  auto a = sources.add("a.strata", "let x = a + b\n");
  auto b = sources.add("b.strata", "let y = 1\n");
  auto ma = strata::parse_module(sources, a, diags, next);
  CHECK(next == 3);
  auto mb = strata::parse_module(sources, b, diags, next);
  CHECK(next == 4);
  CHECK(std::get<ast::LetDecl>(mb.decls[0]).value->id == 3);
}

TEST_CASE("three broken declarations give three errors on the right lines", "[grammar]") {
  auto p = parse_text(
      "let a = 1\n"
      "let b 2\n"
      "tiering t {\n"
      "  tier x when\n"
      "}\n"
      "let c = (1 +\n"
      "let d = 4\n");
  REQUIRE(p.codes() == "E0101 E0101 E0101");
  std::vector<std::uint32_t> lines;
  for (const auto& d : p.diags.all()) {
    lines.push_back(p.sources->file(p.file).line_col(d.primary()->span.begin).line);
  }
  CHECK(lines == std::vector<std::uint32_t>{2, 4, 6});
  CHECK(p.module.decls.size() == 2);  // a and d
}

TEST_CASE("syntax error codes", "[grammar]") {
  struct Case {
    const char* source;
    const char* codes;
  };
  const Case c = GENERATE(values<Case>({
      {"let x = \"abc\n", "E0102"},
      {"let x = \"a\\qb\"\n", "E0103"},
      {"let x = \"\\u{D800}\"\n", "E0103"},
      {"let x = a @ b\n", "E0104"},
      {"let x = a，b\n", "E0104"},
      {"let x = \xFF\n", "E0104"},
      {"let tier = 1\n", "E0106"},
      {"param first: int\n", "E0106"},
      {"record C key id { key: string }\n", "E0106"},
      {"let x = a < b < c\n", "E0101"},
      {"let x: integer = 1\n", "E0101"},
      {"tier a when x\n", "E0101"},
      {"let x = 90days\n", "E0101"},
      {"let x = 2026-1-5\n", "E0101"},
      {"let x = if a then b\n", "E0101"},
  }));
  CAPTURE(c.source);
  CHECK(parse_text(c.source).codes() == c.codes);
}

TEST_CASE("messages name what was expected, never a rule", "[grammar]") {
  auto p = parse_text("tiering t {\n  tier a when\n}\n");
  REQUIRE(p.diags.all().size() == 1);
  const auto& d = p.diags.all()[0];
  CHECK(d.message == "expected a condition after `when`");
  CHECK(d.help == "write a condition after `when`, or use `otherwise`");
  CHECK(p.rendered().find("strata::") == std::string::npos);
  auto typo = parse_text("param window: durations = 365d\n");
  REQUIRE(typo.diags.all().size() == 1);
  CHECK(typo.diags.all()[0].help == "did you mean `duration`?");
}

TEST_CASE("nesting is limited instead of overflowing the stack", "[grammar]") {
  const auto nested = [](int n) {
    return "let x = " + std::string(n, '(') + "1" + std::string(n, ')') + "\n";
  };
  CHECK(parse_text(nested(200)).diags.empty());
  auto deep = parse_text(nested(5000));
  REQUIRE(deep.codes() == "E0101");
  CHECK(deep.diags.all()[0].message.find("nested too deeply") != std::string::npos);
  std::string chain = "let x = 1";
  for (int i = 0; i < 3000; ++i) chain += " + 1";
  CHECK(parse_text(chain).codes() == "E0101");
  CHECK(parse_text("let x = " + std::string(100000, '-') + "1").codes() == "E0101");
}

TEST_CASE("random bytes and truncations never crash", "[grammar][fuzz]") {
  std::mt19937 rng(20261125);
  const std::string alphabet =
      "abcdeftierwhn (){}[]<>=!?.,:;\"\\#\n\t-+*/%_0123456789 TletrecordusetieringnotandorifIS";
  for (int i = 0; i < 400; ++i) {
    std::string text(rng() % 200, '\0');
    for (auto& ch : text) {
      ch = (i % 2 == 0) ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    }
    auto p = parse_text(text);
    (void)p.rendered();
    (void)p.dump();
    (void)strata::dump_tokens(*p.sources, p.file);
  }
  const std::string valid = R"(record Customer key id { id: string nps: int? in 0..10 }
events Order of Customer by customer_id { at: datetime amount: money }
param as_of: date = today
let m = sum(Order.amount where at > as_of - 365d) ?? 0
use "x.strata"
tiering p "金字塔" unique {
  tier top "顶层" when m >= 1_000_000 and not (m between 1 and 2) or x in [a, b]
  tier low otherwise
}
)";
  for (std::size_t cut = 0; cut <= valid.size(); ++cut) {
    auto p = parse_text(valid.substr(0, cut));
    (void)p.rendered();
    (void)p.dump();
  }
  // A truncated file is still valid only at declaration boundaries.
  CHECK(parse_text(valid).diags.empty());
}

TEST_CASE("dump_tokens lists every token with its position", "[grammar]") {
  strata::SourceManager sources;
  auto id = sources.add("t.strata", "let x = 1_000 # note\ntier a \"顶\" 90d 2026-01-02 @\n");
  CHECK(strata::dump_tokens(sources, id) ==
        "1:1 keyword let\n"
        "1:5 identifier x\n"
        "1:7 punct =\n"
        "1:9 int 1_000\n"
        "1:15 comment # note\n"
        "2:1 keyword tier\n"
        "2:6 identifier a\n"
        "2:8 string \"顶\"\n"
        "2:12 duration 90d\n"
        "2:16 date 2026-01-02\n"
        "2:27 error @\n");
}
