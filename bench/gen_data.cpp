// strata_gen: a deterministic generator of customer and order data for the retail rule set.
//
// Writes DIR/customers.csv (id,name,industry,employees,owner,signed_on,nps,revenue) and
// DIR/orders.csv (customer_id,at,amount) shaped so that every tier of rules/retail (RFM, value
// pyramid, lifecycle) gets customers: some customers never ordered, some stopped long ago, some
// started recently, and spend is heavy-tailed. With --bad-rows K it also writes
// DIR/customers_bad.csv, the same customers with K rows replaced by deliberately bad ones.
//
// Determinism: the same flags give byte-identical files on every platform. Each customer draws
// from its own xoshiro256** stream seeded from (seed, customer number), and all arithmetic on
// amounts and times is integer arithmetic, so neither the standard library's distributions nor
// libm rounding can change the output.
//
// Speed and memory: rows are formatted by hand into a large buffer written with fwrite. Orders
// are produced for a block of customers at a time and written in time order within the block
// (so orders.csv is not grouped by customer, as a real export would not be); memory is bounded
// by the block, independent of --customers.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gen_output.hpp"
#include "gen_random.hpp"
#include "gen_vocabulary.hpp"
#include "strata/time.hpp"

namespace {

using namespace strata::gen;
namespace timeutil = strata::timeutil;

constexpr std::int64_t kHistoryDays = 3 * 365;  // orders fall in the 3 years before as_of
constexpr std::size_t kBlockCustomers = 512;    // customers whose orders are merged in time order

// ---- the model of a customer --------------------------------------------------------------------

struct Options {
  std::uint64_t customers = 0;
  std::uint64_t orders_milli = 8000;  // average orders per customer, in thousandths
  std::uint64_t seed = 1;
  std::int64_t as_of = 0;  // days since 1970
  std::string out_dir;
  std::uint64_t bad_rows = 0;
  std::uint64_t one_time_permille = 0;  // of the customers with orders, those with exactly one
  std::uint64_t touches_milli = 0;      // average activity-log rows per customer, in thousandths
};

struct OrderRow {
  std::int64_t at;  // seconds since 1970
  std::uint32_t customer;
  std::int32_t cents;  // at most 30,000 << 9 * 1.6 + 99, far below 2^31
  // All fields take part, so the order of equal rows never depends on the sort algorithm.
  friend bool operator<(const OrderRow& a, const OrderRow& b) {
    if (a.at != b.at) return a.at < b.at;
    if (a.customer != b.customer) return a.customer < b.customer;
    return a.cents < b.cents;
  }
};

// A time of day in seconds, mostly during business hours.
std::int64_t time_of_day(Rng& rng) {
  // One draw per statement: the order in which operands of `+` are evaluated is unspecified,
  // and the output must not depend on the compiler.
  const std::int64_t hour = rng.chance(900) ? rng.between(8, 19) : rng.between(0, 23);
  const std::int64_t minute = rng.between(0, 59);
  const std::int64_t second = rng.chance(300) ? rng.between(0, 59) : 0;
  return hour * 3600 + minute * 60 + second;
}

// Order count multiplier in thousandths of the average: most customers buy rarely, a few very
// often. The buckets' mean is 1292.5 thousandths, which the caller divides out.
std::uint64_t order_multiplier(Rng& rng) {
  const auto roll = rng.below(1000);
  std::int64_t m;
  if (roll < 300)
    m = rng.between(50, 400);
  else if (roll < 650)
    m = rng.between(400, 1000);
  else if (roll < 850)
    m = rng.between(1000, 2000);
  else if (roll < 950)
    m = rng.between(2000, 4000);
  else if (roll < 990)
    m = rng.between(4000, 8000);
  else
    m = rng.between(8000, 20000);
  return static_cast<std::uint64_t>(m);
}

// Generates one customer: writes its row (and its bad twin when asked) and appends its orders.
class CustomerMaker {
 public:
  explicit CustomerMaker(const Options& options) : opt_(options) {
    id_width_ = 5;
    for (std::uint64_t n = opt_.customers, w = 0; n != 0; n /= 10)
      id_width_ = std::max(++w, id_width_);
    window_start_ = (opt_.as_of - 365) * kSecondsPerDay;
  }

  std::uint64_t id_width() const { return id_width_; }

  // Customer number `n` (1-based). `bad_kind` < 0 for a good row in customers_bad.csv.
  void make(std::uint64_t n, Output& customers, Output* bad, int bad_kind,
            std::vector<OrderRow>& orders) {
    // Per-customer stream: the data of one customer does not depend on any other's.
    Rng rng(opt_.seed * 0x9E3779B97F4A7C15ull ^ (n * 0xD1B54A32D192ED03ull));

    const std::size_t industry = pick_cumulative(rng, kIndustryCumulative);
    make_name(rng, industry, name_);

    // Order history: first and last order as days before as_of (always >= 1, so every order is
    // before as_of), chosen so that each lifecycle stage is well populated.
    std::int64_t first_ago = 0, last_ago = 0;
    std::uint64_t count = 0;
    const bool prospect = rng.chance(40);
    if (!prospect) {
      first_ago = rng.chance(100) ? rng.between(1, 90) : rng.between(91, kHistoryDays);
      const auto status = rng.below(1000);
      if (status < 200 && first_ago > 365)
        last_ago = rng.between(366, first_ago);  // churned
      else if (status < 330 && first_ago > 180)
        last_ago = rng.between(181, std::min<std::int64_t>(365, first_ago));  // dormant
      else
        last_ago = rng.between(1, std::min<std::int64_t>(150, first_ago));  // active
      count = (opt_.orders_milli * order_multiplier(rng) + 646'250) / 1'292'500;
      count = std::max<std::uint64_t>(count, 1);
      // One-time buyers: a single order, on the day of the last one. Drawn only when asked
      // for, so that without --one-time-buyers the output stays byte for byte the same.
      if (opt_.one_time_permille > 0 && rng.chance(static_cast<unsigned>(opt_.one_time_permille))) {
        count = 1;
        first_ago = last_ago;
      }
    }

    // Spend per order: heavy-tailed, 300 yuan doubled a geometric number of times.
    const std::int64_t scale_cents = 30'000LL << rng.doublings(480, 9);

    // The customer row.
    const bool has_employees = !rng.chance(50);
    // Draws happen one per statement, in a fixed order (see time_of_day).
    const std::int64_t employees_base = rng.between(3, 20);
    const std::int64_t employees = employees_base << rng.doublings(550, 10);
    const bool has_signed = !rng.chance(50);
    const std::int64_t signed_on =
        prospect ? opt_.as_of - rng.between(1, 730) : opt_.as_of - first_ago - rng.between(0, 120);
    const bool has_nps = !rng.chance(50);
    const std::size_t nps = pick_cumulative(rng, kNpsCumulative);
    const std::int64_t revenue_yuan = rng.between(200'000, 2'000'000);
    const int revenue_doublings = rng.doublings(500, 14);
    const std::int64_t revenue = (revenue_yuan << revenue_doublings) * 100 + rng.between(0, 99);
    const std::string_view owner = rng.pick(kOwners);

    write_customer(customers, n, industry, has_employees, employees, owner, has_signed, signed_on,
                   has_nps, nps, revenue, -1);
    if (bad != nullptr) {
      write_customer(*bad, n, industry, has_employees, employees, owner, has_signed, signed_on,
                     has_nps, nps, revenue, bad_kind);
    }

    // Orders: the first and last at their chosen days, the rest uniformly in between.
    if (count == 0) return;
    std::int64_t from = (opt_.as_of - first_ago) * kSecondsPerDay + time_of_day(rng);
    std::int64_t to = (opt_.as_of - last_ago) * kSecondsPerDay + time_of_day(rng);
    if (to < from) std::swap(from, to);  // first and last on the same day
    const std::size_t first_row = orders.size();
    for (std::uint64_t i = 0; i < count; ++i) {
      std::int64_t at = i == 0 ? from : i == 1 ? to : rng.between(from, to);
      // A few orders exactly at as_of - window test that the window is strict (at > start).
      if (i >= 2 && rng.chance(2) && window_start_ >= from && window_start_ <= to) {
        at = window_start_;
      }
      const std::int64_t per_mille = rng.between(400, 1600);
      const std::int64_t cents = scale_cents * per_mille / 1000 + rng.between(0, 99);
      orders.push_back({at, static_cast<std::uint32_t>(n), static_cast<std::int32_t>(cents)});
    }
    if (rng.chance(5)) spend_exactly_a_threshold(orders, first_row);
  }

 private:
  // Adjusts one order in the window so that the window's total is exactly one of the default
  // monetary thresholds of rules/retail (5,000, 20,000 and 100,000), where `>=` and `>` differ.
  void spend_exactly_a_threshold(std::vector<OrderRow>& orders, std::size_t first_row) const {
    static constexpr std::array<std::int64_t, 3> kThresholdCents = {500'000, 2'000'000, 10'000'000};
    std::int64_t total = 0;
    OrderRow* adjust = nullptr;
    for (std::size_t i = first_row; i < orders.size(); ++i) {
      if (orders[i].at <= window_start_) continue;
      total += orders[i].cents;
      adjust = &orders[i];
    }
    if (adjust == nullptr) return;
    const std::int64_t others = total - adjust->cents;
    for (const std::int64_t threshold : kThresholdCents) {
      if (threshold > others) {
        adjust->cents = static_cast<std::int32_t>(threshold - others);
        return;
      }
    }
  }

  void write_customer(Output& out, std::uint64_t n, std::size_t industry, bool has_employees,
                      std::int64_t employees, std::string_view owner, bool has_signed,
                      std::int64_t signed_on, bool has_nps, std::size_t nps, std::int64_t revenue,
                      int bad_kind) {
    out.ch('C');
    out.padded(n, static_cast<int>(id_width_));
    out.ch(',');
    out.csv_field(name_);
    out.ch(',');
    out.text(bad_kind == 2 ? std::string_view("aerospace") : kIndustries[industry]);
    out.ch(',');
    if (has_employees) out.uint(static_cast<std::uint64_t>(employees));
    out.ch(',');
    out.csv_field(owner);
    out.ch(',');
    if (has_signed) out.date(signed_on);
    out.ch(',');
    if (bad_kind == 1)
      out.text("11");
    else if (has_nps)
      out.uint(nps);
    if (bad_kind != 3) {  // kind 3 drops the last field: a row with the wrong field count
      out.ch(',');
      if (bad_kind == 0)
        out.text("12.34.56");
      else
        out.cents(revenue);
    }
    out.row_done();
  }

  const Options& opt_;
  std::uint64_t id_width_;
  std::int64_t window_start_;
  std::string name_;
};

// The activity log of rules/service-sop (touches.csv): tickets with their first response, calls,
// visits and e-mails in the 180 days before as_of. Drawn from a stream of its own, so asking for
// it leaves customers.csv and orders.csv byte-identical.
void make_touches(const Options& opt, std::uint64_t n, std::uint64_t id_width, Output& out) {
  Rng rng(opt.seed * 0xA0761D6478BD642Full ^ (n * 0xE7037ED1A0B428DBull));
  const std::uint64_t count =
      rng.between(0, static_cast<std::int64_t>(2 * opt.touches_milli)) / 1000;
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::int64_t at = (opt.as_of - rng.between(1, 180)) * kSecondsPerDay + time_of_day(rng);
    const auto roll = rng.below(100);
    const std::string_view kind = roll < 25   ? "ticket"
                                  : roll < 55 ? "call"
                                  : roll < 70 ? "visit"
                                              : "email";
    out.ch('C');
    out.padded(n, static_cast<int>(id_width));
    out.ch(',');
    out.datetime(at);
    out.ch(',');
    out.text(kind);
    out.ch(',');
    if (kind == "visit") {
      const auto level = rng.below(10);
      out.text(level < 2 ? "executive" : level < 6 ? "manager" : "staff");
    }
    out.ch(',');
    if (kind == "ticket" && !rng.chance(200)) out.datetime(at + rng.between(300, 8 * 3600));
    out.row_done();
  }
}

constexpr std::array<std::string_view, 4> kBadReasons = {
    "revenue is not a decimal (12.34.56)", "nps 11 is outside 0..10",
    "industry aerospace is not a member of the enum", "7 fields instead of 8 (revenue missing)"};

// ---- command line -------------------------------------------------------------------------------

constexpr std::string_view kUsage = R"(usage: strata_gen --customers N --out DIR [options]

Writes DIR/customers.csv and DIR/orders.csv for the retail sample rules (rules/retail).
The same options always give the same bytes.

options:
  --customers N              number of customers (required, 1..100000000)
  --out DIR                  output folder, created when missing (required)
  --orders-per-customer AVG  average orders per customer, e.g. 8 or 2.5 (default 8)
  --seed S                   random seed, an unsigned integer (default 1)
  --as-of YYYY-MM-DD         evaluation date; orders fall in the 3 years before it
                             (default 2026-11-01)
  --touches-per-customer AVG also write DIR/touches.csv, the activity log of rules/service-sop
                             (tickets, calls, visits, e-mails), AVG rows per customer on average
  --bad-rows K               also write DIR/customers_bad.csv with K rows made bad
                             (bad decimal, nps out of range, unknown industry, wrong field count)
  --one-time-buyers PCT      make this percentage of the customers with orders one-time
                             buyers (one order), e.g. 40 or 12.5; others may have one order
                             too (default 0)
  --help                     show this help
)";

[[noreturn]] void usage_error(std::string_view message) {
  fmt::print(stderr, "strata_gen: {}\n(run strata_gen --help for the options)\n", message);
  std::exit(2);
}

std::optional<std::uint64_t> parse_uint(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

// "8", "2.5", "0.125" -> thousandths.
std::optional<std::uint64_t> parse_milli(std::string_view text) {
  const auto dot = text.find('.');
  const auto whole = parse_uint(text.substr(0, dot));
  if (!whole || *whole > 1'000'000) return std::nullopt;
  std::uint64_t milli = *whole * 1000;
  if (dot != std::string_view::npos) {
    const std::string_view frac = text.substr(dot + 1);
    if (frac.empty() || frac.size() > 3 || !parse_uint(frac)) return std::nullopt;
    std::uint64_t f = *parse_uint(frac);
    for (std::size_t i = frac.size(); i < 3; ++i) f *= 10;
    milli += f;
  }
  return milli;
}

Options parse_options(int argc, char** argv) {
  Options opt;
  opt.as_of = timeutil::days_from_civil(2026, 11, 1);
  bool have_customers = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      fmt::print("{}", kUsage);
      std::exit(0);
    }
    // Both "--flag value" and "--flag=value".
    std::string_view value;
    bool inline_value = false;
    if (const auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      inline_value = true;
    }
    auto take_value = [&]() -> std::string_view {
      if (inline_value) return value;
      if (i + 1 >= argc) usage_error(fmt::format("{} needs a value", arg));
      return argv[++i];
    };
    if (arg == "--customers") {
      const auto v = parse_uint(take_value());
      if (!v || *v < 1 || *v > 100'000'000) usage_error("--customers must be 1..100000000");
      opt.customers = *v;
      have_customers = true;
    } else if (arg == "--orders-per-customer") {
      const auto v = parse_milli(take_value());
      if (!v) usage_error("--orders-per-customer must be a number like 8 or 2.5");
      opt.orders_milli = *v;
    } else if (arg == "--seed") {
      const auto v = parse_uint(take_value());
      if (!v) usage_error("--seed must be an unsigned integer");
      opt.seed = *v;
    } else if (arg == "--as-of") {
      const auto v = timeutil::parse_date(take_value());
      if (!v || timeutil::civil_from_days(*v).year < 1900)
        usage_error("--as-of must be a date like 2026-11-01");
      opt.as_of = *v;
    } else if (arg == "--out") {
      opt.out_dir = std::string(take_value());
      if (opt.out_dir.empty()) usage_error("--out must not be empty");
    } else if (arg == "--touches-per-customer") {
      const auto v = parse_milli(take_value());
      if (!v) usage_error("--touches-per-customer must be a number like 20 or 2.5");
      opt.touches_milli = *v;
    } else if (arg == "--bad-rows") {
      const auto v = parse_uint(take_value());
      if (!v) usage_error("--bad-rows must be an unsigned integer");
      opt.bad_rows = *v;
    } else if (arg == "--one-time-buyers") {
      const auto v = parse_milli(take_value());
      if (!v || *v > 100'000 || *v % 100 != 0)
        usage_error("--one-time-buyers must be a percentage from 0 to 100, e.g. 40 or 12.5");
      opt.one_time_permille = *v / 100;
    } else {
      usage_error(fmt::format("unknown argument '{}'", arg));
    }
  }
  if (!have_customers) usage_error("--customers is required");
  if (opt.out_dir.empty()) usage_error("--out is required");
  if (opt.bad_rows > opt.customers) usage_error("--bad-rows cannot exceed --customers");
  return opt;
}

// Customer numbers made bad in customers_bad.csv: spread evenly, kinds in rotation.
int bad_kind_of(const Options& opt, std::uint64_t n, std::uint64_t& next_bad, std::uint64_t& made) {
  if (made >= opt.bad_rows || n != next_bad) return -1;
  const int kind = static_cast<int>(made % kBadReasons.size());
  ++made;
  next_bad = (made + 1) * opt.customers / (opt.bad_rows + 1);
  if (next_bad <= n) next_bad = n + 1;
  return kind;
}

void write_orders(Output& out, std::vector<OrderRow>& orders, std::uint64_t id_width) {
  std::sort(orders.begin(), orders.end());
  for (const OrderRow& o : orders) {
    out.ch('C');
    out.padded(o.customer, static_cast<int>(id_width));
    out.ch(',');
    out.datetime(o.at);
    out.ch(',');
    out.cents(o.cents);
    out.row_done();
  }
  orders.clear();
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse_options(argc, argv);
  const auto started = std::chrono::steady_clock::now();

  std::error_code ec;
  std::filesystem::create_directories(opt.out_dir, ec);
  if (ec) {
    fmt::print(stderr, "strata_gen: cannot create {}: {}\n", opt.out_dir, ec.message());
    return 1;
  }
  const std::filesystem::path dir(opt.out_dir);

  Output customers((dir / "customers.csv").string());
  Output orders((dir / "orders.csv").string());
  std::optional<Output> bad;
  if (opt.bad_rows > 0) bad.emplace((dir / "customers_bad.csv").string());
  std::optional<Output> touches;
  if (opt.touches_milli > 0) {
    touches.emplace((dir / "touches.csv").string());
    touches->text("customer_id,at,kind,level,answered_at\n");
  }

  constexpr std::string_view kCustomerHeader =
      "id,name,industry,employees,owner,signed_on,nps,revenue\n";
  customers.text(kCustomerHeader);
  if (bad) bad->text(kCustomerHeader);
  orders.text("customer_id,at,amount\n");

  CustomerMaker maker(opt);
  std::vector<OrderRow> block_orders;
  std::uint64_t next_bad = opt.customers / (opt.bad_rows + 1);
  if (next_bad == 0) next_bad = 1;
  std::uint64_t bad_made = 0;
  std::vector<std::string> bad_notes;

  for (std::uint64_t n = 1; n <= opt.customers; ++n) {
    const int kind = bad ? bad_kind_of(opt, n, next_bad, bad_made) : -1;
    if (kind >= 0) {
      // Line numbers count the header as line 1.
      bad_notes.push_back(fmt::format("customers_bad.csv:{}: C{:0{}}: {}", n + 1, n,
                                      maker.id_width(),
                                      kBadReasons[static_cast<std::size_t>(kind)]));
    }
    maker.make(n, customers, bad ? &*bad : nullptr, kind, block_orders);
    if (touches) make_touches(opt, n, maker.id_width(), *touches);
    if (n % kBlockCustomers == 0) write_orders(orders, block_orders, maker.id_width());
  }
  write_orders(orders, block_orders, maker.id_width());

  customers.close();
  orders.close();
  if (bad) bad->close();
  if (touches) touches->close();

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::uint64_t rows = customers.rows() + orders.rows();
  for (const auto& note : bad_notes) fmt::print("{}\n", note);
  fmt::print(stderr,
             "strata_gen: {} customers ({} bytes), {} orders ({} bytes) in {:.2f} s, "
             "{:.0f} rows/s\n",
             customers.rows(), customers.bytes(), orders.rows(), orders.bytes(), seconds,
             seconds > 0 ? static_cast<double>(rows) / seconds : 0.0);
  return 0;
}
