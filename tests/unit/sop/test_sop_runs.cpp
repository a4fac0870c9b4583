// Runs over changing data with the state carried from run to run: hold rules, tier history,
// tier changes, SOP statuses and actions, through the public API.
#include <catch2/catch.hpp>

#include <map>

#include "sop/session.hpp"
#include "strata/strata.hpp"
#include "strata/time.hpp"

namespace {

using namespace strata;
using strata::testing::changes_text;
using strata::testing::Session;
using strata::testing::temp_file;

const char* kPyramid = R"(
record Customer key id { id: string  spend: money }
param as_of: date = 2026-01-01
tiering pyramid {
  tier top when spend >= 1000
  tier mid when spend >= 100
  tier low otherwise
  hold demote 2
  hold promote 3
}
let previous = pyramid.previous
let changed = pyramid.changed
let since = pyramid.since
)";

}  // namespace

TEST_CASE("hold demote 2: a customer moves down only after two consecutive lower runs",
          "[sop][state]") {
  Session s(kPyramid);
  const std::vector<std::string> spend = {"1000", "50", "1000", "50", "500", "50"};
  const std::vector<std::string> expected = {"top", "top", "top", "top", "mid", "mid"};
  const std::vector<std::string> changes = {"", "", "", "", "A:downgrade:top>mid ", ""};
  for (std::size_t run = 0; run < spend.size(); ++run) {
    INFO("run " << run + 1);
    const std::string date = timeutil::format_date(*timeutil::parse_date("2026-01-01") +
                                                   static_cast<std::int64_t>(7 * run));
    const RunResult r = s.run("id,spend\nA," + spend[run] + "\n", "", date);
    CHECK(s.tier(r, 0) == expected[run]);
    CHECK(changes_text(*s.rules, r) == changes[run]);
    CHECK(r.first_run == (run == 0));
  }
  // Run 6 placed it lower than mid once: the state remembers the pending move.
  const TierState& ts = s.state->customers[0].tiers[0];
  CHECK(ts.tier == 1);
  CHECK(ts.pending == 2);
  CHECK(ts.streak == -1);
  CHECK(timeutil::format_date(ts.since) == "2026-01-29");
}

TEST_CASE("hold promote 3 and tier history values in rules", "[sop][state]") {
  Session s(kPyramid);
  auto run = [&](const char* spend, const char* date) {
    return s.run(std::string("id,spend\nA,") + spend + "\n", "", date, 1,
                 {"previous", "changed", "since"});
  };
  RunResult r = run("50", "2026-01-01");
  CHECK(s.tier(r, 0) == "low");
  CHECK(r.lets[0].at(0).present == false);  // no previous run
  CHECK(r.lets[1].at(0).to_string() == "false");
  CHECK(r.lets[2].at(0).to_string() == "2026-01-01");
  r = run("5000", "2026-01-08");
  CHECK(s.tier(r, 0) == "low");
  CHECK(r.lets[0].at(0).text == "low");
  r = run("5000", "2026-01-15");
  CHECK(s.tier(r, 0) == "low");
  r = run("5000", "2026-01-22");
  CHECK(s.tier(r, 0) == "top");
  CHECK(changes_text(*s.rules, r) == "A:upgrade:low>top ");
  CHECK(r.lets[1].at(0).to_string() == "true");
  CHECK(r.lets[2].at(0).to_string() == "2026-01-22");
  r = run("5000", "2026-01-29");
  CHECK(r.lets[1].at(0).to_string() == "false");
  CHECK(r.lets[2].at(0).to_string() == "2026-01-22");
}

TEST_CASE("customers entering and leaving the data are enter and exit changes", "[sop][state]") {
  Session s(kPyramid);
  s.run("id,spend\nA,5000\nB,50\n", "", "2026-01-01");
  const RunResult r = s.run("id,spend\nA,5000\nC,500\n", "", "2026-01-08");
  CHECK(changes_text(*s.rules, r) == "C:enter:none>mid B:exit:low>none ");
  REQUIRE(s.state->customers.size() == 2);
  CHECK(s.state->customers[1].key == "C");
  CHECK(timeutil::format_date(s.state->customers[0].seen) == "2026-01-01");
}

TEST_CASE("a first run whose state is not kept builds none, and tiers the same", "[sop][state]") {
  Session s(kPyramid);
  Diagnostics diags;
  RuleSet::DataFiles files;
  files.records = temp_file("c.csv", "id,spend\nA,5000\nB,50\n");
  auto data = s.rules->load(files, diags);
  REQUIRE(data);
  RunOptions kept;
  const RunResult with_state = s.rules->run(*data, kept);
  REQUIRE(with_state.ok);
  CHECK(with_state.state.customers.size() == 2);
  RunOptions plain;
  plain.keep_state = false;
  const RunResult without = s.rules->run(*data, plain);
  REQUIRE(without.ok);
  CHECK(without.state.customers.empty());
  CHECK(without.tierings[0].ints == with_state.tierings[0].ints);
  CHECK(without.changes.empty());
  // With a previous state the changes need the states: keep_state does not skip them.
  const RunState previous = with_state.state;
  plain.previous = &previous;
  files.records = temp_file("c.csv", "id,spend\nA,50\nB,50\n");
  auto changed = s.rules->load(files, diags);
  REQUIRE(changed);
  const RunResult second = s.rules->run(*changed, plain);
  REQUIRE(second.ok);
  CHECK(second.state.customers.size() == 2);
}

TEST_CASE("the state file is checked against the rule set", "[sop][state]") {
  Session s(kPyramid);
  Diagnostics diags;
  CHECK_FALSE(s.rules->parse_state("", "s.jsonl", diags));
  CHECK(diags.all().at(0).code == DiagCode::BadState);
  Diagnostics d2;
  CHECK_FALSE(s.rules->parse_state("{\"id\":\"A\"}\n", "s.jsonl", d2));
  CHECK(d2.all().at(0).message == "`s.jsonl` is not a strata state file");
  const std::string removed =
      "{\"strata_state\":1,\"rules\":\"x\",\"as_of\":\"2026-01-01\",\"tierings\":{\"pyramid\":[]}}"
      "\n"
      "{\"id\":\"A\",\"seen\":\"2026-01-01\",\"tiers\":{\"pyramid\":{\"tier\":\"vip\","
      "\"since\":\"2026-01-01\"}}}\n";
  Diagnostics d3;
  CHECK_FALSE(s.rules->parse_state(removed, "s.jsonl", d3));
  CHECK(d3.all().at(0).code == DiagCode::StateMismatch);
  CHECK(d3.all().at(0).data_location->line == 2);
  Diagnostics d4;
  StateReadOptions drop;
  drop.drop_removed_tiers = true;
  const auto state = s.rules->parse_state(removed, "s.jsonl", d4, drop);
  REQUIRE(state);
  CHECK(state->customers.at(0).tiers.at(0).tier == -1);
  Diagnostics d5;
  CHECK_FALSE(s.rules->parse_state("{\"strata_state\":2}\n", "s.jsonl", d5));
  CHECK(d5.all().at(0).message == "state version 2 is not supported");
}

namespace {

const char* kService = R"strata(
record Customer key id { id: string  name: string  owner: string  spend: money  assigned_on: date? }
events Touch of Customer by customer_id {
  at: datetime
  kind: enum { ticket, call, visit }
  answered_at: datetime?
}
param as_of: date = 2026-11-04
tiering value "价值" {
  tier vip "贵宾" when spend >= 1000
  tier rest otherwise
}
calendar workdays {
  zone "Asia/Shanghai"
  week mon..fri 09:00..12:00, 13:00..18:00
  closed 2026-10-01..2026-10-07
}
sop vip_service "VIP" for value.vip {
  respond Touch where kind == ticket within 2h on workdays warn 30min before
  every 1mo Touch where kind == visit warn 3d before notify owner "visit {name} soon" else task owner "visit {name} ({value})" due 7d
  on enter value: task owner "welcome {name}: {value.previous} -> {value}" due 7d
  on exit value: notify owner "{name} is now {value}"
}
sop pool "公海" for all {
  every 30d Touch where kind in [call, visit] from assigned_on else release to pool
}
)strata";

std::string statuses(const RuleSet& rules, const Dataset* /*unused*/, const RunResult& r) {
  std::string out;
  for (const ObligationResult& o : r.obligations) {
    const ObligationInfo& info = rules.obligations()[o.obligation];
    out += std::to_string(o.row) + ":" + rules.sops()[info.sop].name + "#" +
           std::to_string(info.number) + "=" + std::string(sop_status_name(o.status)) + " ";
  }
  return out;
}

std::string actions(const RuleSet& rules, const RunResult& r) {
  std::string out;
  for (const SopAction& a : r.actions) {
    out += std::to_string(a.row) + ":" + std::string(action_type_name(a.type)) + ":" +
           rules.sops()[a.sop].name + ":" + a.owner + ":" + a.message + ":" +
           (a.due ? timeutil::format_datetime(*a.due) : "") + " | ";
  }
  return out;
}

}  // namespace

TEST_CASE("respond: ok, due soon, overdue and violated on a business calendar", "[sop][eval]") {
  Session s(kService);
  // The run's time is the end of 2026-11-04 (Wednesday): 2026-11-05T00:00.
  const std::string customers =
      "id,name,owner,spend,assigned_on\n"
      "A,Alpha,王芳,5000,2026-11-01\n"  // answered in time
      "B,Beta,李娜,5000,2026-11-01\n"   // answered late
      "C,Gamma,王芳,5000,2026-11-01\n"  // open, past the deadline
      "D,Delta,李娜,5000,2026-11-01\n"  // open, more than the warning time left
      "E,Echo,李娜,5000,2026-11-01\n";  // open, inside the warning time
  const std::string touches =
      "customer_id,at,kind,answered_at\n"
      // Opened Fri 17:00: 1h Friday, 1h Monday -> due Mon 2026-11-02T10:00.
      "A,2026-10-30T17:00:00,ticket,2026-11-02T09:45:00\n"
      "B,2026-10-30T17:00:00,ticket,2026-11-02T11:00:00\n"
      "C,2026-11-03T17:00:00,ticket,\n"
      "D,2026-11-04T17:50:00,ticket,\n"
      // Opened Wed 16:20: 1h40 Wednesday, 20min Thursday -> due Thu 09:20, 20min left.
      "E,2026-11-04T16:20:00,ticket,\n";
  const RunResult r = s.run(customers, touches, "2026-11-04");
  std::map<std::size_t, const ObligationResult*> respond;
  for (const ObligationResult& o : r.obligations) {
    if (o.obligation == 0) respond[o.row] = &o;
  }
  REQUIRE(respond.size() == 5);
  CHECK(respond[0]->status == SopStatus::Ok);
  CHECK(respond[1]->status == SopStatus::Violated);
  CHECK(*respond[1]->overdue_by == 3600);  // 10:00 -> 11:00 Monday
  CHECK(respond[1]->late == 1);
  CHECK(respond[2]->status == SopStatus::Overdue);
  // Opened Tue 17:00 -> due Wed 10:00; overdue by the working time from then to the run's time.
  CHECK(timeutil::format_datetime(*respond[2]->due) == "2026-11-04T10:00:00");
  CHECK(*respond[2]->overdue_by == 7 * 3600);
  CHECK(respond[2]->open == 1);
  // Opened Wed 17:50 -> due Thu 10:50: 1h50 of working time left, not inside 30min.
  CHECK(respond[3]->status == SopStatus::Ok);
  CHECK(timeutil::format_datetime(*respond[3]->due) == "2026-11-05T10:50:00");
  CHECK(respond[4]->status == SopStatus::DueSoon);
  CHECK(timeutil::format_datetime(*respond[4]->due) == "2026-11-05T09:20:00");
}

TEST_CASE("every: cadence status, its start, and actions fired once", "[sop][eval]") {
  Session s(kService);
  const std::string customers =
      "id,name,owner,spend,assigned_on\n"
      "A,Alpha,王芳,5000,2026-09-01\n"  // a VIP visited on 10-20
      "B,Beta,李娜,50,2026-09-01\n"     // no call or visit since its assignment
      "C,Gamma,王芳,50,\n";             // no assignment date: the clock starts with the first run
  const std::string touches =
      "customer_id,at,kind,answered_at\n"
      "A,2026-10-20T10:00:00,visit,\n";
  // First run: A came under the VIP SOP with this run, so its visit is due a month after it;
  // B's pool cadence started on its assignment and lapsed on 10-01.
  RunResult r = s.run(customers, touches, "2026-11-04");
  CHECK(statuses(*s.rules, nullptr, r) ==
        "0:vip_service#1=ok 0:vip_service#2=ok 0:pool#1=ok 1:pool#1=overdue 2:pool#1=ok ");
  CHECK(timeutil::format_datetime(*r.obligations[1].due) == "2026-12-04T00:00:00");
  CHECK(timeutil::format_datetime(*r.obligations[2].due) == "2026-11-19T10:00:00");
  CHECK(actions(*s.rules, r) == "1:release_to_pool:pool::: | ");
  const ObligationResult& b = r.obligations[3];
  CHECK(timeutil::format_datetime(*b.due) == "2026-10-01T00:00:00");
  CHECK(*b.overdue_by == 35 * 86400);
  // Four weeks later: A's visit is due within 3 days (a warning), A's pool cadence has lapsed;
  // B is still overdue, so it is not released a second time.
  r = s.run(customers, touches, "2026-12-02");
  CHECK(statuses(*s.rules, nullptr, r) ==
        "0:vip_service#1=ok 0:vip_service#2=due_soon 0:pool#1=overdue 1:pool#1=overdue "
        "2:pool#1=ok ");
  CHECK(actions(*s.rules, r) ==
        "0:notify:vip_service:王芳:visit Alpha soon: | 0:release_to_pool:pool::: | ");
  // Past A's due date: the `else` task, due 7 days after the run's time; C lapses too.
  r = s.run(customers, touches, "2026-12-05");
  CHECK(actions(*s.rules, r) ==
        "0:task:vip_service:王芳:visit Alpha (贵宾):2026-12-13T00:00:00 | "
        "2:release_to_pool:pool::: | ");
  REQUIRE(r.compliance.size() == 2);
  CHECK(r.compliance[0].customers == 1);
  CHECK(r.compliance[0].compliant == 0);
  CHECK(r.compliance[1].customers == 3);
  CHECK(r.compliance[1].compliant == 0);
}

TEST_CASE("on enter and on exit fire with interpolated messages, never on a first run",
          "[sop][eval]") {
  Session s(kService);
  const std::string touches = "customer_id,at,kind,answered_at\n";
  RunResult r = s.run("id,name,owner,spend,assigned_on\nA,Alpha,王芳,50,\nB,Beta,李娜,5000,\n",
                      touches, "2026-11-04");
  CHECK(actions(*s.rules, r).empty());
  r = s.run("id,name,owner,spend,assigned_on\nA,Alpha,王芳,5000,\nB,Beta,李娜,50,\n", touches,
            "2026-11-11");
  CHECK(actions(*s.rules, r) ==
        "0:task:vip_service:王芳:welcome Alpha: rest -> 贵宾:2026-11-19T00:00:00 | "
        "1:notify:vip_service:李娜:Beta is now rest: | ");
}

TEST_CASE("results do not depend on the number of threads", "[sop][eval]") {
  std::string customers = "id,name,owner,spend,assigned_on\n";
  std::string touches = "customer_id,at,kind,answered_at\n";
  for (int i = 0; i < 5000; ++i) {
    const std::string id = "K" + std::to_string(i);
    customers += id + ",n" + std::to_string(i) + ",o" + std::to_string(i % 7) + "," +
                 std::to_string((i * 37) % 3000) + ",2026-09-0" + std::to_string(1 + i % 9) + "\n";
    for (int k = 0; k < i % 5; ++k) {
      touches += id + ",2026-10-" + std::to_string(10 + k * 4) + "T1" + std::to_string(k) +
                 ":00:00," + (k % 2 ? "ticket" : "visit") + "," +
                 (k == 3 ? "" : "2026-10-" + std::to_string(10 + k * 4) + "T15:00:00") + "\n";
    }
  }
  Session one(kService), two(kService);
  const RunResult a = one.run(customers, touches, "2026-11-04", 1);
  const RunResult b = two.run(customers, touches, "2026-11-04", 2);
  CHECK(statuses(*one.rules, nullptr, a) == statuses(*two.rules, nullptr, b));
  CHECK(actions(*one.rules, a) == actions(*two.rules, b));
  CHECK(a.obligations.size() > 5000);
}
