// Business-time arithmetic on calendars, against hand-computed expectations: working hours with a
// lunch break, weekends, a holiday run, extra working days (调休), midnight and DST changes.
#include <catch2/catch.hpp>

#include "sop/calendar.hpp"
#include "strata/time.hpp"

namespace {

using strata::sop::Calendar;
using strata::sop::CalendarSpec;
namespace timeutil = strata::timeutil;

std::int64_t at(const char* text) {
  return *timeutil::parse_datetime(text);
}
std::string text(std::optional<std::int64_t> t) {
  return t ? timeutil::format_datetime(*t) : "none";
}
std::int64_t day(const char* text) {
  return *timeutil::parse_date(text);
}

// mon..fri 09:00..12:00, 13:00..18:00 in Shanghai; National Day closed; two weekend days worked.
Calendar workdays() {
  CalendarSpec spec;
  spec.zone = "Asia/Shanghai";
  for (int d = 0; d < 5; ++d) spec.week[d] = {{9 * 60, 12 * 60}, {13 * 60, 18 * 60}};
  spec.closed = {{day("2026-10-01"), day("2026-10-07")}};
  spec.open = {{day("2026-09-27"), spec.week[0]}, {day("2026-10-10"), spec.week[0]}};
  return *Calendar::build(spec);
}

Calendar around_the_clock(const char* zone) {
  CalendarSpec spec;
  spec.zone = zone;
  for (auto& d : spec.week) d = {{0, 24 * 60}};
  return *Calendar::build(spec);
}

}  // namespace

TEST_CASE("working hours are added across lunch, evenings, weekends and holidays",
          "[sop][calendar]") {
  const Calendar cal = workdays();
  struct Case {
    const char* from;
    std::int64_t seconds;
    const char* expected;
  };
  const Case cases[] = {
      {"2026-11-03T10:00:00", 3600, "2026-11-03T11:00:00"},      // inside the morning
      {"2026-11-03T11:30:00", 3600, "2026-11-03T13:30:00"},      // over lunch
      {"2026-11-03T17:00:00", 3600, "2026-11-03T18:00:00"},      // ends exactly at closing time
      {"2026-11-03T17:30:00", 3600, "2026-11-04T09:30:00"},      // across midnight
      {"2026-11-03T23:00:00", 3600, "2026-11-04T10:00:00"},      // opened at night
      {"2026-11-03T12:20:00", 600, "2026-11-03T13:10:00"},       // opened during lunch
      {"2026-10-30T17:30:00", 3600, "2026-11-02T09:30:00"},      // Friday evening to Monday
      {"2026-10-31T10:00:00", 3600, "2026-11-02T10:00:00"},      // opened on a Saturday
      {"2026-09-30T17:00:00", 7200, "2026-10-08T10:00:00"},      // over the National Day run
      {"2026-10-09T17:00:00", 7200, "2026-10-10T10:00:00"},      // into a worked Saturday (调休)
      {"2026-09-26T10:00:00", 3600, "2026-09-27T10:00:00"},      // Saturday to a worked Sunday
      {"2026-11-03T09:00:00", 8 * 3600, "2026-11-03T18:00:00"},  // one full day
      {"2026-11-03T09:00:00", 8 * 3600 + 1, "2026-11-04T09:00:01"},
      {"2026-11-03T10:00:00", 0, "2026-11-03T10:00:00"},
  };
  for (const Case& c : cases) {
    INFO(c.from << " + " << c.seconds << "s");
    CHECK(text(cal.add_working(at(c.from), c.seconds)) == c.expected);
  }
}

TEST_CASE("working time between two instants", "[sop][calendar]") {
  const Calendar cal = workdays();
  CHECK(cal.working_between(at("2026-10-30T17:00:00"), at("2026-11-02T10:00:00")) == 2 * 3600);
  CHECK(cal.working_between(at("2026-11-03T11:00:00"), at("2026-11-03T14:00:00")) == 2 * 3600);
  CHECK(cal.working_between(at("2026-11-03T19:00:00"), at("2026-11-04T08:00:00")) == 0);
  CHECK(cal.working_between(at("2026-09-30T00:00:00"), at("2026-10-09T00:00:00")) == 16 * 3600);
  CHECK(cal.working_between(at("2026-11-04T10:00:00"), at("2026-11-03T10:00:00")) == -8 * 3600);
  CHECK(cal.working_seconds_on(day("2026-10-01")) == 0);         // holiday
  CHECK(cal.working_seconds_on(day("2026-10-10")) == 8 * 3600);  // worked Saturday
  CHECK(cal.working_seconds_on(day("2026-10-17")) == 0);         // an ordinary Saturday
}

TEST_CASE("working time is real elapsed time across a DST change", "[sop][calendar]") {
  const Calendar ny = around_the_clock("America/New_York");
  // Spring forward on 2026-03-08: 02:00 local becomes 03:00, the day has 23 hours.
  CHECK(ny.working_seconds_on(day("2026-03-08")) == 23 * 3600);
  CHECK(text(ny.add_working(at("2026-03-08T01:30:00"), 3600)) == "2026-03-08T03:30:00");
  CHECK(ny.working_between(at("2026-03-08T00:00:00"), at("2026-03-08T04:00:00")) == 3 * 3600);
  // A local time skipped by the change counts as the instant of the change.
  CHECK(ny.working_between(at("2026-03-08T02:30:00"), at("2026-03-08T03:00:00")) == 0);
  // Fall back on 2026-11-01: 01:00-02:00 local happens twice, the day has 25 hours.
  CHECK(ny.working_seconds_on(day("2026-11-01")) == 25 * 3600);
  CHECK(ny.working_between(at("2026-11-01T00:00:00"), at("2026-11-01T03:00:00")) == 4 * 3600);
  CHECK(text(ny.add_working(at("2026-11-01T00:30:00"), 2 * 3600)) == "2026-11-01T01:30:00");
  CHECK(text(ny.add_working(at("2026-11-01T00:30:00"), 3 * 3600)) == "2026-11-01T02:30:00");
  // Shanghai has no DST: every day of the same calendar has 24 hours.
  const Calendar sh = around_the_clock("Asia/Shanghai");
  CHECK(sh.working_seconds_on(day("2026-03-08")) == 24 * 3600);
}

TEST_CASE("a calendar without a zone counts wall-clock time", "[sop][calendar]") {
  CalendarSpec spec;
  for (auto& d : spec.week) d = {{0, 24 * 60}};
  const Calendar cal = *Calendar::build(spec);
  CHECK(text(cal.add_working(at("2026-03-08T01:30:00"), 3600)) == "2026-03-08T02:30:00");
  CHECK(cal.to_utc(at("2026-03-08T01:30:00")) == at("2026-03-08T01:30:00"));
}

TEST_CASE("calendar tables cover 1970 to 2099 and unknown zones are refused", "[sop][calendar]") {
  const Calendar cal = workdays();
  CHECK(cal.covers(at("1970-01-01T00:00:00")));
  CHECK(cal.covers(at("2099-12-31T23:59:59")));
  CHECK_FALSE(cal.covers(at("1969-12-31T23:59:59")));
  CHECK_FALSE(cal.covers(at("2100-01-01T00:00:00")));
  CHECK_FALSE(cal.add_working(at("2099-12-31T17:00:00"), 3 * 3600).has_value());
  CalendarSpec bad;
  bad.zone = "Asia/Shangai";
  std::string error;
  CHECK_FALSE(Calendar::build(bad, &error).has_value());
  CHECK(error == "unknown time zone `Asia/Shangai`");
  CHECK(strata::sop::find_zone("Europe/Berlin") != nullptr);
}
