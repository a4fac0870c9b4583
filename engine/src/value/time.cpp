// Calendar arithmetic and the text forms of dates, date-times, durations and periods.
//
// Day counts use Howard Hinnant's era-based algorithms (days_from_civil / civil_from_days):
// branch-light, exact over the whole proleptic Gregorian calendar and independent of the C
// library's time zone handling, which a rules engine must never depend on. Parsers are strict:
// a date must be a real date in YYYY-MM-DD form, so data that happens to look like a date in
// another convention (11/25/2026) is reported instead of being misread.
#include "strata/time.hpp"

#include <cstdio>

namespace strata::timeutil {

namespace {

constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads exactly `n` digits at `pos`; -1 when any is not a digit or the text is too short.
int fixed_digits(std::string_view text, std::size_t pos, std::size_t n) {
  if (pos + n > text.size()) return -1;
  int value = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = text[pos + i];
    if (!is_digit(c)) return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

// A non-negative integer prefix of `text` (at least one digit), overflow-checked.
std::optional<std::int64_t> leading_count(std::string_view text, std::size_t& pos) {
  std::size_t start = pos;
  std::int64_t value = 0;
  while (pos < text.size() && is_digit(text[pos])) {
    if (__builtin_mul_overflow(value, 10, &value) ||
        __builtin_add_overflow(value, text[pos] - '0', &value)) {
      return std::nullopt;
    }
    ++pos;
  }
  if (pos == start) return std::nullopt;
  return value;
}

constexpr bool is_leap(int year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

struct Unit {
  std::string_view name;
  std::int64_t seconds;
};
// Largest first: parse_duration requires mixed forms in this order, format_duration uses it.
constexpr Unit kDurationUnits[] = {
    {"w", 7 * kSecondsPerDay}, {"d", kSecondsPerDay}, {"h", 3600}, {"min", 60}, {"s", 1}};

}  // namespace

std::int64_t days_from_civil(int year, unsigned month, unsigned day) {
  std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  auto yoe = static_cast<unsigned>(y - era * 400);                               // [0, 399]
  unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;  // [0, 365]
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                          // [0, 146096]
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Civil civil_from_days(std::int64_t days) {
  std::int64_t z = days + 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  auto doe = static_cast<unsigned>(z - era * 146097);                    // [0, 146096]
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);  // [0, 365]
  unsigned mp = (5 * doy + 2) / 153;                       // [0, 11], March-based
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Civil{static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

unsigned days_in_month(int year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && is_leap(year)) return 29;
  return kDays[month - 1];
}

bool valid_civil(int year, unsigned month, unsigned day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

std::optional<std::int64_t> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = fixed_digits(text, 0, 4);
  int month = fixed_digits(text, 5, 2);
  int day = fixed_digits(text, 8, 2);
  if (year < 1 || month < 0 || day < 0) return std::nullopt;
  if (!valid_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))) {
    return std::nullopt;
  }
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::optional<std::int64_t> parse_datetime(std::string_view text) {
  if (text.size() < 16) return std::nullopt;
  auto days = parse_date(text.substr(0, 10));
  if (!days || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
  std::string_view rest = text.substr(11);
  if (!rest.empty() && rest.back() == 'Z') rest.remove_suffix(1);
  if (rest.size() != 5 && rest.size() != 8) return std::nullopt;
  int hour = fixed_digits(rest, 0, 2);
  int minute = rest[2] == ':' ? fixed_digits(rest, 3, 2) : -1;
  int second = 0;
  if (rest.size() == 8) second = rest[5] == ':' ? fixed_digits(rest, 6, 2) : -1;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return std::nullopt;
  }
  return *days * kSecondsPerDay + hour * 3600 + minute * 60 + second;
}

std::optional<std::int64_t> parse_duration(std::string_view text) {
  // One component ("90d") or several separated by single spaces, largest unit first
  // ("1d 2h 30min"), which is what format_duration writes for mixed values.
  std::size_t pos = 0;
  std::int64_t total = 0;
  std::size_t next_unit = 0;  // units must strictly decrease
  while (true) {
    auto count = leading_count(text, pos);
    if (!count) return std::nullopt;
    std::size_t unit = next_unit;
    while (unit < std::size(kDurationUnits)) {
      std::string_view name = kDurationUnits[unit].name;
      std::size_t after = pos + name.size();
      if (text.substr(pos, name.size()) == name && (after == text.size() || text[after] == ' ')) {
        break;
      }
      ++unit;
    }
    if (unit == std::size(kDurationUnits)) return std::nullopt;
    pos += kDurationUnits[unit].name.size();
    std::int64_t seconds;
    if (__builtin_mul_overflow(*count, kDurationUnits[unit].seconds, &seconds) ||
        __builtin_add_overflow(total, seconds, &total)) {
      return std::nullopt;
    }
    next_unit = unit + 1;
    if (pos == text.size()) return total;
    ++pos;  // the single space
  }
}

std::optional<std::int64_t> parse_period(std::string_view text) {
  std::size_t pos = 0;
  auto count = leading_count(text, pos);
  if (!count) return std::nullopt;
  std::string_view unit = text.substr(pos);
  std::int64_t factor = unit == "mo" ? 1 : unit == "q" ? 3 : unit == "y" ? 12 : 0;
  std::int64_t months;
  if (factor == 0 || __builtin_mul_overflow(*count, factor, &months)) return std::nullopt;
  return months;
}

std::string format_date(std::int64_t days) {
  Civil c = civil_from_days(days);
  char buf[32];
  int n = std::snprintf(buf, sizeof buf,
                        c.year >= 0 && c.year <= 9999 ? "%04d-%02u-%02u" : "%+d-%02u-%02u", c.year,
                        c.month, c.day);
  return std::string(buf, static_cast<std::size_t>(n));
}

std::string format_datetime(std::int64_t seconds) {
  std::int64_t days = floor_div(seconds, kSecondsPerDay);
  std::int64_t in_day = seconds - days * kSecondsPerDay;
  char buf[16];
  int n = std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", static_cast<int>(in_day / 3600),
                        static_cast<int>(in_day / 60 % 60), static_cast<int>(in_day % 60));
  return format_date(days) + std::string(buf, static_cast<std::size_t>(n));
}

std::string format_duration(std::int64_t seconds) {
  if (seconds == 0) return "0s";
  std::string sign;
  // The magnitude in unsigned arithmetic so that the most negative value is handled too.
  std::uint64_t rest = static_cast<std::uint64_t>(seconds);
  if (seconds < 0) {
    sign = "-";
    rest = 0 - rest;
  }
  // The largest unit that divides the value, while its count stays readable (below 1000).
  for (const Unit& unit : kDurationUnits) {
    auto size = static_cast<std::uint64_t>(unit.seconds);
    if (rest % size == 0 && rest / size < 1000) {
      return sign + std::to_string(rest / size) + std::string(unit.name);
    }
  }
  // Otherwise mixed, days downwards (weeks next to days read poorly): "1d 2h 30min".
  std::string out = sign;
  for (std::size_t i = 1; i < std::size(kDurationUnits); ++i) {
    auto size = static_cast<std::uint64_t>(kDurationUnits[i].seconds);
    std::uint64_t count = rest / size;
    rest %= size;
    if (count == 0) continue;
    if (out.size() > sign.size()) out.push_back(' ');
    out += std::to_string(count);
    out += kDurationUnits[i].name;
  }
  return out;
}

std::string format_period(std::int64_t months) {
  std::string sign = months < 0 ? "-" : "";
  std::uint64_t m = static_cast<std::uint64_t>(months);
  if (months < 0) m = 0 - m;
  if (m != 0 && m % 12 == 0) return sign + std::to_string(m / 12) + "y";
  if (m != 0 && m % 3 == 0) return sign + std::to_string(m / 3) + "q";
  return sign + std::to_string(m) + "mo";
}

std::optional<std::int64_t> add_months_to_date(std::int64_t days, std::int64_t months) {
  Civil c = civil_from_days(days);
  std::int64_t index;  // months since year 0, January
  if (__builtin_add_overflow(static_cast<std::int64_t>(c.year) * 12 + (c.month - 1), months,
                             &index)) {
    return std::nullopt;
  }
  std::int64_t year = floor_div(index, 12);
  if (year < 1 || year > 9999) return std::nullopt;
  auto month = static_cast<unsigned>(index - year * 12 + 1);
  unsigned last = days_in_month(static_cast<int>(year), month);
  return days_from_civil(static_cast<int>(year), month, c.day < last ? c.day : last);
}

std::optional<std::int64_t> add_months_to_datetime(std::int64_t seconds, std::int64_t months) {
  std::int64_t days = floor_div(seconds, kSecondsPerDay);
  std::int64_t in_day = seconds - days * kSecondsPerDay;
  auto moved = add_months_to_date(days, months);
  if (!moved) return std::nullopt;
  return *moved * kSecondsPerDay + in_day;
}

std::int64_t months_between(std::int64_t days_a, std::int64_t days_b) {
  // Count calendar months, then take one back when the last month is not complete: the
  // day-of-month of the later date has not reached that of the earlier one.
  Civil a = civil_from_days(days_a);
  Civil b = civil_from_days(days_b);
  std::int64_t months = (static_cast<std::int64_t>(b.year) - a.year) * 12 +
                        (static_cast<std::int64_t>(b.month) - static_cast<std::int64_t>(a.month));
  if (months > 0 && b.day < a.day) --months;
  if (months < 0 && b.day > a.day) ++months;
  return months;
}

}  // namespace strata::timeutil
