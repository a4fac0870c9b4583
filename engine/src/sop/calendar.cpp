// Building a calendar's day table from its spec, and local/UTC conversion in its zone.
//
// The tz database is the system's (/usr/share/zoneinfo, Debian's tzdata), read by Howard
// Hinnant's date library (libdate-tz, built with USE_OS_TZDB). Building asks the zone only near
// its transitions: between them the UTC offset is known, so most of the ~47,000 days of the
// table cost a few additions.
#include "sop/calendar.hpp"

#include <date/tz.h>

#include <algorithm>

#include "strata/time.hpp"

namespace strata::sop {

namespace {

using std::chrono::seconds;

// 1970-01-01 was a Thursday; Monday is 0.
int weekday_index(std::int64_t day) {
  return static_cast<int>(((day + 3) % 7 + 7) % 7);
}

// Local -> UTC with a cached offset period: exact, and cheap away from transitions.
class ZoneClock {
 public:
  explicit ZoneClock(const date::time_zone* zone) : zone_(zone) {}

  std::int64_t to_utc(std::int64_t local) {
    if (zone_ == nullptr) return local;
    if (valid_) {
      const std::int64_t guess = local - offset_;
      // A day's margin from either transition: no other offset can apply to this local time.
      if (guess >= begin_ + timeutil::kSecondsPerDay && guess < end_ - timeutil::kSecondsPerDay) {
        return guess;
      }
    }
    const auto utc = zone_->to_sys(date::local_seconds{seconds{local}}, date::choose::earliest);
    const date::sys_info info = zone_->get_info(utc);
    offset_ = info.offset.count();
    begin_ = info.begin.time_since_epoch().count();
    end_ = info.end.time_since_epoch().count();
    valid_ = true;
    return utc.time_since_epoch().count();
  }

 private:
  const date::time_zone* zone_;
  bool valid_ = false;
  std::int64_t offset_ = 0, begin_ = 0, end_ = 0;
};

}  // namespace

const date::time_zone* find_zone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

std::vector<std::string> zone_names() {
  std::vector<std::string> names;
  try {
    for (const date::time_zone& z : date::get_tzdb().zones) names.emplace_back(z.name());
  } catch (const std::exception&) {
  }
  return names;
}

std::optional<Calendar> Calendar::build(const CalendarSpec& spec, std::string* error) {
  Calendar cal;
  if (!spec.zone.empty()) {
    cal.zone_ = find_zone(spec.zone);
    if (cal.zone_ == nullptr) {
      if (error) *error = "unknown time zone `" + spec.zone + "`";
      return std::nullopt;
    }
  }
  const std::int64_t first = timeutil::days_from_civil(kCalendarFirstYear, 1, 1);
  const std::int64_t last = timeutil::days_from_civil(kCalendarEndYear, 1, 1);
  const auto days = static_cast<std::size_t>(last - first);
  cal.first_day_ = first;
  cal.midnight_utc_.reserve(days + 1);
  cal.worked_before_.reserve(days + 1);
  cal.first_interval_.reserve(days + 1);
  cal.offset_.reserve(days + 1);
  cal.offset_changes_.reserve(days + 1);

  std::vector<std::uint8_t> closed(days, 0);
  for (const auto& [from, to] : spec.closed) {
    for (std::int64_t d = std::max(from, first); d <= std::min(to, last - 1); ++d) {
      closed[static_cast<std::size_t>(d - first)] = 1;
    }
  }
  std::vector<const std::vector<DayHours>*> extra(days, nullptr);
  for (const ExtraDay& e : spec.open) {
    if (e.day >= first && e.day < last) extra[static_cast<std::size_t>(e.day - first)] = &e.hours;
  }

  ZoneClock clock(cal.zone_);
  std::int64_t worked = 0;
  std::int64_t midnight = clock.to_utc(first * timeutil::kSecondsPerDay);
  for (std::size_t i = 0; i < days; ++i) {
    const std::int64_t day = first + static_cast<std::int64_t>(i);
    const std::int64_t local_midnight = day * timeutil::kSecondsPerDay;
    const std::int64_t next = clock.to_utc(local_midnight + timeutil::kSecondsPerDay);
    cal.midnight_utc_.push_back(midnight);
    cal.worked_before_.push_back(worked);
    cal.first_interval_.push_back(static_cast<std::uint32_t>(cal.intervals_.size()));
    cal.offset_.push_back(static_cast<std::int32_t>(local_midnight - midnight));
    cal.offset_changes_.push_back(next - midnight != timeutil::kSecondsPerDay ? 1 : 0);
    const std::vector<DayHours>* hours = extra[i];
    if (hours == nullptr && !closed[i])
      hours = &spec.week[static_cast<std::size_t>(weekday_index(day))];
    if (hours != nullptr) {
      for (const DayHours& h : *hours) {
        const std::int64_t b = clock.to_utc(local_midnight + std::int64_t{h.begin} * 60);
        const std::int64_t e = clock.to_utc(local_midnight + std::int64_t{h.end} * 60);
        if (e <= b) continue;  // hours that fall entirely into a skipped hour
        cal.intervals_.emplace_back(b, e);
        worked += e - b;
      }
    }
    midnight = next;
  }
  cal.midnight_utc_.push_back(midnight);
  cal.worked_before_.push_back(worked);
  cal.first_interval_.push_back(static_cast<std::uint32_t>(cal.intervals_.size()));
  cal.offset_.push_back(cal.offset_.back());
  cal.offset_changes_.push_back(1);
  return cal;
}

bool Calendar::covers(std::int64_t local) const {
  const std::int64_t day = timeutil::floor_div(local, timeutil::kSecondsPerDay);
  return day >= first_day_ &&
         day < first_day_ + static_cast<std::int64_t>(midnight_utc_.size()) - 1;
}

std::int64_t Calendar::to_utc(std::int64_t local) const {
  const std::int64_t day = timeutil::floor_div(local, timeutil::kSecondsPerDay) - first_day_;
  if (day >= 0 && day + 1 < static_cast<std::int64_t>(offset_.size()) &&
      !offset_changes_[static_cast<std::size_t>(day)]) {
    return local - offset_[static_cast<std::size_t>(day)];
  }
  if (zone_ == nullptr) return local;
  return zone_->to_sys(date::local_seconds{seconds{local}}, date::choose::earliest)
      .time_since_epoch()
      .count();
}

std::int64_t Calendar::to_local(std::int64_t utc) const {
  if (zone_ == nullptr) return utc;
  if (utc >= midnight_utc_.front() && utc < midnight_utc_.back()) {
    const std::size_t i = day_index(utc);
    if (!offset_changes_[i]) return utc + offset_[i];
  }
  return zone_->to_local(date::sys_seconds{seconds{utc}}).time_since_epoch().count();
}

std::size_t Calendar::day_index(std::int64_t utc) const {
  const auto last = static_cast<std::int64_t>(midnight_utc_.size()) - 2;
  std::int64_t i = timeutil::floor_div(utc - midnight_utc_.front(), timeutil::kSecondsPerDay);
  i = std::clamp<std::int64_t>(i, 0, last);
  // Days are 23 to 25 hours long, so the estimate is off by at most one day.
  while (i > 0 && midnight_utc_[static_cast<std::size_t>(i)] > utc) --i;
  while (i < last && midnight_utc_[static_cast<std::size_t>(i + 1)] <= utc) ++i;
  return static_cast<std::size_t>(i);
}

std::int64_t Calendar::working_before(std::int64_t utc) const {
  if (utc <= midnight_utc_.front()) return 0;
  if (utc >= midnight_utc_.back()) return worked_before_.back();
  const std::size_t i = day_index(utc);
  std::int64_t w = worked_before_[i];
  for (std::uint32_t k = first_interval_[i]; k < first_interval_[i + 1]; ++k) {
    const auto [b, e] = intervals_[k];
    if (utc <= b) break;
    w += std::min(utc, e) - b;
  }
  return w;
}

std::int64_t Calendar::working_between(std::int64_t local_a, std::int64_t local_b) const {
  return working_before(to_utc(local_b)) - working_before(to_utc(local_a));
}

std::optional<std::int64_t> Calendar::add_working(std::int64_t local, std::int64_t secs) const {
  if (secs <= 0) return local;
  const std::int64_t target = working_before(to_utc(local)) + secs;
  if (target > worked_before_.back()) return std::nullopt;
  // The first day whose end has at least `target` working seconds before it.
  const auto it = std::lower_bound(worked_before_.begin() + 1, worked_before_.end(), target);
  const auto day = static_cast<std::size_t>(it - worked_before_.begin() - 1);
  std::int64_t rest = target - worked_before_[day];
  for (std::uint32_t k = first_interval_[day]; k < first_interval_[day + 1]; ++k) {
    const auto [b, e] = intervals_[k];
    if (rest <= e - b) return to_local(b + rest);
    rest -= e - b;
  }
  return std::nullopt;  // unreachable: the day's intervals hold `rest`
}

std::int64_t Calendar::working_seconds_on(std::int64_t day) const {
  const std::int64_t i = day - first_day_;
  if (i < 0 || i + 1 >= static_cast<std::int64_t>(worked_before_.size())) return 0;
  return worked_before_[static_cast<std::size_t>(i + 1)] -
         worked_before_[static_cast<std::size_t>(i)];
}

std::size_t Calendar::memory_bytes() const {
  return midnight_utc_.capacity() * 8 + worked_before_.capacity() * 8 +
         first_interval_.capacity() * 4 + offset_.capacity() * 4 + offset_changes_.capacity() +
         intervals_.capacity() * 16;
}

}  // namespace strata::sop
