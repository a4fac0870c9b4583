// Unit tests of the checker's typing rules, operator signatures, side tables and ordering.
//
// Each case checks a small rule set in memory: a shared preamble (one record, one events, two
// params, one tiering) plus the snippet under test, and looks at the model.
#include <catch2/catch.hpp>
#include <tuple>

#include "check/model.hpp"

using strata::OperatorSig;
using strata::TypeKind;

namespace {

const char* const kPreamble = R"(
record Customer key id {
  id:        string
  industry:  enum { ict, retail, other }
  employees: int?
  signed_on: date?
  revenue:   money
  nps:       int? in 0..10
}
events Order of Customer by customer_id {
  at:     datetime
  sku:    string
  amount: money
}
param as_of: date = today
param window: duration = 365d
tiering pyramid {
  tier top   when revenue >= 1_000_000
  tier small otherwise
}
)";

struct Checked {
  std::unique_ptr<strata::Model> model;
  strata::Diagnostics diags;

  std::string messages() const {
    std::string out;
    for (const auto& d : diags.all()) {
      out += std::string(strata::diag_code_id(d.code)) + ": " + d.message + "\n";
    }
    return out;
  }
  const strata::LetSymbol& let(std::string_view name) const {
    const auto id = model->find_let(name);
    REQUIRE(id);
    return model->lets[*id];
  }
};

std::unique_ptr<Checked> check(const std::string& snippet, bool preamble = true) {
  auto c = std::make_unique<Checked>();
  c->model = strata::check_sources({{"t.strata", (preamble ? kPreamble : "") + snippet}}, c->diags);
  return c;
}

}  // namespace

TEST_CASE("let types are inferred", "[check]") {
  const auto [source, expected] = GENERATE(table<std::string, std::string>({
      {"let x = 1 + 2", "int"},
      {"let x = 1 / 2", "decimal"},
      {"let x = 1 / 0", "decimal?"},
      {"let x = 1 / employees", "decimal?"},
      {"let x = revenue / count(Order)", "money?"},
      {"let x = revenue / revenue", "decimal?"},
      {"let x = revenue * 2", "money"},
      {"let x = 1 + 2.5", "decimal"},
      {"let x = 80%", "decimal"},
      {"let x = employees + 1", "int?"},
      {"let x = -30d", "duration"},
      {"let x = 2 * 30d", "duration"},
      {"let x = as_of - as_of", "duration"},
      {"let x = signed_on - as_of", "duration?"},
      {"let x = as_of + 30d", "datetime"},
      {"let x = as_of + 1mo", "date"},
      {"let x = max(Order.at) - as_of", "duration?"},
      {"let x = today", "date"},
      {"let x = count(Order)", "int"},
      {"let x = count(Order where amount > 100)", "int"},
      {"let x = count(Order.sku)", "int"},
      {"let x = sum(Order.amount)", "money"},
      {"let x = sum(Order.amount where at > as_of - window)", "money"},
      {"let x = avg(Order.amount)", "money?"},
      {"let x = min(Order.at)", "datetime?"},
      {"let x = last(Order.sku)", "string?"},
      {"let x = distinct(Order.sku)", "int"},
      {"let x = days_between(max(Order.at), as_of)", "int?"},
      {"let x = months_between(as_of, as_of)", "int"},
      {"let x = date(max(Order.at))", "date?"},
      {"let x = year(as_of)", "int"},
      {"let x = days(window)", "int"},
      {"let x = max(1, 2.5)", "decimal"},
      {"let x = max(employees, 3)", "int?"},
      {"let x = clamp(revenue, 0, 100)", "money"},
      {"let x = round(revenue, 2)", "money"},
      {"let x = round(7)", "int"},
      {"let x = floor(2.5)", "int"},
      {"let x = abs(-window)", "duration"},
      {"let x = employees ?? 0", "int"},
      {"let x = employees ?? 0.5", "decimal"},
      {"let x = employees ?? none", "int?"},
      {"let x = if employees > 5 then 1 else 2.5", "decimal"},
      {"let x = if true then 1 else none", "int?"},
      {"let x = employees > 5", "bool?"},
      {"let x = employees is none", "bool"},
      {"let x = not (revenue > 0)", "bool"},
      {"let x = employees between 1 and 10", "bool?"},
      {"let x = industry in [ict, retail]", "bool"},
      {"let x = industry", "enum industry"},
      {"let x = pyramid", "tier of pyramid"},
      {"let x = pyramid is top", "bool"},
      {"let x = extra\ntiering extra {\n  tier a when revenue > 0\n}", "tier of extra?"},
      {"let x: decimal = 1", "decimal"},
      {"let x: int? = 1", "int?"},
      {"let x = y + 1\nlet y = 2", "int"},
  }));
  CAPTURE(source);
  const auto c = check(source);
  INFO(c->messages());
  CHECK_FALSE(c->diags.has_errors());
  CHECK(strata::type_name(c->let("x").type, c->model.get()) == expected);
}

TEST_CASE("operator signatures record the widened operand kinds", "[check]") {
  using K = TypeKind;
  const auto [expr, lhs, rhs, result] = GENERATE(table<std::string, K, K, K>({
      {"1 + 2", K::Int, K::Int, K::Int},
      {"1 + 2.5", K::Decimal, K::Decimal, K::Decimal},
      {"1 / 2", K::Decimal, K::Decimal, K::Decimal},
      {"as_of + 30d", K::Date, K::Duration, K::DateTime},
      {"as_of + 1mo", K::Date, K::Period, K::Date},
      {"as_of - as_of", K::Date, K::Date, K::Duration},
      {"max(Order.at) - as_of", K::DateTime, K::DateTime, K::Duration},
      {"as_of < max(Order.at)", K::DateTime, K::DateTime, K::Bool},
      {"employees < 2.5", K::Decimal, K::Decimal, K::Bool},
      {"true and false", K::Bool, K::Bool, K::Bool},
      {"employees ?? 0", K::Int, K::Int, K::Int},
      {"employees ?? 0.5", K::Decimal, K::Decimal, K::Decimal},
      {"employees between 1 and 2.5", K::Decimal, K::Decimal, K::Bool},
      {"industry in [ict, retail]", K::Enum, K::Enum, K::Bool},
      {"industry == ict", K::Enum, K::Enum, K::Bool},
      {"pyramid != pyramid.top", K::Tier, K::Tier, K::Bool},
      {"window * 2", K::Duration, K::Int, K::Duration},
  }));
  CAPTURE(expr);
  const auto c = check("let x = " + expr);
  INFO(c->messages());
  REQUIRE_FALSE(c->diags.has_errors());
  const OperatorSig sig = c->model->operators[c->let("x").decl->value->id];
  CHECK(sig.lhs == lhs);
  CHECK(sig.rhs == rhs);
  CHECK(sig.result == result);
}

TEST_CASE("definitions are ordered by dependency, then by declaration", "[check]") {
  const auto c = check(R"(
let c = b + 1
let b = a + rank_of_top
let a = 1
let d = 2
let rank_of_top = if second is y then 1 else 0
tiering second {
  tier y when first_t is top2
  tier n otherwise
}
tiering first_t {
  tier top2 when a > 0
}
)");
  INFO(c->messages());
  REQUIRE_FALSE(c->diags.has_errors());
  const strata::Model& m = *c->model;
  std::vector<std::string> lets, tierings;
  for (auto i : m.let_order) lets.push_back(m.lets[i].name);
  for (auto i : m.tiering_order) tierings.push_back(m.tierings[i].name);
  CHECK(lets == std::vector<std::string>{"a", "d", "rank_of_top", "b", "c"});
  CHECK(tierings == std::vector<std::string>{"pyramid", "first_t", "second"});
  CHECK(c->let("b").depends_on_lets.size() == 2);
  CHECK(c->let("rank_of_top").depends_on_tierings ==
        std::vector<std::uint32_t>{*m.find_tiering("second")});
  const auto& second = m.tierings[*m.find_tiering("second")];
  CHECK(second.depends_on_tierings == std::vector<std::uint32_t>{*m.find_tiering("first_t")});
  const auto& first = m.tierings[*m.find_tiering("first_t")];
  CHECK(first.depends_on_lets == std::vector<std::uint32_t>{*m.find_let("a")});
}

TEST_CASE("a cycle is reported once with every member", "[check]") {
  const auto c = check("let a = b\nlet b = c\nlet c = a\nlet ok = 1");
  REQUIRE(c->diags.error_count() == 1);
  const auto& d = c->diags.all()[0];
  CHECK(d.code == strata::DiagCode::DependencyCycle);
  CHECK(d.message == "these definitions depend on each other: a -> b -> c -> a");
  CHECK(d.labels.size() == 3);
  CHECK(c->model->let_order.size() == 4);
}

TEST_CASE("names, calls and constants are recorded in side tables", "[check]") {
  const auto c = check("let x = sum(Order.amount where industry == ict and amount > 80%)");
  INFO(c->messages());
  REQUIRE_FALSE(c->diags.has_errors());
  const strata::Model& m = *c->model;
  const strata::ast::Expr& call = *c->let("x").decl->value;
  const auto& info = m.calls[call.id];
  CHECK(info.builtin == strata::BuiltinId::Sum);
  CHECK(info.scope == strata::CallScope::EventAggregate);
  CHECK(info.events == 0);
  const auto* ce = call.as<strata::ast::CallExpr>();
  const auto& arg = m.name_of(*ce->args[0]);
  CHECK(arg.kind == strata::SymbolKind::EventField);
  CHECK(arg.sub == 2);
  const auto* both = ce->filter->as<strata::ast::BinaryExpr>();
  const auto* eq = both->lhs->as<strata::ast::BinaryExpr>();
  CHECK(m.name_of(*eq->lhs).kind == strata::SymbolKind::RecordField);
  CHECK(m.name_of(*eq->rhs).kind == strata::SymbolKind::EnumMember);
  CHECK(m.name_of(*eq->rhs).sub == 0);
  const auto* gt = both->rhs->as<strata::ast::BinaryExpr>();
  CHECK(m.name_of(*gt->lhs).kind == strata::SymbolKind::EventField);
  const auto& pct = m.constants[gt->rhs->id];
  REQUIRE(pct);
  CHECK(pct->kind == TypeKind::Decimal);
  CHECK(pct->d == strata::Decimal::from_units(800'000));
}

TEST_CASE("params fold their defaults", "[check]") {
  const auto c =
      check("param growth: decimal = 5\nparam since = 2026-01-01\nparam cap: int? = none");
  INFO(c->messages());
  REQUIRE_FALSE(c->diags.has_errors());
  const strata::Model& m = *c->model;
  const auto& as_of = m.params[*m.find_param("as_of")];
  CHECK(as_of.default_is_today);
  const auto& growth = m.params[*m.find_param("growth")];
  REQUIRE(growth.default_value);
  CHECK(growth.default_value->kind == TypeKind::Decimal);
  CHECK(growth.default_value->d == strata::Decimal::from_int(5));
  const auto& since = m.params[*m.find_param("since")];
  CHECK(strata::type_name(since.type) == "date");
  CHECK(since.default_value->i == 20'454);  // days from 1970-01-01
  const auto& window = m.params[*m.find_param("window")];
  CHECK(window.default_value->i == 365 * 86'400);
  CHECK(strata::type_name(m.params[*m.find_param("cap")].type) == "int?");
}

TEST_CASE("the schema describes the record and events", "[check]") {
  const auto c = check("");
  REQUIRE_FALSE(c->diags.has_errors());
  const auto schema = c->model->schema();
  CHECK(schema->record.name == "Customer");
  CHECK(schema->record.key_field == 0);
  REQUIRE(schema->record.fields.size() == 6);
  const auto& industry = schema->record.fields[1];
  CHECK(industry.kind == strata::ValueKind::Enum);
  CHECK(industry.enum_members == std::vector<std::string>{"ict", "retail", "other"});
  CHECK(schema->record.fields[2].optional);
  CHECK(schema->record.fields[4].money);
  CHECK(schema->record.fields[4].kind == strata::ValueKind::Decimal);
  const auto& nps = schema->record.fields[5];
  CHECK(nps.range_low == strata::Decimal::from_int(0));
  CHECK(nps.range_high == strata::Decimal::from_int(10));
  REQUIRE(schema->events.size() == 1);
  CHECK(schema->events[0].by == "customer_id");
  CHECK(schema->events[0].time_field == std::size_t{0});
  CHECK(schema->events[0].fields[2].kind == strata::ValueKind::Decimal);
}

TEST_CASE("the rule set of the language design checks clean", "[check]") {
  // LANGUAGE.md sections 2 and 3, verbatim.
  const auto c = check(R"(
record Customer key id {
  id:        string
  name:      string
  industry:  enum { ict, manufacturing, retail, education, logistics, healthcare, other }
  employees: int?                    # `?` = may be missing in the input
  owner:     string
  signed_on: date?
  nps:       int? in 0..10           # a declared range: values outside it are bad input
  revenue:   money                   # money = exact decimal
}

events Order of Customer by customer_id {   # many rows per customer, joined on customer_id = Customer.id
  at:     datetime
  amount: money
}
param as_of: date = today            # set at run time: --param as_of=2026-11-01
param window: duration = 365d

let recency   = days_between(max(Order.at), as_of)       # int? : none when there are no orders
let frequency = count(Order where at > as_of - window)  # int
let monetary  = sum(Order.amount where at > as_of - window)   # money (0 when none)
)",
                       false);
  INFO(c->messages());
  CHECK(c->diags.empty());
  CHECK(strata::type_name(c->let("recency").type) == "int?");
  CHECK(strata::type_name(c->let("frequency").type) == "int");
  CHECK(strata::type_name(c->let("monetary").type) == "money");
}

TEST_CASE("names of declarations that did not parse are not reported again", "[check]") {
  const auto c = check(R"(
tiering broken {
  tier a when
}
let uses_it = broken is a
let still_wrong = revenue + as_of
)");
  bool syntax = false;
  for (const auto& d : c->diags.all()) {
    const std::string id(strata::diag_code_id(d.code));
    syntax = syntax || id.rfind("E01", 0) == 0;
    CHECK(d.code != strata::DiagCode::UnknownName);
  }
  CHECK(syntax);
  INFO(c->messages());
  CHECK(c->messages().find("E0202: cannot add `money` and `date`") != std::string::npos);
}
