// Every statistic over all customers against a reference computed here from the definitions in
// docs/language.md, written independently of the engine: plain sorts with explicit comparisons,
// rationals rounded by hand, buckets dealt out one by one. Data has ties, missing values, keys in
// an order unrelated to the file order, and values that need exact decimals.
#include <catch2/catch.hpp>

#include <algorithm>
#include <boost/multiprecision/cpp_int.hpp>
#include <map>
#include <random>

#include "vm/eval_helper.hpp"

using strata::testing::column_text;
using strata::testing::evaluate;
namespace mp = boost::multiprecision;

namespace {

const char* kRules = R"(
record C key id {
  id: string
  x:  money?
  k:  int?
}
let n_all = count()
let n_x = count(x)
let n_big = count(x > 50)
let s = sum(x)
let a = avg(x)
let lo = min(x)
let hi = max(x)
let sd = stddev(x)
let med = median(x)
let p37 = percentile(x, 37%)
let nt = ntile(x, 7)
let r = rank(x)
let pr = percent_rank(x)
let cs = cumulative_share(x)
let sk = sum(k)
let ak = avg(k)
let sdk = stddev(k)
let medk = median(k)
let qk = quintile(k)
let rk = rank(k)
let csk = cumulative_share(k)
)";

const std::vector<std::string> kColumns = {"n_all", "n_x", "n_big", "s",    "a",  "lo", "hi",
                                           "sd",    "med", "p37",   "nt",   "r",  "pr", "cs",
                                           "sk",    "ak",  "sdk",   "medk", "qk", "rk", "csk"};

struct Customer {
  std::string id;
  std::optional<std::int64_t> cents;  // x in hundredths
  std::optional<std::int64_t> k;
};

std::string units_text(mp::cpp_int units) {  // a decimal in millionths, shortest form
  const bool negative = units < 0;
  if (negative) units = -units;
  std::string digits = units.str();
  while (digits.size() < 7) digits.insert(digits.begin(), '0');
  std::string whole = digits.substr(0, digits.size() - 6), frac = digits.substr(digits.size() - 6);
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return (negative && units != 0 ? "-" : "") + whole + (frac.empty() ? "" : "." + frac);
}

// num / den in millionths, rounded half away from zero.
mp::cpp_int round_units(mp::cpp_int num, mp::cpp_int den) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  mp::cpp_int scaled = num * 1'000'000;
  mp::cpp_int q = scaled / den, rest = scaled % den;
  if (rest * 2 >= den) ++q;
  if (-rest * 2 >= den) --q;
  return q;
}

struct Reference {
  std::map<std::string, std::vector<std::string>> columns;
};

// The statistics of one argument: `value(i)` in `scale` units per 1 (100 for cents, 1 for ints).
void reference_for(const std::vector<Customer>& cs,
                   const std::function<std::optional<std::int64_t>(const Customer&)>& value,
                   std::int64_t scale, bool money, std::map<std::string, std::string>& scalars,
                   std::map<std::string, std::vector<std::string>>& per_customer,
                   const std::string& suffix) {
  std::vector<std::size_t> present;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (value(cs[i])) present.push_back(i);
  }
  const std::size_t n = present.size();
  auto v = [&](std::size_t i) { return *value(cs[i]); };
  auto to_units = [&](mp::cpp_int x) { return x * (1'000'000 / scale); };
  (void)money;
  mp::cpp_int total = 0;
  for (std::size_t i : present) total += v(i);
  scalars["s" + suffix] = n ? units_text(to_units(total)) : "none";
  scalars["a" + suffix] = n ? units_text(round_units(total, mp::cpp_int(n) * scale)) : "none";
  // Population standard deviation: the engine's value r must be the nearest millionth, i.e.
  // (r - 1/2)^2 <= variance < (r + 1/2)^2 in millionths, checked exactly.
  mp::cpp_int sq = 0;
  for (std::size_t i : present) sq += mp::cpp_int(v(i)) * v(i);
  const mp::cpp_int spread = mp::cpp_int(n) * sq - total * total;  // n^2 * variance * scale^2
  scalars["sd_check" + suffix] = spread.str();
  // Ascending by value, ties by key (the key's bytes).
  std::vector<std::size_t> order = present;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (v(a) != v(b)) return v(a) < v(b);
    return cs[a].id < cs[b].id;
  });
  // Percentiles, type 7: h = (n - 1) p.
  auto percentile = [&](std::int64_t p_num, std::int64_t p_den) -> std::string {
    if (n == 0) return "none";
    const mp::cpp_int h_num = mp::cpp_int(n - 1) * p_num;
    const auto low = static_cast<std::size_t>(h_num / p_den);
    const mp::cpp_int frac_num = h_num % p_den;
    mp::cpp_int base = to_units(v(order[low]));
    if (frac_num == 0) return units_text(base);
    const mp::cpp_int diff = to_units(v(order[low + 1]) - v(order[low]));
    return units_text(base + round_units(frac_num * diff, mp::cpp_int(p_den) * 1'000'000));
  };
  scalars["med" + suffix] = percentile(1, 2);
  scalars["p37" + suffix] = percentile(37, 100);
  // Buckets dealt out in order: the first n % k buckets get one more.
  auto ntile = [&](std::size_t k) {
    std::vector<std::string> out(cs.size(), "none");
    std::size_t pos = 0;
    for (std::size_t b = 1; b <= k; ++b) {
      const std::size_t size = n / k + (b <= n % k ? 1 : 0);
      for (std::size_t j = 0; j < size; ++j) out[order[pos++]] = std::to_string(b);
    }
    return out;
  };
  per_customer["nt" + suffix] = ntile(7);
  per_customer["q" + suffix] = ntile(5);
  std::vector<std::string> rank(cs.size(), "none"), prank(cs.size(), "none"),
      share(cs.size(), "none");
  for (std::size_t i : present) {
    std::size_t smaller = 0;
    for (std::size_t j : present) smaller += v(j) < v(i);
    rank[i] = std::to_string(smaller + 1);
    prank[i] = n == 1 ? "0" : units_text(round_units(smaller, n - 1));
  }
  // Largest first, ties by key; running sum over total.
  std::vector<std::size_t> desc = present;
  std::sort(desc.begin(), desc.end(), [&](std::size_t a, std::size_t b) {
    if (v(a) != v(b)) return v(a) > v(b);
    return cs[a].id < cs[b].id;
  });
  mp::cpp_int running = 0;
  for (std::size_t i : desc) {
    running += v(i);
    if (total != 0) share[i] = units_text(round_units(running, total));
  }
  per_customer["r" + suffix] = rank;
  per_customer["pr" + suffix] = prank;
  per_customer["cs" + suffix] = share;
}

std::string csv_of(const std::vector<Customer>& cs) {
  std::string csv = "id,x,k\n";
  for (const Customer& c : cs) {
    csv += c.id + ",";
    if (c.cents) {
      const std::int64_t m = *c.cents < 0 ? -*c.cents : *c.cents;
      csv += (*c.cents < 0 ? "-" : "") + std::to_string(m / 100) + "." + (m % 100 < 10 ? "0" : "") +
             std::to_string(m % 100);
    }
    csv += ",";
    if (c.k) csv += std::to_string(*c.k);
    csv += "\n";
  }
  return csv;
}

void check_against_reference(const std::vector<Customer>& cs) {
  auto r = evaluate(kRules, csv_of(cs), {}, kColumns);
  REQUIRE(r.ok);
  std::map<std::string, std::vector<std::string>> got;
  for (std::size_t c = 0; c < kColumns.size(); ++c) got[kColumns[c]] = column_text(r, c);

  std::map<std::string, std::string> scalars;
  std::map<std::string, std::vector<std::string>> per;
  reference_for(
      cs, [](const Customer& c) { return c.cents; }, 100, true, scalars, per, "");
  reference_for(
      cs, [](const Customer& c) { return c.k; }, 1, false, scalars, per, "k");
  std::size_t present = 0, big = 0;
  std::optional<std::int64_t> lo, hi;
  for (const Customer& c : cs) {
    if (!c.cents) continue;
    ++present;
    big += *c.cents > 5000;
    lo = lo ? std::min(*lo, *c.cents) : *c.cents;
    hi = hi ? std::max(*hi, *c.cents) : *c.cents;
  }
  scalars["n_all"] = std::to_string(cs.size());
  scalars["n_x"] = std::to_string(present);
  scalars["n_big"] = std::to_string(big);
  scalars["lo"] = lo ? units_text(mp::cpp_int(*lo) * 10'000) : "none";
  scalars["hi"] = hi ? units_text(mp::cpp_int(*hi) * 10'000) : "none";
  for (const std::string name :
       {"n_all", "n_x", "n_big", "s", "a", "lo", "hi", "med", "p37", "sk", "ak", "medk"}) {
    INFO("statistic " << name);
    const std::string key = name == std::string("sk")     ? "sk"
                            : name == std::string("ak")   ? "ak"
                            : name == std::string("medk") ? "medk"
                                                          : name;
    for (const std::string& value : got[name]) CHECK(value == scalars.at(key));
  }
  for (const std::string name : {"nt", "r", "pr", "cs", "qk", "rk", "csk"}) {
    INFO("position " << name);
    CHECK(got[name] == per.at(name));
  }
  // stddev: r is the nearest millionth to sqrt(spread) * scale_to_units / n.
  for (const auto& [name, scale, suffix] :
       std::vector<std::tuple<std::string, std::int64_t, std::string>>{{"sd", 100, ""},
                                                                       {"sdk", 1, "k"}}) {
    INFO("statistic " << name);
    const std::string text = got[name].front();
    const mp::cpp_int spread(scalars.at("sd_check" + suffix));  // n^2 variance scale^2
    if (text == "none") {
      CHECK(spread == 0);  // no values at all
      continue;
    }
    const auto d = strata::Decimal::parse(text);
    REQUIRE(d);
    // sd in millionths = sqrt(spread) * (10^6 / scale) / n  <=>  (sd * n * scale)^2 ~ spread 10^12
    std::size_t n = 0;
    for (const Customer& c : cs) n += suffix.empty() ? c.cents.has_value() : c.k.has_value();
    const mp::cpp_int units = static_cast<std::int64_t>(d->units());
    const mp::cpp_int target = spread * mp::cpp_int("1000000000000");
    const mp::cpp_int lower = units == 0 ? mp::cpp_int(0) : (2 * units - 1) * n * scale;
    const mp::cpp_int upper = (2 * units + 1) * n * scale;
    CHECK(lower * lower <= 4 * target);
    CHECK(4 * target < upper * upper);
  }
}

std::vector<Customer> random_customers(std::size_t count, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<Customer> cs;
  std::vector<std::int64_t> common = {0, 1999, 5000, 5001, 12345, 100};  // ties
  for (std::size_t i = 0; i < count; ++i) {
    Customer c;
    // Keys are unique and their order is unrelated to the file order.
    c.id = "c" + std::to_string((i * 7919 + 13) % 100003);
    const unsigned roll = rng() % 10;
    if (roll == 0) {
      c.cents.reset();
    } else if (roll < 5) {
      c.cents = common[rng() % common.size()];
    } else {
      c.cents = static_cast<std::int64_t>(rng() % 2'000'000) - 100'000;  // negatives too
    }
    if (rng() % 7 != 0) c.k = static_cast<std::int64_t>(rng() % 9);
    cs.push_back(std::move(c));
  }
  return cs;
}

}  // namespace

TEST_CASE("statistics over all customers match a reference implementation",
          "[population][statistics]") {
  const auto seed = GENERATE(1u, 2u, 3u);
  const auto count = GENERATE(as<std::size_t>{}, 1, 2, 7, 311, 2500);
  INFO("seed " << seed << ", " << count << " customers");
  check_against_reference(random_customers(count, seed));
}

TEST_CASE("statistics of an empty population and of missing values", "[population][statistics]") {
  SECTION("every value missing") {
    check_against_reference({{"b", std::nullopt, std::nullopt}, {"a", std::nullopt, std::nullopt}});
  }
  SECTION("one customer") {
    check_against_reference({{"only", 4250, 3}});
  }
  SECTION("all equal: ties broken by key, across bucket boundaries") {
    std::vector<Customer> cs;
    for (int i = 0; i < 23; ++i) cs.push_back({"k" + std::to_string(50 - i), 700, 2});
    check_against_reference(cs);
  }
  SECTION("no customers at all") {
    auto r = evaluate(kRules, "id,x,k\n", {}, kColumns);
    REQUIRE(r.ok);
    CHECK(column_text(r, 0).empty());
  }
}

TEST_CASE("decimal statistics are exact", "[population][statistics]") {
  // 1/3 and 2/3 of a cent: the average is rounded once, to 6 places, half away from zero.
  auto r = evaluate(
      "record C key id { id: string  x: money }\nlet a = avg(x)\nlet m = median(x)\n"
      "let s = sum(x)\nlet sd = stddev(x)\n",
      "id,x\na,0.01\nb,0.01\nc,0.02\nd,1000000000000.01\n", {}, {"a", "m", "s", "sd"});
  REQUIRE(r.ok);
  CHECK(column_text(r, 0)[0] == "250000000000.0125");
  CHECK(column_text(r, 1)[0] == "0.015");
  CHECK(column_text(r, 2)[0] == "1000000000000.05");
  CHECK(column_text(r, 3)[0] == "433012701892.21788");
}
