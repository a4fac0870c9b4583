// Business calendars and business-time arithmetic.
//
// A CalendarSpec is what a `calendar` declaration says: a time zone, working hours per weekday
// (several intervals a day, for lunch breaks), closed dates (holidays) and extra working dates
// (weekends worked in exchange for a holiday, 调休). A Calendar is the spec compiled into a table
// with one entry per local day of the years it covers: the UTC instant of the day's midnight, the
// day's working intervals as UTC instants, and the working seconds before the day. Working time
// up to an instant is then a binary search over days plus a few intervals, and adding N working
// seconds is the inverse search — no per-minute or per-day loops at evaluation time.
//
// Instants in and out are local wall-clock datetimes (seconds since 1970-01-01T00:00:00 local),
// as data holds them; they are read in the calendar's zone. Working time is real elapsed time, so
// a working day that contains a daylight-saving change is an hour shorter or longer. A local time
// that does not exist (skipped at a spring-forward change) counts as the instant of the change; a
// local time that exists twice (fall back) as its first occurrence.
//
// A Calendar is immutable once built and safe to share between threads.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace date {
class time_zone;
}

namespace strata::sop {

// Working hours of one day: minutes from local midnight, [begin, end), 0 <= begin < end <= 1440.
struct DayHours {
  std::int32_t begin = 0;
  std::int32_t end = 0;
  friend bool operator==(const DayHours&, const DayHours&) = default;
};

struct ExtraDay {
  std::int64_t day = 0;  // days since 1970-01-01
  std::vector<DayHours> hours;
};

struct CalendarSpec {
  std::string zone;                           // IANA name; empty: wall-clock time, no DST
  std::array<std::vector<DayHours>, 7> week;  // index 0 = Monday ... 6 = Sunday
  std::vector<std::pair<std::int64_t, std::int64_t>> closed;  // inclusive day ranges
  std::vector<ExtraDay> open;  // extra working days, with their hours
};

// The years every calendar table covers. Instants outside them are reported, not guessed.
inline constexpr int kCalendarFirstYear = 1970;
inline constexpr int kCalendarEndYear = 2100;  // exclusive

// Finds an IANA time zone in the system's tz database; nullptr when there is none of that name.
const date::time_zone* find_zone(const std::string& name);
// Every zone name of the database, for "did you mean" suggestions.
std::vector<std::string> zone_names();

class Calendar {
 public:
  // Builds the day table; fails (with a reason) only when the zone cannot be found.
  static std::optional<Calendar> build(const CalendarSpec& spec, std::string* error = nullptr);

  // Whether a local instant lies in the years the table covers.
  bool covers(std::int64_t local) const;
  // Working seconds in [a, b) (negative when b < a). Both instants must be covered.
  std::int64_t working_between(std::int64_t local_a, std::int64_t local_b) const;
  // The local instant at which `seconds` (> 0) of working time after `local` have passed; for 0
  // the instant itself. nullopt when the result falls after the covered years.
  std::optional<std::int64_t> add_working(std::int64_t local, std::int64_t seconds) const;
  // Working seconds of one local day (for tests and documentation).
  std::int64_t working_seconds_on(std::int64_t day) const;

  // Local wall-clock <-> UTC in the calendar's zone.
  std::int64_t to_utc(std::int64_t local) const;
  std::int64_t to_local(std::int64_t utc) const;

  std::size_t memory_bytes() const;

 private:
  Calendar() = default;
  // Working seconds before the UTC instant `utc` (from the start of the table).
  std::int64_t working_before(std::int64_t utc) const;
  // The table index of the local day holding UTC instant `utc` (clamped to the table).
  std::size_t day_index(std::int64_t utc) const;

  const date::time_zone* zone_ = nullptr;
  std::int64_t first_day_ = 0;  // local day of entry 0
  // Per day i (size days + 1, the last entry closing the table): UTC instant of local midnight,
  // working seconds before it, the first of its intervals in intervals_, the UTC offset at
  // midnight and whether the offset changes during the day.
  std::vector<std::int64_t> midnight_utc_;
  std::vector<std::int64_t> worked_before_;
  std::vector<std::uint32_t> first_interval_;
  std::vector<std::int32_t> offset_;
  std::vector<std::uint8_t> offset_changes_;
  std::vector<std::pair<std::int64_t, std::int64_t>> intervals_;  // UTC [begin, end)
};

}  // namespace strata::sop
