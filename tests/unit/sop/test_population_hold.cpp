// Rule sets that combine statistics over all customers with `hold` and SOPs: a tiering by
// quintile with `hold demote 2`, a statistic over the held tiering, a tiering reading its tier
// history, and an SOP for its top tier, over runs that carry the state; their explanations and
// rule coverage.
#include <catch2/catch.hpp>

#include "sop/session.hpp"
#include "strata/coverage.hpp"
#include "strata/time.hpp"

namespace {

using namespace strata;
using strata::testing::changes_text;
using strata::testing::Session;

// Ten customers, two per quintile of spend; `value` holds a top customer for one lower run.
// `top_share` is a statistic over the held tier (a later stage than the quintiles), `care` and
// `loyalty` read the held tier and its history.
const char* kQuintileRules = R"strata(
record Customer key id { id: string  name: string  owner: string  spend: money }
events Touch of Customer by customer_id {
  at: datetime
  kind: enum { ticket, call, visit }
  answered_at: datetime?
}
param as_of: date = 2026-11-04
let q = quintile(spend)
tiering value "价值" {
  tier top "顶层" when q == 5
  tier high when q >= 4
  tier rest otherwise
  hold demote 2
}
let is_top = if value is top then 1 else 0
let top_share = avg(is_top)
tiering care {
  tier key_account when value is top and top_share <= 30%
  tier normal otherwise
}
tiering loyalty {
  tier settled when days_between(value.since, as_of) >= 7
  tier fresh otherwise
}
sop top_service "顶层服务" for value.top {
  every 30d Touch where kind == visit else task owner "visit {name} ({value}, q{q})" due 7d
  on enter value: task owner "welcome {name}" due 7d
  on exit value: notify owner "{name}: {value.previous} -> {value}"
}
)strata";

// Customers A01..A10 with spend 100..1000, except those given in `spend`.
std::string customers(const std::map<std::string, std::string>& spend) {
  std::string out = "id,name,owner,spend\n";
  for (int i = 1; i <= 10; ++i) {
    const std::string id = std::string(i < 10 ? "A0" : "A") + std::to_string(i);
    const auto it = spend.find(id);
    out += id + ",n" + id + ",o" + id + "," +
           (it != spend.end() ? it->second : std::to_string(100 * i)) + "\n";
  }
  return out;
}

const std::string kTouches =
    "customer_id,at,kind,answered_at\n"
    "A09,2026-10-20T10:00:00,visit,\n"
    "A10,2026-10-20T10:00:00,visit,\n";

std::string tiers_of(const Session& s, const RunResult& r, std::size_t tiering) {
  std::string out;
  for (std::size_t row = 0; row < 10; ++row) out += s.tier(r, row, tiering) + " ";
  return out;
}

std::string statuses_of(const RuleSet& rules, const Dataset& data, const RunResult& r) {
  std::string out;
  for (const ObligationResult& o : r.obligations) {
    out += data.key_text(o.row) + "=" + std::string(sop_status_name(o.status)) + " ";
  }
  (void)rules;
  return out;
}

std::string actions_of(const Dataset& data, const RunResult& r) {
  std::string out;
  for (const SopAction& a : r.actions) {
    out += data.key_text(a.row) + ":" + std::string(action_type_name(a.type)) + ":" + a.message +
           " | ";
  }
  return out;
}

}  // namespace

TEST_CASE("a quintile tiering with hold demote 2 over runs with state",
          "[sop][state][population]") {
  Session s(kQuintileRules);
  const std::vector<std::string> columns = {"q", "top_share"};
  // Run 1, a first run: A09 and A10 are the top quintile; nothing changes, nobody is welcomed.
  RunResult r = s.run(customers({}), kTouches, "2026-11-04", 1, columns);
  CHECK(tiers_of(s, r, 0) == "rest rest rest rest rest rest high high top top ");
  CHECK(tiers_of(s, r, 1) ==
        "normal normal normal normal normal normal normal normal key_account key_account ");
  CHECK(tiers_of(s, r, 2) == "fresh fresh fresh fresh fresh fresh fresh fresh fresh fresh ");
  CHECK(r.changes.empty());
  CHECK(r.actions.empty());
  CHECK(r.lets[1].at(0).to_display() == "0.20");

  // Run 2: A10 drops to the bottom quintile and A05 rises to the top. A10 is held in top, and
  // everything downstream sees the held tier: the statistic over it (3 of 10 in top), the
  // tiering reading it, its history and its SOP.
  const std::string changed = customers({{"A10", "50"}, {"A05", "5000"}});
  r = s.run(changed, kTouches, "2026-11-11", 1, columns);
  CHECK(r.lets[0].at(9).to_display() == "1");  // A10's own quintile
  CHECK(tiers_of(s, r, 0) == "rest rest rest rest top rest high high top top ");
  CHECK(r.lets[1].at(0).to_display() == "0.30");
  CHECK(tiers_of(s, r, 1) ==
        "normal normal normal normal key_account normal normal normal key_account key_account ");
  // In its tier since the first run, a week ago, except A05, which came into top with this run.
  CHECK(tiers_of(s, r, 2) ==
        "settled settled settled settled fresh settled settled settled settled settled ");
  // Only A05 moves in `value` and `care`; A10's tiers stay. In `loyalty`, everyone but A05 has
  // now been in its tier for a week.
  std::string settled;
  for (const char* id : {"A01", "A02", "A03", "A04", "A06", "A07", "A08", "A09", "A10"}) {
    settled += std::string(id) + ":upgrade:fresh>settled ";
  }
  CHECK(changes_text(*s.rules, r) == settled.substr(0, 4 * 26) +
                                         "A05:upgrade:rest>top A05:upgrade:normal>key_account " +
                                         settled.substr(4 * 26));
  CHECK(s.state->customers[9].tiers[0].streak == -1);
  CHECK(s.state->customers[9].tiers[0].pending == 2);
  Diagnostics diags;
  auto data = s.rules->load({strata::testing::temp_file("c.csv", changed),
                             {{"Touch", strata::testing::temp_file("t.csv", kTouches)}},
                             {}},
                            diags);
  REQUIRE(data);
  CHECK(statuses_of(*s.rules, *data, r) == "A05=ok A09=ok A10=ok ");
  CHECK(actions_of(*data, r) == "A05:task:welcome nA05 | ");

  // Run 3: the second lower run moves A10 to where its quintile places it; its owner is told.
  r = s.run(changed, kTouches, "2026-11-18", 1, columns);
  CHECK(tiers_of(s, r, 0) == "rest rest rest rest top rest high high top rest ");
  CHECK(changes_text(*s.rules, r).find("A10:downgrade:top>rest A10:downgrade:key_account>normal") !=
        std::string::npos);
  CHECK(r.lets[1].at(0).to_display() == "0.20");
  CHECK(statuses_of(*s.rules, *data, r) == "A05=ok A09=ok ");
  CHECK(actions_of(*data, r) == "A10:notify:nA10: 顶层 -> rest | ");
}

namespace {

// The dataset of `customers_csv` with the touches, loaded for `rules`.
Dataset load(const RuleSet& rules, const std::string& customers_csv) {
  Diagnostics diags;
  auto data = rules.load({strata::testing::temp_file("c.csv", customers_csv),
                          {{"Touch", strata::testing::temp_file("t.csv", kTouches)}},
                          {}},
                         diags);
  REQUIRE(data);
  return std::move(*data);
}

const TermCoverage& term_of(const Coverage& c, const std::string& tiering, std::size_t tier,
                            std::size_t term) {
  for (const TieringCoverage& t : c.tierings) {
    if (t.name == tiering) return t.tiers.at(tier).terms.at(term);
  }
  FAIL("no tiering " << tiering);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("explaining a held customer of a quintile tiering", "[sop][state][population]") {
  Session s(kQuintileRules);
  s.run(customers({}), kTouches, "2026-11-04");
  const Dataset data = load(*s.rules, customers({{"A10", "50"}, {"A05", "5000"}}));
  RunOptions options;
  options.params["as_of"] = "2026-11-11";
  options.previous = &*s.state;
  Diagnostics diags;
  const auto e = s.rules->explain(data, "A10", options, diags);
  INFO(strata::testing::rendered(diags));
  REQUIRE(e);
  const TieringExplanation& value = e->tierings.at(0);
  CHECK(value.tier == std::optional<std::size_t>(0));  // held in top
  CHECK(value.held);
  CHECK(value.conditions_tier == std::optional<std::size_t>(2));
  // The trials follow the conditions: top and high were tried and failed, rest took it.
  REQUIRE(value.trials.size() == 3);
  CHECK(value.trials[0].result == Truth::False);
  CHECK(value.trials[2].otherwise);
  // The population values are this run's, with A10's own position.
  bool quintile_seen = false;
  for (const PopulationValue& p : e->population) {
    if (p.text != "quintile(spend)") continue;
    quintile_seen = true;
    CHECK(p.value.to_display() == "1");
    CHECK(p.over == 10);
  }
  CHECK(quintile_seen);
  // Held in top, it is still under the SOP for top, and nothing fires for it.
  REQUIRE(e->obligations.size() == 1);
  CHECK(e->obligations[0].status == SopStatus::Ok);
  CHECK(e->actions.empty());
  CHECK(e->tierings.at(1).tier == std::optional<std::size_t>(0));  // care: key_account
}

TEST_CASE("rule coverage sees the previous run and the run's date", "[sop][state][coverage]") {
  Session s(kQuintileRules);
  const Dataset first = load(*s.rules, customers({}));
  RunOptions options;
  options.params["as_of"] = "2026-11-04";
  // A first run: every customer came into its tier with this run, so none is settled.
  {
    CoverageRecorder recorder(s.rules);
    Diagnostics diags;
    REQUIRE(recorder.record(first, options, diags));
    const TermCoverage& settled = term_of(recorder.coverage(), "loyalty", 0, 0);
    CHECK(settled.held == 0);
    CHECK(settled.failed == 10);
  }
  // The next run with the state: A10 is held in top, and `value is top` holds for it in `care`;
  // everyone whose tier stayed is settled, A05 (new in top) is not.
  s.run(customers({}), kTouches, "2026-11-04");
  const Dataset second = load(*s.rules, customers({{"A10", "50"}, {"A05", "5000"}}));
  options.params["as_of"] = "2026-11-11";
  options.previous = &*s.state;
  CoverageRecorder recorder(s.rules);
  Diagnostics diags;
  REQUIRE(recorder.record(second, options, diags));
  const TermCoverage& is_top = term_of(recorder.coverage(), "care", 0, 0);
  CHECK(is_top.held == 3);
  CHECK(is_top.failed == 7);
  const TermCoverage& settled = term_of(recorder.coverage(), "loyalty", 0, 0);
  CHECK(settled.held == 9);
  CHECK(settled.failed == 1);
  // `value` itself is counted by the tier its conditions give: A10's is rest.
  const TieringCoverage& value = recorder.coverage().tierings.at(0);
  CHECK(value.tiers.at(0).chosen == 2);
  CHECK(value.tiers.at(2).chosen == 6);
}

TEST_CASE("runs with statistics, hold and SOPs do not depend on the number of threads",
          "[sop][state][population]") {
  // Several batches of customers whose spend moves between the two runs, with ties.
  auto many = [](int shift) {
    std::string out = "id,name,owner,spend\n";
    for (int i = 0; i < 5000; ++i) {
      out += "K" + std::to_string(i) + ",n,o," + std::to_string(((i + shift) * 37) % 1000) + "\n";
    }
    return out;
  };
  std::string touches = "customer_id,at,kind,answered_at\n";
  for (int i = 0; i < 5000; i += 3) {
    touches +=
        "K" + std::to_string(i) + ",2026-10-" + std::to_string(10 + i % 20) + "T10:00:00,visit,\n";
  }
  Session one(kQuintileRules), two(kQuintileRules);
  const std::vector<std::string> columns = {"top_share"};
  one.run(many(0), touches, "2026-11-04", 1, columns);
  two.run(many(0), touches, "2026-11-04", 2, columns);
  const RunResult a = one.run(many(7), touches, "2026-11-11", 1, columns);
  const RunResult b = two.run(many(7), touches, "2026-11-11", 2, columns);
  CHECK(a.tierings[0].ints == b.tierings[0].ints);
  CHECK(a.tierings[1].ints == b.tierings[1].ints);
  CHECK(a.lets[0].at(0).to_display() == b.lets[0].at(0).to_display());
  CHECK(changes_text(*one.rules, a) == changes_text(*two.rules, b));
  REQUIRE(a.obligations.size() == b.obligations.size());
  for (std::size_t i = 0; i < a.obligations.size(); ++i) {
    CHECK(a.obligations[i].row == b.obligations[i].row);
    CHECK(a.obligations[i].status == b.obligations[i].status);
  }
  REQUIRE(a.actions.size() == b.actions.size());
  CHECK(!a.actions.empty());
  // Some customers are held: their tier differs from the one their quintile gives.
  std::size_t held = 0;
  for (const CustomerState& c : one.state->customers) held += c.tiers[0].streak != 0;
  CHECK(held > 0);
}
