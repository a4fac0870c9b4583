// Dates, date-times, durations and calendar periods.
//
// Representations (the same in columns, registers and values):
//   date      days since 1970-01-01 (proleptic Gregorian), int64
//   datetime  seconds since 1970-01-01T00:00:00, int64, a local (wall-clock) time without zone
//   duration  seconds, int64 (90d = 7,776,000)
//   period    calendar months, int64 (1mo = 1, 1q = 3, 1y = 12)
// A date compared with a datetime is taken at 00:00:00 of that day.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace strata::timeutil {

inline constexpr std::int64_t kSecondsPerDay = 86'400;

struct Civil {
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

std::int64_t days_from_civil(int year, unsigned month, unsigned day);
Civil civil_from_days(std::int64_t days);
bool valid_civil(int year, unsigned month, unsigned day);
unsigned days_in_month(int year, unsigned month);

// "2026-11-25"; nullopt when malformed or not a real date (2026-02-30).
std::optional<std::int64_t> parse_date(std::string_view text);
// "2026-11-25T09:30:00" (also "2026-11-25 09:30:00", and "...:00Z"); seconds optional ("T09:30").
std::optional<std::int64_t> parse_datetime(std::string_view text);
// Duration literal: a number and a unit, w d h min s: "90d", "12h", "30min", "2w".
std::optional<std::int64_t> parse_duration(std::string_view text);
// Period literal: "1mo", "3q", "1y" -> months.
std::optional<std::int64_t> parse_period(std::string_view text);

std::string format_date(std::int64_t days);
std::string format_datetime(std::int64_t seconds);
// Largest exact unit: "90d", "36h", "30min", "45s", "2w"; mixed values as "1d 2h 30min".
std::string format_duration(std::int64_t seconds);
std::string format_period(std::int64_t months);

// Calendar-aware addition; the day is clamped to the end of the month (2026-01-31 + 1mo =
// 2026-02-28). Returns nullopt when the year leaves 0001..9999.
std::optional<std::int64_t> add_months_to_date(std::int64_t days, std::int64_t months);
std::optional<std::int64_t> add_months_to_datetime(std::int64_t seconds, std::int64_t months);

// Whole calendar months from a to b (negative when b is before a), as a person counts them:
// 2026-01-31 -> 2026-02-28 is 0 months, 2026-01-15 -> 2026-02-15 is 1.
std::int64_t months_between(std::int64_t days_a, std::int64_t days_b);

// Floor division that rounds toward negative infinity (datetime -> date for times before 1970).
inline std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace strata::timeutil
