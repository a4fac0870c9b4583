// Calendar: civil dates, strict parsing, month arithmetic, durations and periods.
#include <catch2/catch.hpp>

#include "strata/time.hpp"

namespace tu = strata::timeutil;

namespace {

std::int64_t date(std::string_view text) {
  auto d = tu::parse_date(text);
  REQUIRE(d.has_value());
  return *d;
}

}  // namespace

TEST_CASE("time: day numbers of known dates", "[time]") {
  CHECK(tu::days_from_civil(1970, 1, 1) == 0);
  CHECK(tu::days_from_civil(2000, 3, 1) == 11017);
  CHECK(tu::days_from_civil(1969, 12, 31) == -1);
  CHECK(tu::days_from_civil(2026, 11, 25) == 20782);
  tu::Civil c = tu::civil_from_days(-719468);
  CHECK((c.year == 0 && c.month == 3u && c.day == 1u));
}

TEST_CASE("time: civil <-> days round-trips over 400 years", "[time]") {
  // One full Gregorian cycle (146,097 days) starting before 1970 so negative counts are covered.
  std::int64_t start = tu::days_from_civil(1800, 1, 1);
  tu::Civil prev = tu::civil_from_days(start - 1);
  for (std::int64_t d = start; d < start + 146'097; ++d) {
    tu::Civil c = tu::civil_from_days(d);
    REQUIRE(tu::valid_civil(c.year, c.month, c.day));
    REQUIRE(tu::days_from_civil(c.year, c.month, c.day) == d);
    // Consecutive days are consecutive civil dates.
    bool next_day = c.year == prev.year && c.month == prev.month && c.day == prev.day + 1;
    bool next_month = c.day == 1 && prev.day == tu::days_in_month(prev.year, prev.month);
    REQUIRE((next_day || next_month));
    prev = c;
  }
  CHECK(tu::civil_from_days(start + 146'097).year == 2200);
}

TEST_CASE("time: leap years and real dates", "[time]") {
  auto [text, valid] = GENERATE(table<const char*, bool>({
      {"2000-02-29", true},
      {"2024-02-29", true},
      {"1900-02-29", false},
      {"2026-02-29", false},
      {"2026-02-30", false},
      {"2026-04-31", false},
      {"2026-12-31", true},
      {"2026-13-01", false},
      {"2026-00-10", false},
      {"2026-01-00", false},
      {"0000-01-01", false},
      {"0001-01-01", true},
      {"9999-12-31", true},
      {"2026-1-05", false},
      {"26-01-05", false},
      {"2026/01/05", false},
      {"2026-01-05 ", false},
      {"2026-01-05T00:00", false},
  }));
  CHECK(tu::parse_date(text).has_value() == valid);
  if (valid) CHECK(tu::format_date(*tu::parse_date(text)) == text);
}

TEST_CASE("time: date-times", "[time]") {
  std::int64_t day = date("2026-11-25") * tu::kSecondsPerDay;
  CHECK(tu::parse_datetime("2026-11-25T09:30:00") == day + 9 * 3600 + 30 * 60);
  CHECK(tu::parse_datetime("2026-11-25 09:30:15") == day + 9 * 3600 + 30 * 60 + 15);
  CHECK(tu::parse_datetime("2026-11-25T09:30") == day + 9 * 3600 + 30 * 60);
  CHECK(tu::parse_datetime("2026-11-25T09:30:00Z") == day + 9 * 3600 + 30 * 60);
  CHECK(tu::parse_datetime("2026-11-25T23:59:59") == day + tu::kSecondsPerDay - 1);
  CHECK_FALSE(tu::parse_datetime("2026-11-25T24:00:00"));
  CHECK_FALSE(tu::parse_datetime("2026-11-25T09:60"));
  CHECK_FALSE(tu::parse_datetime("2026-11-25T09:30:60"));
  CHECK_FALSE(tu::parse_datetime("2026-11-25"));
  CHECK_FALSE(tu::parse_datetime("2026-11-25T9:30"));
  CHECK_FALSE(tu::parse_datetime("2026-11-25X09:30"));
  CHECK_FALSE(tu::parse_datetime("2026-02-30T09:30"));
  CHECK_FALSE(tu::parse_datetime("2026-11-25T09:30:00.5"));
  CHECK(tu::format_datetime(day + 9 * 3600 + 5) == "2026-11-25T09:00:05");
  CHECK(tu::format_datetime(-1) == "1969-12-31T23:59:59");
}

TEST_CASE("time: adding months clamps to the end of the month", "[time]") {
  auto [from, months, expected] = GENERATE(table<const char*, std::int64_t, const char*>({
      {"2026-01-31", 1, "2026-02-28"},
      {"2024-01-31", 1, "2024-02-29"},
      {"2026-01-15", 1, "2026-02-15"},
      {"2026-03-31", -1, "2026-02-28"},
      {"2026-11-30", 3, "2027-02-28"},
      {"2026-05-31", 12, "2027-05-31"},
      {"2024-02-29", 12, "2025-02-28"},
      {"2026-01-01", -13, "2024-12-01"},
  }));
  auto moved = tu::add_months_to_date(date(from), months);
  REQUIRE(moved.has_value());
  CHECK(tu::format_date(*moved) == expected);
}

TEST_CASE("time: month arithmetic limits and date-times", "[time]") {
  CHECK_FALSE(tu::add_months_to_date(date("9999-12-01"), 1));
  CHECK_FALSE(tu::add_months_to_date(date("0001-01-01"), -1));
  CHECK_FALSE(tu::add_months_to_date(0, INT64_MAX));
  auto dt = tu::add_months_to_datetime(*tu::parse_datetime("2026-01-31T10:15:00"), 1);
  REQUIRE(dt.has_value());
  CHECK(tu::format_datetime(*dt) == "2026-02-28T10:15:00");
}

TEST_CASE("time: months between as a person counts them", "[time]") {
  auto [a, b, expected] = GENERATE(table<const char*, const char*, std::int64_t>({
      {"2026-01-31", "2026-02-28", 0},
      {"2026-01-15", "2026-02-15", 1},
      {"2026-01-15", "2026-02-14", 0},
      {"2026-02-15", "2026-01-15", -1},
      {"2026-02-14", "2026-01-15", 0},
      {"2025-11-25", "2026-11-25", 12},
      {"2026-05-05", "2026-05-30", 0},
  }));
  CHECK(tu::months_between(date(a), date(b)) == expected);
  CHECK(tu::months_between(date(b), date(a)) == -expected);
}

TEST_CASE("time: durations parse and format", "[time]") {
  auto [text, seconds, formatted] = GENERATE(table<const char*, std::int64_t, const char*>({
      {"90d", 90 * 86400, "90d"},
      {"12h", 12 * 3600, "12h"},
      {"30min", 1800, "30min"},
      {"45s", 45, "45s"},
      {"2w", 14 * 86400, "2w"},
      {"14d", 14 * 86400, "2w"},
      {"36h", 36 * 3600, "36h"},
      {"365d", 365 * 86400, "365d"},
      {"0s", 0, "0s"},
      {"1d 2h 30min", 86400 + 2 * 3600 + 1800, "1d 2h 30min"},
      {"3700s", 3700, "1h 1min 40s"},
  }));
  CHECK(tu::parse_duration(text) == seconds);
  CHECK(tu::format_duration(seconds) == formatted);
  CHECK(tu::parse_duration(formatted) == seconds);
  CHECK(tu::format_duration(-seconds).substr(seconds == 0 ? 0 : 1) == formatted);
}

TEST_CASE("time: malformed durations and periods", "[time]") {
  for (const char* bad : {"", "d", "-5d", "5", "5m", "5 d", "5D", "1.5h", "2h 1d", "1d  2h",
                          "1d 1d", "99999999999999999999s", "9999999999999999w", "5mo"}) {
    CAPTURE(bad);
    CHECK_FALSE(tu::parse_duration(bad).has_value());
  }
  CHECK(tu::parse_period("1mo") == 1);
  CHECK(tu::parse_period("3q") == 9);
  CHECK(tu::parse_period("2y") == 24);
  for (const char* bad : {"", "mo", "1m", "1 y", "-1y", "1Y", "99999999999999999999y"}) {
    CAPTURE(bad);
    CHECK_FALSE(tu::parse_period(bad).has_value());
  }
  CHECK(tu::format_period(1) == "1mo");
  CHECK(tu::format_period(6) == "2q");
  CHECK(tu::format_period(24) == "2y");
  CHECK(tu::format_period(0) == "0mo");
  CHECK(tu::format_period(-12) == "-1y");
}
