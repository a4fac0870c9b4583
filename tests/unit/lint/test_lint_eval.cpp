// The linter's reference evaluator follows the compiled rule set on every form of tiering: tier
// lists with sub-tiers (first match and unique), decision tables (cells of every kind, missing
// values, first match and unique with conflicts), products, and `is` / `in` / `==` on nested ids
// and table tiers. Random customers are evaluated both ways and must get the same tier in every
// tiering, and an evaluation error exactly when the evaluator reports one.
#include <catch2/catch.hpp>
#include <random>
#include <set>

#include "lint/eval.hpp"
#include "lint/population.hpp"
#include "strata/strata.hpp"

using namespace strata;
using linter::Val;

namespace {

const char* kRules = R"(
record C key id {
  id: string
  a:  int
  b:  int?
  c:  enum { x, y, z }
  d:  bool?
  m:  money
}
let big = m >= 10
tiering base {
  tier hi  when a >= 5
  tier mid when a >= -5
  tier lo  when b < 0
}
tiering nest {
  tier p when a > 0 {
    tier p1 when b > 5
    tier p2 when c == y {
      tier deep when d
    }
  }
  tier q when b is none {
    tier q1 otherwise
  }
}
tiering nest_u unique {
  tier p when a > 0 {
    tier s1 when b > 0
    tier s2 when b < 3
  }
  tier q when a < -3
  tier r otherwise {
    tier r1 when c in [x, z]
  }
}
tiering tab table (a, b, c, d, big) {
  (>= 5, -,    -,      -,  -)   -> t1
  (0..4, none, [x, y], -,  yes) -> t2
  (< 0,  > 2,  != z,   no, -)   -> t3
  (-,    -,    z,      yes, -)  -> t4
  (-,    1,    -,      -,  -)   -> t1
}
tiering tab_u unique table (c, b) {
  (x, -)    -> ux
  (y, >= 0) -> uy
  (y, < 0)  -> uy2
  (z, 3..4) -> uz
  (-, 7)    -> seven
  otherwise -> rest
}
tiering grid = base * tab
tiering refs {
  tier r1 when grid is hi.t1
  tier r2 when grid in [mid, lo.t3]
  tier r3 when grid == mid
  tier r4 when nest is p.p2 and tab_u != uy
  tier r5 when nest == p
  tier r6 when nest_u in [p, r.r1]
}
tiering over table (nest, grid) {
  (p.p2.deep,   -)            -> o2
  (p,           -)            -> o1
  (== q.q1,     hi)           -> o3
  (!= p,        [lo, mid.t2]) -> o4
}
)";

class Values : public linter::Env {
 public:
  std::optional<Val> field(std::uint32_t index) const override { return fields[index]; }
  std::optional<Val> aggregate(const ast::Expr&) const override { return Val::unknown(); }
  std::optional<Val> run_constant(std::uint32_t) const override { return Val::unknown(); }
  std::vector<Val> fields;
};

}  // namespace

TEST_CASE("the reference evaluator assigns every form of tiering as the compiled rule set does",
          "[lint][eval]") {
  Diagnostics diags;
  auto rules = compile_text({{"forms.strata", kRules}}, diags);
  for (const Diagnostic& d : diags.all()) INFO(d.message);
  REQUIRE(rules);
  const Model& m = rules->model();
  const linter::Statistics stats(m);
  const linter::Evaluator eval(m, {}, std::nullopt, stats);
  RunOptions run;
  auto record = rules->new_record(run, diags);
  REQUIRE(record);

  std::mt19937 rng(20261125);
  std::uniform_int_distribution<int> small(-8, 8), pick(0, 2), cents(0, 2000);
  const char* enums[] = {"x", "y", "z"};
  std::size_t errors = 0;
  std::vector<std::set<int>> seen(m.tierings.size());
  for (int n = 0; n < 3000; ++n) {
    Values env;
    const int a = small(rng), b = small(rng), c = pick(rng), d = pick(rng), m_cents = cents(rng);
    const bool b_missing = n % 5 == 0, d_missing = d == 2;
    env.fields = {Val::text("k"),
                  Val::of(TypeKind::Int, a),
                  b_missing ? Val::none() : Val::of(TypeKind::Int, b),
                  Val::of(TypeKind::Enum, c),
                  d_missing ? Val::none() : Val::of(TypeKind::Bool, d),
                  Val::of(TypeKind::Decimal, static_cast<linter::Num>(m_cents) * 10'000)};
    REQUIRE(record->set("id", "k"));
    REQUIRE(record->set("a", std::to_string(a)));
    REQUIRE(record->set("b", b_missing ? "" : std::to_string(b)));
    REQUIRE(record->set("c", enums[c]));
    REQUIRE(record->set("d", d_missing ? "" : (d ? "true" : "false")));
    REQUIRE(record->set("m", std::to_string(m_cents / 100) + "." +
                                 std::to_string(m_cents % 100 / 10) +
                                 std::to_string(m_cents % 10)));
    Assignment out;
    Diagnostics eval_diags;
    const bool ok = rules->evaluate(*record, out, &eval_diags);
    bool any_error = false;
    for (std::uint32_t t = 0; t < m.tierings.size(); ++t) {
      const Val v = eval.tiering(t, env);
      INFO("customer a=" << a << " b=" << (b_missing ? "none" : std::to_string(b))
                         << " c=" << enums[c] << " d=" << d << " m=" << m_cents << " tiering "
                         << m.tierings[t].name);
      REQUIRE(v.state != Val::State::Unknown);
      if (v.state == Val::State::Error) {
        any_error = true;
        continue;
      }
      if (!ok) continue;
      const int expected = out.tiers[t];
      CHECK((v.present() ? static_cast<int>(v.n) : -1) == expected);
      seen[t].insert(expected);
    }
    CHECK(ok == !any_error);
    errors += !ok;
  }
  // The customers exercise conflicts and many tiers of every tiering.
  CHECK(errors > 0);
  for (std::uint32_t t = 0; t < m.tierings.size(); ++t) {
    INFO(m.tierings[t].name);
    CHECK(seen[t].size() >= 3);
  }
}
