// Calendars: the zone, the working week, closed dates and extra working dates.
//
// Calendars have their own namespace (an obligation names one with `on CAL`). The checker turns
// the declaration into a sop::CalendarSpec and rejects what would make business time ambiguous:
// an unknown zone, a weekday given hours twice, overlapping or reversed hours, a date both closed
// and open, or a calendar with no working time at all.
#include <algorithm>
#include <array>

#include "check/checker.hpp"
#include "strata/time.hpp"

namespace strata::check {

namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};

std::optional<int> weekday(std::string_view name) {
  for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
    if (kWeekdays[i] == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

// "09:30" -> 570; "24:00" is allowed as an end only.
std::optional<std::int32_t> minutes(std::string_view text, bool end) {
  if (text.size() != 5) return std::nullopt;
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && (m != 0 || !end))) return std::nullopt;
  return h * 60 + m;
}

}  // namespace

std::optional<std::vector<sop::DayHours>> Checker::day_hours(
    const std::vector<ast::ClockRange>& ranges, const std::string& what) {
  std::vector<std::pair<sop::DayHours, Span>> hours;
  for (const ast::ClockRange& r : ranges) {
    const auto b = minutes(r.begin, false);
    const auto e = minutes(r.end, true);
    if (!b || !e) {
      diags_
          .error(DiagCode::BadCalendar, r.span,
                 "`" + r.begin + ".." + r.end + "` is not a time range of one day",
                 "not valid hours")
          .help("times go from 00:00 to 24:00 (24:00 only as an end), as in `09:00..18:00`");
      return std::nullopt;
    }
    if (*e <= *b) {
      diags_
          .error(DiagCode::BadCalendar, r.span,
                 "working hours `" + r.begin + ".." + r.end + "` end before they start",
                 "empty or reversed")
          .help("write the start first; hours past midnight go on the next day's line");
      return std::nullopt;
    }
    hours.push_back({{*b, *e}, r.span});
  }
  std::sort(hours.begin(), hours.end(),
            [](const auto& x, const auto& y) { return x.first.begin < y.first.begin; });
  std::vector<sop::DayHours> out;
  for (std::size_t i = 0; i < hours.size(); ++i) {
    if (i > 0 && hours[i].first.begin < hours[i - 1].first.end) {
      diags_
          .error(DiagCode::BadCalendar, hours[i].second, "working hours of " + what + " overlap",
                 "overlaps")
          .label(hours[i - 1].second, "with these hours")
          .help("give each interval its own time, as in `09:00..12:00, 13:00..18:00`");
      return std::nullopt;
    }
    out.push_back(hours[i].first);
  }
  return out;
}

std::optional<std::pair<std::int64_t, std::int64_t>> Checker::date_span(const ast::DateRange& r) {
  auto parse = [&](const std::string& text) -> std::optional<std::int64_t> {
    if (auto day = timeutil::parse_date(text)) return day;
    auto b =
        diags_.error(DiagCode::InvalidLiteral, r.span, "invalid date `" + text + "`", "not a date");
    if (auto why = why_not_a_date(text)) b.note(*why);
    return std::nullopt;
  };
  const auto first = parse(r.first);
  if (!first) return std::nullopt;
  const auto last = r.last.empty() ? first : parse(r.last);
  if (!last) return std::nullopt;
  if (*last < *first) {
    diags_
        .error(DiagCode::BadCalendar, r.span,
               "the date range `" + r.first + ".." + r.last + "` ends before it starts", "reversed")
        .help("write the earlier date first");
    return std::nullopt;
  }
  return std::make_pair(*first, *last);
}

void Checker::collect_calendar(const ast::CalendarDecl& d) {
  for (const CalendarSymbol& c : m_.calendars) {
    if (c.name == d.name.text) return report_defined_twice("calendar", d.name, c.decl->name.span);
  }
  const std::size_t errors_before = diags_.error_count();
  CalendarSymbol sym;
  sym.name = d.name.text;
  sym.label = d.label ? d.label->text : std::string();
  sym.decl = &d;
  if (d.zone) {
    sym.spec.zone = d.zone->text;
    if (sop::find_zone(sym.spec.zone) == nullptr) {
      auto b = diags_.error(DiagCode::UnknownTimeZone, d.zone->span,
                            "unknown time zone `" + sym.spec.zone + "`", "not in the tz database");
      if (auto near = closest_name(sym.spec.zone, sop::zone_names())) {
        b.help("did you mean `" + *near + "`?");
      } else {
        b.help("zones are IANA names such as `Asia/Shanghai` or `Europe/Berlin`");
      }
    }
  }
  std::array<const ast::WeekLine*, 7> given{};
  for (const ast::WeekLine& w : d.weeks) {
    std::vector<int> days;
    for (const ast::DayRange& r : w.days) {
      const auto first = weekday(r.first.text);
      const auto last = r.last ? weekday(r.last->text) : first;
      const ast::Ident& bad = !first ? r.first : *r.last;
      if (!first || !last) {
        auto b = diags_.error(DiagCode::BadCalendar, bad.span,
                              "`" + bad.text + "` is not a weekday", "not a weekday");
        std::vector<std::string> names(kWeekdays.begin(), kWeekdays.end());
        if (auto near = closest_name(bad.text, names)) {
          b.help("did you mean `" + *near + "`?");
        } else {
          b.help("weekdays are written mon, tue, wed, thu, fri, sat, sun");
        }
        continue;
      }
      if (*last < *first) {
        diags_
            .error(DiagCode::BadCalendar, r.span,
                   "the days `" + r.first.text + ".." + r.last->text + "` are not in week order",
                   "reversed")
            .help("weeks run from mon to sun; write `mon..fri`, or list days: `sat, sun`");
        continue;
      }
      for (int day = *first; day <= *last; ++day) days.push_back(day);
    }
    auto hours = day_hours(w.hours, "`week` days");
    for (int day : days) {
      const auto i = static_cast<std::size_t>(day);
      if (given[i] != nullptr) {
        diags_
            .error(DiagCode::BadCalendar, w.span,
                   "`" + std::string(kWeekdays[i]) + "` is given hours twice in calendar `" +
                       sym.name + "`",
                   "again here")
            .label(given[i]->span, "first given here")
            .help(
                "give each weekday one line; several intervals go on it: `09:00..12:00, "
                "13:00..18:00`");
        continue;
      }
      given[i] = &w;
      if (hours) sym.spec.week[i] = *hours;
    }
  }
  for (const ast::DateRange& r : d.closed) {
    if (auto span = date_span(r)) sym.spec.closed.push_back(*span);
  }
  // Extra working days work the hours written, else those of the first working weekday.
  std::vector<sop::DayHours> regular;
  for (const auto& day : sym.spec.week) {
    if (!day.empty()) {
      regular = day;
      break;
    }
  }
  for (const ast::OpenLine& o : d.open) {
    std::optional<std::vector<sop::DayHours>> hours = regular;
    if (!o.hours.empty()) {
      hours = day_hours(o.hours, "the `open` days");
    } else if (regular.empty()) {
      diags_
          .error(DiagCode::BadCalendar, o.span,
                 "`open` days need hours: calendar `" + sym.name + "` has no working weekday",
                 "no hours to copy")
          .help("write the hours after the dates: `open 2026-10-10 09:00..18:00`");
      hours.reset();
    }
    for (const ast::DateRange& r : o.dates) {
      const auto span = date_span(r);
      if (!span || !hours) continue;
      for (std::int64_t day = span->first; day <= span->second; ++day) {
        for (const auto& [from, to] : sym.spec.closed) {
          if (day < from || day > to) continue;
          diags_
              .error(DiagCode::BadCalendar, r.span,
                     "`" + timeutil::format_date(day) + "` is both closed and open", "open here")
              .help("remove it from `closed` or from `open`");
        }
        sym.spec.open.push_back({day, *hours});
      }
    }
  }
  bool works = !sym.spec.open.empty();
  for (const auto& day : sym.spec.week) works = works || !day.empty();
  if (!works && diags_.error_count() == errors_before) {
    diags_
        .error(DiagCode::BadCalendar, d.name.span,
               "calendar `" + sym.name + "` has no working hours", "never open")
        .help("add a working week, as in `week mon..fri 09:00..18:00`");
  }
  m_.calendars.push_back(std::move(sym));
}

}  // namespace strata::check
