// Exact decimals: sums, products, quotients, rounding, overflow and the text forms.
#include <catch2/catch.hpp>
#include <random>

#include "strata/decimal.hpp"
#include "value/int128.hpp"

using strata::Decimal;
using Rep = Decimal::Rep;

namespace {

Decimal dec(std::string_view text) {
  auto d = Decimal::parse(text);
  REQUIRE(d.has_value());
  return *d;
}

std::string str(Decimal d) {
  return d.to_string();
}

}  // namespace

TEST_CASE("decimal: 0.1 + 0.2 is exactly 0.3", "[decimal]") {
  Decimal sum;
  REQUIRE(Decimal::add(dec("0.1"), dec("0.2"), sum));
  CHECK(sum == dec("0.3"));
  CHECK(str(sum) == "0.3");
}

TEST_CASE("decimal: products and quotients round half away from zero", "[decimal]") {
  auto [a, b, op, expected] = GENERATE(table<const char*, const char*, char, const char*>({
      {"0.000005", "0.1", '*', "0.000001"},    // 0.0000005 -> up
      {"-0.000005", "0.1", '*', "-0.000001"},  // -0.0000005 -> away from zero
      {"0.000004", "0.1", '*', "0"},           // 0.0000004 -> down
      {"-0.000004", "0.1", '*', "0"},
      {"1.5", "2", '*', "3"},
      {"-1.5", "-2", '*', "3"},
      {"1", "3", '/', "0.333333"},
      {"2", "3", '/', "0.666667"},
      {"-2", "3", '/', "-0.666667"},
      {"2", "-3", '/', "-0.666667"},
      {"-2", "-3", '/', "0.666667"},
      {"1", "8", '/', "0.125"},
      {"0.000001", "2", '/', "0.000001"},  // 0.0000005 -> up
      {"-0.000001", "2", '/', "-0.000001"},
      {"100", "0.5", '/', "200"},
  }));
  Decimal out;
  bool ok = op == '*' ? Decimal::mul(dec(a), dec(b), out) : Decimal::div(dec(a), dec(b), out);
  REQUIRE(ok);
  CHECK(str(out) == expected);
}

TEST_CASE("decimal: round() to places, both signs, and to tens", "[decimal]") {
  auto [text, places, expected] = GENERATE(table<const char*, int, const char*>({
      {"2.5", 0, "3"},
      {"-2.5", 0, "-3"},
      {"2.4999", 0, "2"},
      {"-2.4999", 0, "-2"},
      {"1.005", 2, "1.01"},
      {"-1.005", 2, "-1.01"},
      {"1.004999", 2, "1"},
      {"123.456789", 6, "123.456789"},
      {"123.456789", 9, "123.456789"},
      {"125", -1, "130"},
      {"-125", -1, "-130"},
      {"1249.99", -2, "1200"},
      {"1250", -2, "1300"},
      {"0.4", -40, "0"},
  }));
  Decimal out;
  REQUIRE(Decimal::round(dec(text), places, out));
  CHECK(str(out) == expected);
}

TEST_CASE("decimal: floor, ceil, abs", "[decimal]") {
  CHECK(str(Decimal::floor(dec("2.7"))) == "2");
  CHECK(str(Decimal::floor(dec("-2.1"))) == "-3");
  CHECK(str(Decimal::floor(dec("-2"))) == "-2");
  CHECK(str(Decimal::ceil(dec("2.1"))) == "3");
  CHECK(str(Decimal::ceil(dec("-2.7"))) == "-2");
  CHECK(str(Decimal::ceil(dec("5"))) == "5");
  CHECK(str(Decimal::abs(dec("-0.5"))) == "0.5");
  CHECK(Decimal::abs(Decimal::from_units(strata::value::kRepMin)).units() ==
        strata::value::kRepMax);
}

TEST_CASE("decimal: overflow is reported at the 128-bit edge", "[decimal]") {
  const Decimal max = Decimal::from_units(strata::value::kRepMax);
  const Decimal min = Decimal::from_units(strata::value::kRepMin);
  const Decimal tiny = Decimal::from_units(1);
  Decimal out;
  CHECK_FALSE(Decimal::add(max, tiny, out));
  CHECK(Decimal::add(max, Decimal::from_units(-1), out));
  CHECK_FALSE(Decimal::sub(min, tiny, out));
  CHECK(Decimal::sub(max, max, out));
  CHECK(out.units() == 0);
  CHECK_FALSE(Decimal::negate(min, out));
  CHECK(Decimal::negate(max, out));
  CHECK_FALSE(Decimal::mul(max, Decimal::from_int(2), out));
  CHECK_FALSE(Decimal::mul(min, Decimal::from_int(-1), out));
  CHECK(Decimal::mul(max, Decimal::from_int(1), out));
  CHECK(out == max);
  CHECK_FALSE(Decimal::div(max, dec("0.5"), out));
  CHECK_FALSE(Decimal::div(min, Decimal::from_units(-1), out));
  // 10^16 * 10^16 = 10^32 fits (about 1.7 * 10^32 is the limit); 10^17 * 10^16 does not.
  CHECK(Decimal::mul(dec("10000000000000000"), dec("10000000000000000"), out));
  CHECK(str(out) == "100000000000000000000000000000000");
  CHECK_FALSE(Decimal::mul(dec("100000000000000000"), dec("10000000000000000"), out));
}

TEST_CASE("decimal: division by zero fails", "[decimal]") {
  Decimal out;
  CHECK_FALSE(Decimal::div(dec("1"), Decimal(), out));
  CHECK_FALSE(Decimal::div(Decimal(), Decimal(), out));
}

TEST_CASE("decimal: sums of 10^8 values of 10^12 are exact", "[decimal]") {
  // Repeated addition is exact (no rounding), so the sum of n copies equals n * value; show it
  // on a loop of 10^5 additions of 10^15 (same total, 10^20) and by multiplication for 10^8.
  Decimal big = Decimal::from_int(1'000'000'000'000'000);
  Decimal sum;
  for (int i = 0; i < 100'000; ++i) REQUIRE(Decimal::add(sum, big, sum));
  CHECK(str(sum) == "100000000000000000000");
  Decimal product;
  REQUIRE(
      Decimal::mul(Decimal::from_int(1'000'000'000'000), Decimal::from_int(100'000'000), product));
  CHECK(product == sum);
  // Headroom: the same sum with six decimals of cents still fits 10^11 times over.
  Decimal cents = dec("0.000001");
  REQUIRE(Decimal::add(sum, cents, sum));
  CHECK(str(sum) == "100000000000000000000.000001");
  Decimal huge;
  REQUIRE(Decimal::mul(product, Decimal::from_int(100'000'000'000), huge));
}

TEST_CASE("decimal: products that need 256-bit intermediates", "[decimal]") {
  Decimal out;
  // The product of the unit counts (10^26 * 10^16 = 10^42) exceeds 128 bits; the result
  // (10^30) does not.
  REQUIRE(Decimal::mul(dec("100000000000000000000"), dec("10000000000"), out));
  CHECK(str(out) == "1000000000000000000000000000000");
  // Exact digits (checked with Python's decimal module), rounded half away from zero.
  REQUIRE(Decimal::mul(dec("12345678901234567890.123456"), dec("98765432.1"), out));
  CHECK(str(out) == "1219326311248285321124828454.185338");
  REQUIRE(Decimal::mul(dec("-98765432109876543210.987654"), dec("1234567.891011"), out));
  CHECK(str(out) == "-121932631224680383975568038.001139");
  // Quotient with a scaled dividend beyond 128 bits.
  REQUIRE(Decimal::div(dec("100000000000000000000000000000"), dec("1000"), out));
  CHECK(str(out) == "100000000000000000000000000");
  REQUIRE(Decimal::div(dec("-100000000000000000000000000000"), dec("3"), out));
  CHECK(str(out) == "-33333333333333333333333333333.333333");
}

TEST_CASE("decimal: parse accepts and rejects", "[decimal]") {
  auto [text, underscores, expected] = GENERATE(table<const char*, bool, const char*>({
      {"123", false, "123"},
      {"-4.5", false, "-4.5"},
      {"+4.50", false, "4.5"},
      {"0.000001", false, "0.000001"},
      {"-0", false, "0"},
      {"007", false, "7"},
      {"1_000.25", true, "1000.25"},
      {"1_000_000", true, "1000000"},
      {"0.000_001", true, "0.000001"},
      {"1_000.25", false, ""},
      {"_1", true, ""},
      {"1_", true, ""},
      {"1__0", true, ""},
      {"1_.5", true, ""},
      {"1._5", true, ""},
      {"0.0000001", false, ""},
      {"12.3.4", false, ""},
      {"", false, ""},
      {"-", false, ""},
      {".5", false, ""},
      {"5.", false, ""},
      {"1,000", false, ""},
      {"1e5", false, ""},
      {" 1", false, ""},
      {"1 ", false, ""},
      {"abc", false, ""},
      {"170141183460469231731687303715884.105727", false,
       "170141183460469231731687303715884.105727"},
      {"-170141183460469231731687303715884.105728", false,
       "-170141183460469231731687303715884.105728"},
      {"170141183460469231731687303715884.105728", false, ""},
      {"999999999999999999999999999999999999999", false, ""},
  }));
  auto d = Decimal::parse(text, underscores);
  if (std::string_view(expected).empty()) {
    CHECK_FALSE(d.has_value());
  } else {
    REQUIRE(d.has_value());
    CHECK(d->to_string() == expected);
  }
}

TEST_CASE("decimal: to_string and parse round-trip random values", "[decimal]") {
  std::mt19937_64 rng(20261125);
  for (int i = 0; i < 20'000; ++i) {
    // Random magnitudes across the range, from a few units to the full 127 bits.
    int bits = static_cast<int>(rng() % 127) + 1;
    strata::value::U128 m = (static_cast<strata::value::U128>(rng()) << 64) | rng();
    m >>= 128 - bits;
    Rep units = static_cast<Rep>(m);
    if (rng() & 1) units = -units;
    Decimal d = Decimal::from_units(units);
    auto back = Decimal::parse(d.to_string());
    REQUIRE(back.has_value());
    REQUIRE(*back == d);
  }
}

TEST_CASE("decimal: display form and conversions", "[decimal]") {
  CHECK(dec("23410.5").to_display() == "23,410.50");
  CHECK(dec("-1234567.891").to_display() == "-1,234,567.891");
  CHECK(dec("999").to_display(0) == "999");
  CHECK(dec("1000").to_display(0) == "1,000");
  CHECK(dec("0.5").to_display(4) == "0.5000");
  CHECK(dec("12").to_display(9) == "12.000000");
  CHECK(dec("0.1").to_double() == 0.1);
  CHECK(dec("-2.25").to_double() == -2.25);
  CHECK(dec("-7.9").to_int() == -7);
  CHECK(dec("9223372036854775807.5").to_int() == INT64_MAX);
  CHECK_FALSE(dec("9223372036854775808").to_int().has_value());
  CHECK(dec("3").is_integer());
  CHECK_FALSE(dec("3.1").is_integer());
  Decimal diff;
  REQUIRE(Decimal::sub(dec("1"), dec("1.000001"), diff));
  CHECK(str(diff) == "-0.000001");
}
