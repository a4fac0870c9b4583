// The value domain of the analysis: what one atom (a field, an aggregate, ...) may be.
//
// Every value the analysis reasons about is an integer on its type's grid: ints as themselves,
// decimals in millionths (Decimal's units, so `x > 5` over a decimal is `x >= 5.000001` exactly),
// dates in days, date-times and durations in seconds, bools as 0/1, enum values and tiers by
// ordinal, strings by their rank among the constants they are compared with. A Domain is a set of
// closed intervals on that grid plus whether none (missing) is possible, so negation is exact:
// the complement of "x > 5" within the atom's universe is "x <= 5 or x is none".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "strata/decimal.hpp"

namespace strata::linter {

using Num = Decimal::Rep;

struct Interval {
  Num lo = 0, hi = 0;  // inclusive; lo <= hi
  friend bool operator==(const Interval&, const Interval&) = default;
};

class Domain {
 public:
  Domain() = default;
  static Domain range(Num lo, Num hi, bool none = false);
  static Domain point(Num v) { return range(v, v); }
  static Domain none_only();
  static Domain empty() { return Domain(); }

  bool has_none() const { return none_; }
  const std::vector<Interval>& ranges() const { return ranges_; }
  bool is_empty() const { return !none_ && ranges_.empty(); }
  bool has_values() const { return !ranges_.empty(); }
  bool contains(Num v) const;

  Domain intersect(const Domain& other) const;
  Domain unite(const Domain& other) const;
  // The part of `universe` outside this domain.
  Domain complement_in(const Domain& universe) const;
  bool subset_of(const Domain& other) const;
  bool disjoint(const Domain& other) const { return intersect(other).is_empty(); }
  Domain with_none(bool none) const {
    Domain d = *this;
    d.none_ = none;
    return d;
  }
  Domain values_only() const { return with_none(false); }

  friend bool operator==(const Domain&, const Domain&) = default;

 private:
  void add(Num lo, Num hi);  // appends, merging with the last interval; input sorted
  bool none_ = false;
  std::vector<Interval> ranges_;
};

inline constexpr Num kNumMax = (static_cast<Num>(1) << 126);
inline constexpr Num kNumMin = -kNumMax;

std::string num_to_string(Num v);

}  // namespace strata::linter
