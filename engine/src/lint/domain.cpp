#include "lint/domain.hpp"

#include <algorithm>

namespace strata::linter {

Domain Domain::range(Num lo, Num hi, bool none) {
  Domain d;
  d.none_ = none;
  if (lo <= hi) d.ranges_.push_back({lo, hi});
  return d;
}

Domain Domain::none_only() {
  Domain d;
  d.none_ = true;
  return d;
}

bool Domain::contains(Num v) const {
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), v,
                             [](Num x, const Interval& r) { return x < r.lo; });
  return it != ranges_.begin() && std::prev(it)->hi >= v;
}

void Domain::add(Num lo, Num hi) {
  if (lo > hi) return;
  if (!ranges_.empty() && ranges_.back().hi >= lo - 1) {
    ranges_.back().hi = std::max(ranges_.back().hi, hi);
    return;
  }
  ranges_.push_back({lo, hi});
}

Domain Domain::intersect(const Domain& other) const {
  Domain out;
  out.none_ = none_ && other.none_;
  std::size_t i = 0, j = 0;
  while (i < ranges_.size() && j < other.ranges_.size()) {
    const Interval& a = ranges_[i];
    const Interval& b = other.ranges_[j];
    out.add(std::max(a.lo, b.lo), std::min(a.hi, b.hi));
    if (a.hi < b.hi) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

Domain Domain::unite(const Domain& other) const {
  Domain out;
  out.none_ = none_ || other.none_;
  std::vector<Interval> all = ranges_;
  all.insert(all.end(), other.ranges_.begin(), other.ranges_.end());
  std::sort(all.begin(), all.end(),
            [](const Interval& a, const Interval& b) { return a.lo < b.lo; });
  for (const Interval& r : all) out.add(r.lo, r.hi);
  return out;
}

Domain Domain::complement_in(const Domain& universe) const {
  Domain out;
  out.none_ = universe.none_ && !none_;
  for (const Interval& u : universe.ranges_) {
    Num cursor = u.lo;
    for (const Interval& r : ranges_) {
      if (r.hi < cursor || r.lo > u.hi) continue;
      if (r.lo > cursor) out.add(cursor, r.lo - 1);
      cursor = r.hi + 1;
      if (cursor > u.hi) break;
    }
    if (cursor <= u.hi) out.add(cursor, u.hi);
  }
  return out;
}

bool Domain::subset_of(const Domain& other) const {
  if (none_ && !other.none_) return false;
  return intersect(other).ranges_ == ranges_;
}

std::string num_to_string(Num v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  std::string out;
  while (v != 0) {
    const int digit = static_cast<int>(v % 10);
    out += static_cast<char>('0' + (negative ? -digit : digit));
    v /= 10;
  }
  if (negative) out += '-';
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace strata::linter
