// The SOP and calendar example of the language design, verbatim, on the retail models.
#include <catch2/catch.hpp>

#include "strata/strata.hpp"
#include "test_support.hpp"

TEST_CASE("the design's calendar and SOP example compiles as written", "[sop][check]") {
  const std::string root = strata::testing::source_dir().string();
  const std::string text = R"strata(
use ")strata" + root + R"strata(/rules/retail/customer.strata"
use ")strata" + root + R"strata(/rules/retail/rfm.strata"
use ")strata" + root + R"strata(/rules/retail/pyramid.strata"
events Touch of Customer by customer_id {
  at: datetime
  kind: enum { ticket, call, visit, email }
  level: enum { executive, staff }?
  answered_at: datetime?
}
calendar workdays "工作日" {
  zone "Asia/Shanghai"
  week mon..fri 09:00..18:00
  closed 2026-10-01..2026-10-08, 2027-01-01
}

sop vip_service "VIP 服务标准" for rfm.important_value, pyramid.top {
  respond Touch where kind == ticket within 1h on workdays    # each ticket answered within 1 working hour
  every 1mo Touch where kind == visit and level == executive  # an executive visit each month
  on enter rfm: task owner "安排高层拜访: {name}" due 7d
  on exit rfm:  notify owner "{name}: {rfm.previous} -> {rfm}"
}

sop pool_recycle "公海回收" for all {
  every 30d Touch where kind in [call, visit] else release to pool   # no follow-up: back to the public pool
}
)strata";
  strata::Diagnostics diags;
  auto rules = strata::compile_text({{"design.strata", text}}, diags);
  INFO(strata::render(diags, *diags.sources()));
  REQUIRE(rules);
  REQUIRE(rules->sops().size() == 2);
  CHECK(rules->sops()[0].targets.size() == 2);
  REQUIRE(rules->obligations().size() == 3);
  CHECK(rules->obligations()[0].text == "respond Touch where kind == ticket within 1h on workdays");
  CHECK(rules->obligations()[2].text == "every 30d Touch where kind in [call, visit]");
}
