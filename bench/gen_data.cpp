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

namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;
constexpr std::int64_t kHistoryDays = 3 * 365;  // orders fall in the 3 years before as_of
constexpr std::size_t kBlockCustomers = 512;    // customers whose orders are merged in time order

// ---- random numbers -----------------------------------------------------------------------------

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// xoshiro256** (Blackman and Vigna): small, fast, and specified exactly, unlike std:: engines'
// distributions.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& word : s_) word = splitmix64(seed);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n). The modulo bias (n / 2^64) is far below anything the data could show.
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  // Uniform in [lo, hi], inclusive.
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  // True with probability per_mille / 1000.
  bool chance(unsigned per_mille) { return below(1000) < per_mille; }
  // Number of successes before the first failure, each with probability per_mille / 1000:
  // a geometric tail used for heavy-tailed sizes (each step doubles the size).
  int doublings(unsigned per_mille, int cap) {
    int k = 0;
    while (k < cap && chance(per_mille)) ++k;
    return k;
  }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[below(N)];
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

// ---- dates --------------------------------------------------------------------------------------

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

std::optional<std::int64_t> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t count) -> std::optional<unsigned> {
    unsigned value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return value;
  };
  const auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (!y || !m || !d || *y < 1900 || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
  // Reject 2026-02-30 by checking that the day survives a round trip.
  const std::int64_t days = days_from_civil(*y, *m, *d);
  const Civil back = civil_from_days(days);
  if (back.month != *m || back.day != *d) return std::nullopt;
  return days;
}

// ---- output -------------------------------------------------------------------------------------

// A file written through a large buffer. Every append assumes room for one row; the caller
// calls row_done() after each row, which flushes when the buffer is nearly full.
class Output {
 public:
  static constexpr std::size_t kCapacity = 1 << 22;
  static constexpr std::size_t kRowReserve = 1 << 12;  // far more than any generated row

  Output(std::string path) : path_(std::move(path)), buffer_(kCapacity) {
    file_ = std::fopen(path_.c_str(), "wb");
    if (file_ == nullptr) fail("cannot create");
  }
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  ~Output() {
    if (file_ != nullptr) std::fclose(file_);
  }

  void text(std::string_view s) {
    std::copy(s.begin(), s.end(), buffer_.data() + used_);
    used_ += s.size();
  }
  void ch(char c) { buffer_[used_++] = c; }
  void uint(std::uint64_t v) {
    char tmp[20];
    int n = 0;
    do {
      tmp[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n > 0) buffer_[used_++] = tmp[--n];
  }
  // Zero-padded to `width` digits (wider values are written in full).
  void padded(std::uint64_t v, int width) {
    char tmp[20];
    int n = 0;
    do {
      tmp[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n < width) tmp[n++] = '0';
    while (n > 0) buffer_[used_++] = tmp[--n];
  }
  // Exactly two digits, 0..99.
  void two(unsigned v) {
    buffer_[used_++] = static_cast<char>('0' + v / 10);
    buffer_[used_++] = static_cast<char>('0' + v % 10);
  }
  // An amount of cents as a decimal with exactly two places: 123456 -> "1234.56".
  void cents(std::int64_t v) {
    if (v < 0) {
      ch('-');
      v = -v;
    }
    uint(static_cast<std::uint64_t>(v / 100));
    ch('.');
    two(static_cast<unsigned>(v % 100));
  }
  // Orders are written in time order, so consecutive rows often share a day: keep its text.
  void date(std::int64_t days) {
    if (days != cached_day_) {
      const Civil c = civil_from_days(days);
      const auto year = static_cast<unsigned>(c.year);
      char* d = cached_date_.data();
      d[0] = static_cast<char>('0' + year / 1000 % 10);
      d[1] = static_cast<char>('0' + year / 100 % 10);
      d[2] = static_cast<char>('0' + year / 10 % 10);
      d[3] = static_cast<char>('0' + year % 10);
      d[4] = '-';
      d[5] = static_cast<char>('0' + c.month / 10);
      d[6] = static_cast<char>('0' + c.month % 10);
      d[7] = '-';
      d[8] = static_cast<char>('0' + c.day / 10);
      d[9] = static_cast<char>('0' + c.day % 10);
      cached_day_ = days;
    }
    text(std::string_view(cached_date_.data(), cached_date_.size()));
  }
  void datetime(std::int64_t seconds) {
    const std::int64_t days = seconds / kSecondsPerDay;  // generated times are after 1970
    const auto rest = static_cast<unsigned>(seconds % kSecondsPerDay);
    date(days);
    ch('T');
    two(rest / 3600);
    ch(':');
    two(rest / 60 % 60);
    ch(':');
    two(rest % 60);
  }
  // A CSV field quoted as RFC 4180 asks: only when it holds a comma, quote or line break, with
  // quotes doubled.
  void csv_field(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return text(s);
    ch('"');
    for (char c : s) {
      if (c == '"') ch('"');
      ch(c);
    }
    ch('"');
  }
  void row_done() {
    ch('\n');
    ++rows_;
    if (used_ > kCapacity - kRowReserve) flush();
  }
  void close() {
    flush();
    if (std::fclose(file_) != 0) fail("cannot finish writing");
    file_ = nullptr;
  }
  std::uint64_t rows() const { return rows_; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  void flush() {
    if (used_ != 0 && std::fwrite(buffer_.data(), 1, used_, file_) != used_) fail("cannot write");
    bytes_ += used_;
    used_ = 0;
  }
  [[noreturn]] void fail(const char* what) const {
    fmt::print(stderr, "strata_gen: {} {}\n", what, path_);
    std::exit(1);
  }

  std::string path_;
  std::FILE* file_ = nullptr;
  std::vector<char> buffer_;
  std::size_t used_ = 0;
  std::uint64_t rows_ = 0;
  std::uint64_t bytes_ = 0;
  std::int64_t cached_day_ = -1;
  std::array<char, 10> cached_date_{};
};

// ---- vocabulary ---------------------------------------------------------------------------------

constexpr std::array<std::string_view, 7> kIndustries = {
    "ict", "manufacturing", "retail", "education", "logistics", "healthcare", "other"};
// Cumulative weights (per mille) of the industries above.
constexpr std::array<unsigned, 7> kIndustryCumulative = {220, 420, 620, 720, 820, 920, 1000};

constexpr std::array<std::string_view, 16> kCities = {
    "北京", "上海", "深圳", "广州", "杭州", "成都", "武汉", "南京",
    "苏州", "西安", "天津", "重庆", "青岛", "厦门", "长沙", "宁波"};
constexpr std::array<std::string_view, 32> kSyllables = {
    "华", "腾", "瑞", "鑫", "恒", "达", "信", "安", "宏", "远", "泰", "博", "创", "智", "联", "新",
    "嘉", "盛", "通", "海", "天", "云", "星", "中", "汇", "德", "润", "佳", "优", "凯", "航", "邦"};
// Business words by industry, in kIndustries order.
constexpr std::array<std::array<std::string_view, 3>, 7> kChineseTrades = {{
    {"科技", "信息技术", "网络科技"},
    {"机械制造", "精密工业", "电子"},
    {"商贸", "百货", "零售连锁"},
    {"教育科技", "培训学校", "文化教育"},
    {"物流", "供应链管理", "货运代理"},
    {"医疗器械", "健康科技", "医药"},
    {"实业", "文化传媒", "咨询"},
}};
constexpr std::array<std::string_view, 4> kChineseSuffixes = {"有限公司", "股份有限公司",
                                                              "有限责任公司", "集团有限公司"};

constexpr std::array<std::string_view, 16> kBrands = {
    "Acme",    "Northwind", "Contoso", "Fabrikam",   "Summit", "Pioneer", "Evergreen", "Bluewave",
    "Redwood", "Lakeside",  "Orion",   "Silverline", "Harbor", "Apex",    "Granite",   "Sunrise"};
constexpr std::array<std::array<std::string_view, 2>, 7> kEnglishTrades = {{
    {"Systems", "Software"},
    {"Manufacturing", "Industries"},
    {"Retail", "Stores"},
    {"Learning", "Academy"},
    {"Logistics", "Freight"},
    {"Health", "Medical"},
    {"Holdings", "Consulting"},
}};
// Several suffixes contain a comma, so names exercise CSV quoting.
constexpr std::array<std::string_view, 5> kEnglishSuffixes = {"Ltd", "Inc.", "Co., Ltd.", "Group",
                                                              "Pte. Ltd."};
constexpr std::array<std::string_view, 6> kSurnames = {"Smith", "Chen", "Wang",
                                                       "Jones", "Li",   "Garcia"};

constexpr std::array<std::string_view, 20> kOwners = {
    "张伟",       "王芳",     "李娜",      "刘洋",        "陈静",      "杨磊",    "赵敏",
    "黄强",       "周杰",     "吴婷",      "徐明",        "孙丽",      "马超",    "朱琳",
    "Alice Wang", "Bob Chen", "Carol Liu", "David Zhang", "Emma Zhou", "Frank Wu"};

// NPS answers lean positive, as survey answers do (cumulative per mille for 0..10).
constexpr std::array<unsigned, 11> kNpsCumulative = {20,  40,  65,  95,  135, 200,
                                                     280, 420, 620, 830, 1000};

std::size_t pick_cumulative(Rng& rng, const auto& cumulative) {
  const auto roll = static_cast<unsigned>(rng.below(1000));
  std::size_t i = 0;
  while (roll >= cumulative[i]) ++i;
  return i;
}

void make_name(Rng& rng, std::size_t industry, std::string& out) {
  out.clear();
  const auto roll = rng.below(1000);
  if (roll < 700) {  // 深圳市华腾科技有限公司
    out += rng.pick(kCities);
    if (rng.chance(600)) out += "市";
    out += rng.pick(kSyllables);
    out += rng.pick(kSyllables);
    out += kChineseTrades[industry][rng.below(3)];
    out += rng.pick(kChineseSuffixes);
  } else if (roll < 940) {  // Northwind Logistics Co., Ltd.
    out += rng.pick(kBrands);
    out += ' ';
    out += kEnglishTrades[industry][rng.below(2)];
    out += ' ';
    out += rng.pick(kEnglishSuffixes);
  } else if (roll < 975) {  // Smith, Chen & Partners
    out += rng.pick(kSurnames);
    out += ", ";
    out += rng.pick(kSurnames);
    out += " & Partners";
  } else {  // The "Orion" Trading Company / 华腾 "Star" 商贸有限公司
    if (rng.chance(500)) {
      out += "The \"";
      out += rng.pick(kBrands);
      out += "\" ";
      out += kEnglishTrades[industry][rng.below(2)];
      out += " Company";
    } else {
      out += rng.pick(kSyllables);
      out += rng.pick(kSyllables);
      out += " \"";
      out += rng.pick(kBrands);
      out += "\" ";
      out += kChineseTrades[industry][rng.below(3)];
      out += rng.pick(kChineseSuffixes);
    }
  }
}

// ---- the model of a customer --------------------------------------------------------------------

struct Options {
  std::uint64_t customers = 0;
  std::uint64_t orders_milli = 8000;  // average orders per customer, in thousandths
  std::uint64_t seed = 1;
  std::int64_t as_of = 0;  // days since 1970
  std::string out_dir;
  std::uint64_t bad_rows = 0;
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
  --bad-rows K               also write DIR/customers_bad.csv with K rows made bad
                             (bad decimal, nps out of range, unknown industry, wrong field count)
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
  opt.as_of = days_from_civil(2026, 11, 1);
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
      const auto v = parse_date(take_value());
      if (!v) usage_error("--as-of must be a date like 2026-11-01");
      opt.as_of = *v;
    } else if (arg == "--out") {
      opt.out_dir = std::string(take_value());
      if (opt.out_dir.empty()) usage_error("--out must not be empty");
    } else if (arg == "--bad-rows") {
      const auto v = parse_uint(take_value());
      if (!v) usage_error("--bad-rows must be an unsigned integer");
      opt.bad_rows = *v;
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
    if (n % kBlockCustomers == 0) write_orders(orders, block_orders, maker.id_width());
  }
  write_orders(orders, block_orders, maker.id_width());

  customers.close();
  orders.close();
  if (bad) bad->close();

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
