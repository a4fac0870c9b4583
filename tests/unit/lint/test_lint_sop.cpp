// The SOP rules (sop-unknown-tier, tier-without-sop, sla-order) and what SOPs use
// (unused-definition), case by case: what is reported and what is not.
#include <catch2/catch.hpp>

#include "lint/context.hpp"
#include "lint_support.hpp"
#include "strata/lint.hpp"

using namespace strata;

namespace {

const char* kHead = R"(
record Customer key id {
  id:      string
  name:    string
  owner:   string
  revenue: money
}
events Touch of Customer by customer_id {
  at:          datetime
  kind:        enum { ticket, call, visit, email }
  answered_at: datetime?
}
calendar workdays { week mon..fri 09:00..18:00 }
calendar weekend { week sat..sun 10:00..16:00 }
tiering level {
  tier vip      when revenue >= 1_000_000
  tier standard when revenue >= 100_000
  tier basic    otherwise
}
)";

std::size_t count(const std::string& body, LintRule rule) {
  std::shared_ptr<const RuleSet> rules;
  std::size_t n = 0;
  for (const linter::Finding& f : lint_testing::lint_text(kHead + body, rules)) {
    n += f.rule == rule;
  }
  return n;
}

std::string sop_text(const std::string& name, const std::string& tier, const std::string& body) {
  return "sop " + name + " for level." + tier + " {\n  " + body + "\n}\n";
}

}  // namespace

TEST_CASE("sla-order: a higher tier's obligation looser than the same one of a lower tier",
          "[lint][sop]") {
  struct Case {
    std::string vip, standard;
    std::size_t findings;
  };
  const std::string ticket = "respond Touch where kind == ticket within ";
  const Case cases[] = {
      {ticket + "4h", ticket + "1h", 1},
      {ticket + "1h", ticket + "4h", 0},
      {ticket + "2h", ticket + "2h", 0},
      {ticket + "4h on workdays", ticket + "1h on workdays", 1},
      // Different calendars, or working against wall-clock time: not comparable.
      {ticket + "4h on workdays", ticket + "1h on weekend", 0},
      {ticket + "4h on workdays", ticket + "1h", 0},
      // Different events or filters: not the same obligation.
      {ticket + "4h", "respond Touch where kind == call within 1h", 0},
      {"respond Touch where kind==ticket within 4h", ticket + "1h", 1},  // spacing aside
      {"every 1q Touch where kind == visit", "every 1mo Touch where kind == visit", 1},
      {"every 60d Touch where kind == visit", "every 1mo Touch where kind == visit", 1},
      {"every 1mo Touch where kind == visit", "every 30d Touch where kind == visit", 0},
      {"every 1mo Touch where kind == visit", "every 90d Touch where kind == visit", 0},
      {"every 2w Touch", "every 1w Touch", 1},
  };
  for (const Case& c : cases) {
    INFO(c.vip << " | " << c.standard);
    CHECK(count(sop_text("vip_service", "vip", c.vip) +
                    sop_text("standard_service", "standard", c.standard),
                LintRule::SlaOrder) == c.findings);
  }
  // Across two tiers: basic is compared with both higher tiers.
  CHECK(count(sop_text("vip_service", "vip", ticket + "8h") +
                  sop_text("standard_service", "standard", ticket + "8h") +
                  sop_text("basic_service", "basic", ticket + "4h"),
              LintRule::SlaOrder) == 2);
}

TEST_CASE("tier-without-sop: tiers of a service tiering that no SOP is for", "[lint][sop]") {
  const std::string respond = "respond Touch where kind == ticket within 4h";
  CHECK(count(sop_text("a", "vip", respond) + sop_text("b", "standard", respond),
              LintRule::TierWithoutSop) == 1);
  CHECK(count(sop_text("a", "vip", respond) + sop_text("b", "standard", respond) +
                  sop_text("c", "basic", respond),
              LintRule::TierWithoutSop) == 0);
  // An SOP for all customers does not make up for a tier's own.
  CHECK(count(sop_text("a", "vip", respond) + sop_text("b", "standard", respond) +
                  "sop pool for all { every 30d Touch else release to pool }\n",
              LintRule::TierWithoutSop) == 1);
  // A tiering no SOP is written for is not a service tiering.
  CHECK(count("sop pool for all { every 30d Touch else release to pool }\n",
              LintRule::TierWithoutSop) == 0);
  // Sub-tiers: an SOP for a tier covers its sub-tiers, one for a sub-tier leaves its siblings.
  const std::string nested =
      "tiering accounts {\n  tier premium when revenue >= 1_000_000 {\n    tier big when revenue "
      ">= "
      "5_000_000\n    tier other otherwise\n  }\n  tier rest otherwise\n}\n";
  CHECK(count(nested + "sop k for accounts.premium { " + respond +
                  " }\nsop r for accounts.rest { " + respond + " }\n",
              LintRule::TierWithoutSop) == 0);
  CHECK(count(nested + "sop k for accounts.premium.big { " + respond +
                  " }\nsop r for accounts.rest { " + respond + " }\n",
              LintRule::TierWithoutSop) == 1);
  // A tier no customer can be in needs no SOP.
  CHECK(count("tiering t {\n  tier a when revenue > 0\n  tier b when revenue > 10\n  tier c "
              "otherwise\n}\nsop s for t.a { " +
                  respond + " }\nsop u for t.c { " + respond + " }\n",
              LintRule::TierWithoutSop) == 0);
}

TEST_CASE("sop-unknown-tier: an SOP for a tier no customer can be in", "[lint][sop]") {
  const std::string respond = "respond Touch where kind == ticket within 4h";
  CHECK(count("tiering t {\n  tier a when revenue > 0\n  tier b when revenue > 10\n  tier c "
              "otherwise\n}\nsop s for t.b { " +
                  respond + " }\n",
              LintRule::SopUnknownTier) == 1);
  CHECK(count(sop_text("a", "vip", respond), LintRule::SopUnknownTier) == 0);
  // A table tier whose every row is masked.
  CHECK(count("tiering t table (revenue) {\n  (>= 0) -> high\n  (>= 10) -> higher\n  (< 0) -> low\n"
              "}\nsop s for t.higher { " +
                  respond + " }\n",
              LintRule::SopUnknownTier) == 1);
}

TEST_CASE("unused-definition: what SOPs use, and calendars", "[lint][sop]") {
  const std::string respond = "respond Touch where kind == ticket within 4h";
  const std::string all = sop_text("a", "vip", respond) + sop_text("b", "standard", respond) +
                          sop_text("c", "basic", respond);
  // Neither calendar is used.
  CHECK(count(all, LintRule::UnusedDefinition) == 2);
  CHECK(count(sop_text("a", "vip", respond + " on workdays") + sop_text("b", "standard", respond) +
                  sop_text("c", "basic", respond + " on weekend"),
              LintRule::UnusedDefinition) == 0);
  // Lets and params read only by an SOP, and as_of, the date obligations are measured at.
  const std::string uses =
      "param as_of: date = 2026-11-01\nparam window: duration = 30d\nlet who = owner\n"
      "let greeting = name\n" +
      sop_text("a", "vip",
               "respond Touch where kind == ticket and at > as_of - window within 4h on workdays\n"
               "  else task who \"{greeting}\"") +
      sop_text("b", "standard", respond + " on weekend") + sop_text("c", "basic", respond);
  CHECK(count(uses, LintRule::UnusedDefinition) == 0);
  const std::string calendars_used = sop_text("a", "vip", respond + " on workdays") +
                                     sop_text("b", "standard", respond + " on weekend") +
                                     sop_text("c", "basic", respond);
  CHECK(count("param as_of: date = 2026-11-01\n" + calendars_used, LintRule::UnusedDefinition) ==
        0);
  CHECK(count("param window: duration = 30d\n" + calendars_used, LintRule::UnusedDefinition) == 1);
}
