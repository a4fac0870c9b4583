// Decimal arithmetic: checked sums, exact products and quotients, rounding.
//
// Sums and differences use the compiler's overflow builtins on the 128-bit count of millionths.
// A product a*b of two scaled values needs a division by 10^6 afterwards, and a quotient needs
// a multiplication by 10^6 first; both intermediates can exceed 128 bits even when the result
// fits, so they are computed in 256-bit integers whenever the 128-bit computation could overflow.
// Every rounding step is half away from zero (docs/decimal.md).
#include <boost/multiprecision/cpp_int.hpp>

#include "strata/decimal.hpp"
#include "value/int128.hpp"

namespace strata {

namespace {

using Rep = Decimal::Rep;
using boost::multiprecision::int256_t;
using value::U128;

// n / d rounded half away from zero; d != 0. The remainder test is written without doubling
// the remainder so that it cannot overflow.
Rep div_round(Rep n, Rep d) {
  Rep q = n / d;
  Rep r = n % d;
  if (r != 0) {
    U128 ar = value::magnitude(r);
    U128 ad = value::magnitude(d);
    if (ar >= ad - ar) q += ((n < 0) != (d < 0)) ? -1 : 1;
  }
  return q;
}

int256_t div_round(const int256_t& n, const int256_t& d) {
  int256_t q = n / d;
  int256_t r = n % d;
  if (r != 0) {
    int256_t ar = r < 0 ? int256_t(-r) : r;
    int256_t ad = d < 0 ? int256_t(-d) : d;
    if (ar * 2 >= ad) q += ((n < 0) != (d < 0)) ? -1 : 1;
  }
  return q;
}

int256_t to_wide(Rep v) {
  // cpp_int has no constructor from __int128 on every Boost version: go through two halves.
  U128 m = value::magnitude(v);
  int256_t w = static_cast<std::uint64_t>(m >> 64);
  w <<= 64;
  w |= static_cast<std::uint64_t>(m);
  return v < 0 ? int256_t(-w) : w;
}

bool from_wide(const int256_t& w, Rep& out) {
  static const int256_t kMax = to_wide(value::kRepMax);
  static const int256_t kMin = to_wide(value::kRepMin);
  if (w > kMax || w < kMin) return false;
  int256_t m = w < 0 ? int256_t(-w) : w;
  U128 mag = (U128(static_cast<std::uint64_t>(m >> 64)) << 64) |
             U128(static_cast<std::uint64_t>(m & std::numeric_limits<std::uint64_t>::max()));
  out = w < 0 ? value::negate_magnitude(mag) : static_cast<Rep>(mag);
  return true;
}

bool fits_int64(Rep v) {
  return v >= std::numeric_limits<std::int64_t>::min() &&
         v <= std::numeric_limits<std::int64_t>::max();
}

}  // namespace

bool Decimal::add(Decimal a, Decimal b, Decimal& out) {
  return !__builtin_add_overflow(a.units_, b.units_, &out.units_);
}

bool Decimal::sub(Decimal a, Decimal b, Decimal& out) {
  return !__builtin_sub_overflow(a.units_, b.units_, &out.units_);
}

bool Decimal::negate(Decimal a, Decimal& out) {
  if (a.units_ == value::kRepMin) return false;
  out.units_ = -a.units_;
  return true;
}

bool Decimal::mul(Decimal a, Decimal b, Decimal& out) {
  // Fast path: two values below 2^63 units multiply without overflow in 128 bits (the common
  // case: amounts below about 9.2 * 10^12).
  if (fits_int64(a.units_) && fits_int64(b.units_)) {
    out.units_ = div_round(a.units_ * b.units_, Rep(kOne));
    return true;
  }
  Rep product;
  if (!__builtin_mul_overflow(a.units_, b.units_, &product)) {
    out.units_ = div_round(product, Rep(kOne));
    return true;
  }
  int256_t wide = div_round(to_wide(a.units_) * to_wide(b.units_), int256_t(kOne));
  return from_wide(wide, out.units_);
}

bool Decimal::div(Decimal a, Decimal b, Decimal& out) {
  if (b.units_ == 0) return false;
  Rep scaled;
  if (!__builtin_mul_overflow(a.units_, Rep(kOne), &scaled)) {
    // The most negative value divided by -1 unit is the only 128-bit quotient that overflows.
    if (scaled == value::kRepMin && b.units_ == -1) return false;
    out.units_ = div_round(scaled, b.units_);
    return true;
  }
  int256_t wide = div_round(to_wide(a.units_) * int256_t(kOne), to_wide(b.units_));
  return from_wide(wide, out.units_);
}

bool Decimal::round(Decimal a, int places, Decimal& out) {
  if (places >= kScale) {
    out = a;
    return true;
  }
  // 10^39 exceeds every 128-bit value, so rounding to that many tens or more gives zero.
  int drop = kScale - places;
  if (drop > 38) {
    out.units_ = 0;
    return true;
  }
  Rep factor = value::pow10(drop);
  Rep q = div_round(a.units_, factor);
  return !__builtin_mul_overflow(q, factor, &out.units_);
}

Decimal Decimal::floor(Decimal a) {
  Rep q = a.units_ / kOne;
  if (a.units_ % kOne < 0) --q;
  Rep result;
  // Only the integer part of the most negative value lies outside the range; it stays truncated.
  if (__builtin_mul_overflow(q, Rep(kOne), &result)) result = (q + 1) * kOne;
  return from_units(result);
}

Decimal Decimal::ceil(Decimal a) {
  Rep q = a.units_ / kOne;
  if (a.units_ % kOne > 0) ++q;
  Rep result;
  if (__builtin_mul_overflow(q, Rep(kOne), &result)) result = (q - 1) * kOne;
  return from_units(result);
}

Decimal Decimal::abs(Decimal a) {
  // The most negative value has no positive counterpart; it saturates to the largest value.
  if (a.units_ == value::kRepMin) return from_units(value::kRepMax);
  return from_units(a.units_ < 0 ? -a.units_ : a.units_);
}

double Decimal::to_double() const {
  // Integer and fraction parts separately: each converts exactly for everyday values, so 0.1
  // becomes the double nearest 0.1.
  Rep whole = units_ / kOne;
  Rep frac = units_ % kOne;
  return static_cast<double>(whole) + static_cast<double>(frac) / static_cast<double>(kOne);
}

std::optional<std::int64_t> Decimal::to_int() const {
  Rep whole = units_ / kOne;
  if (!fits_int64(whole)) return std::nullopt;
  return static_cast<std::int64_t>(whole);
}

}  // namespace strata
