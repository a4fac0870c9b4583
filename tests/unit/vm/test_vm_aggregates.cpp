// Event aggregates: every aggregate with and without `where`, customers without events, events
// spread over several chunks, and per-customer values inside filters.
#include <catch2/catch.hpp>

#include <sstream>

#include "vm/eval_helper.hpp"

using strata::testing::column_text;
using strata::testing::evaluate;

namespace {

const char* kRules = R"(
record C key id {
  id: string
  limit: money?
}
events Order of C by cid {
  at: datetime
  amount: money?
  sku: string?
}
param as_of: date = 2026-11-01
)";

const char* kCustomers = "id,limit\nA,100\nB,\nC,5\n";
// Not in time order and not grouped: the loader groups and orders them.
const char* kOrders =
    "cid,at,amount,sku\n"
    "A,2026-10-01T10:00:00,50.5,x\n"
    "B,2025-01-01T00:00:00,7,y\n"
    "A,2026-01-15T09:00:00,200,y\n"
    "A,2026-06-01T12:00:00,,x\n"
    "B,2026-10-31T23:59:59,3,\n";

std::string with(const std::string& body) {
  return std::string(kRules) + body;
}

}  // namespace

TEST_CASE("event aggregates over one customer's events", "[vm][aggregate]") {
  auto r =
      evaluate(with(R"(
let n = count(Order)
let n_amount = count(Order.amount)
let total = sum(Order.amount)
let mean = avg(Order.amount)
let low = min(Order.amount)
let high = max(Order.at)
let earliest = first(Order.amount)
let latest = last(Order.sku)
let kinds = distinct(Order.sku)
)"),
               kCustomers, kOrders,
               {"n", "n_amount", "total", "mean", "low", "high", "earliest", "latest", "kinds"});
  REQUIRE(r.ok);
  CHECK(column_text(r, 0) == std::vector<std::string>{"3", "2", "0"});
  CHECK(column_text(r, 1) == std::vector<std::string>{"2", "2", "0"});
  CHECK(column_text(r, 2) == std::vector<std::string>{"250.5", "10", "0"});
  CHECK(column_text(r, 3) == std::vector<std::string>{"125.25", "5", "none"});
  CHECK(column_text(r, 4) == std::vector<std::string>{"50.5", "3", "none"});
  CHECK(column_text(r, 5) ==
        std::vector<std::string>{"2026-10-01T10:00:00", "2026-10-31T23:59:59", "none"});
  // first/last skip events whose value is missing, in time order.
  CHECK(column_text(r, 6) == std::vector<std::string>{"200", "7", "none"});
  CHECK(column_text(r, 7) == std::vector<std::string>{"x", "y", "none"});
  CHECK(column_text(r, 8) == std::vector<std::string>{"2", "1", "0"});
}

TEST_CASE("where filters, with parameters and per-customer values", "[vm][aggregate]") {
  auto r = evaluate(with(R"(
let recent = count(Order where at > as_of - 90d)
let big = sum(Order.amount where amount > limit)
let since = days_between(max(Order.at), as_of)
)"),
                    kCustomers, kOrders, {"recent", "big", "since"});
  REQUIRE(r.ok);
  CHECK(column_text(r, 0) == std::vector<std::string>{"1", "1", "0"});
  // B has no limit: every comparison is unknown, so nothing is summed.
  CHECK(column_text(r, 1) == std::vector<std::string>{"200", "0", "0"});
  CHECK(column_text(r, 2) == std::vector<std::string>{"31", "1", "none"});
}

TEST_CASE("aggregates agree with a direct computation across many chunks", "[vm][aggregate]") {
  // 3,000 customers with 0..9 orders each: events of one batch span several 1,024-event chunks.
  std::ostringstream customers, orders;
  customers << "id,limit\n";
  orders << "cid,at,amount,sku\n";
  std::vector<long> expected_count, expected_cents;
  for (int c = 0; c < 3000; ++c) {
    customers << "K" << c << ",10\n";
    long count = 0, cents = 0;
    for (int k = 0; k < c % 10; ++k) {
      const long amount_cents = (c * 7 + k * 13) % 5000;
      orders << "K" << c << ",2026-0" << 1 + k % 9 << "-1" << k % 10 << "T08:00:00,"
             << amount_cents / 100 << "." << (amount_cents % 100 < 10 ? "0" : "")
             << amount_cents % 100 << ",s\n";
      if (amount_cents > 1000) {
        ++count;
        cents += amount_cents;
      }
    }
    expected_count.push_back(count);
    expected_cents.push_back(cents);
  }
  auto r = evaluate(with("let n = count(Order where amount > limit)\n"
                         "let total = sum(Order.amount where amount > limit)\n"),
                    customers.str(), orders.str(), {"n", "total"});
  REQUIRE(r.ok);
  const auto n = column_text(r, 0);
  const auto total = column_text(r, 1);
  for (int c = 0; c < 3000; ++c) {
    INFO("customer K" << c);
    CHECK(n[c] == std::to_string(expected_count[c]));
    const strata::Decimal want =
        strata::Decimal::from_units(static_cast<strata::Decimal::Rep>(expected_cents[c]) * 10'000);
    CHECK(total[c] == want.to_string());
  }
}
