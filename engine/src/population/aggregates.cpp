// Aggregates over all customers: one value for the run, computed exactly.
//
// Sums are exact 128-bit sums; avg is the sum divided by the count of present values, rounded to
// 6 places half away from zero. stddev is the population standard deviation, sqrt(sum((x -
// mean)^2) / n), computed from exact integer sums (n * sum(x^2) - sum(x)^2, in arbitrary
// precision) and rounded once to 6 places. percentile(x, p) is the continuous percentile with
// linear interpolation (SQL's PERCENTILE_CONT, Hyndman and Fan's type 7): at position
// h = (n - 1) * p of the sorted values, v[floor(h)] + (h - floor(h)) * (v[floor(h) + 1] -
// v[floor(h)]), rounded to 6 places half away from zero. A statistic of no present values is
// none, except count, which is 0.
#include <boost/multiprecision/cpp_int.hpp>

#include "population/argument.hpp"
#include "value/int128.hpp"

namespace strata::population {

namespace mp = boost::multiprecision;

vm::EvalError statistic_error(const vm::Statistic& s, DiagCode code, std::string detail) {
  return vm::EvalError{code, s.span, vm::EvalError::kNoRow, std::move(detail)};
}

namespace {

vm::ParamValue int_value(std::int64_t v) {
  vm::ParamValue p;
  p.valid = true;
  p.i = v;
  return p;
}

vm::ParamValue dec_value(Decimal::Rep v) {
  vm::ParamValue p;
  p.valid = true;
  p.d = v;
  return p;
}

// The exact sum of the present values (as stored), or nullopt when it overflows 128 bits.
std::optional<Decimal::Rep> exact_sum(const Argument& a, std::size_t& count) {
  Decimal::Rep sum = 0;
  count = 0;
  for (std::uint32_t r = 0; r < a.rows; ++r) {
    if (!a.present(r)) continue;
    ++count;
    if (__builtin_add_overflow(sum, a.at(r), &sum)) return std::nullopt;
  }
  return sum;
}

using value::U128;

mp::cpp_int wide_unsigned(U128 m) {
  mp::cpp_int out = static_cast<std::uint64_t>(m >> 64);
  out <<= 64;
  out += static_cast<std::uint64_t>(m);
  return out;
}

mp::cpp_int wide(Decimal::Rep v) {
  const mp::cpp_int m = wide_unsigned(value::magnitude(v));
  return v < 0 ? mp::cpp_int(-m) : m;
}

std::optional<Decimal::Rep> narrow(const mp::cpp_int& v) {
  const mp::cpp_int limit = mp::cpp_int(1) << 127;
  if (v >= limit || v < -limit) return std::nullopt;
  const mp::cpp_int m = abs(v);
  const auto hi = static_cast<std::uint64_t>(m >> 64);
  const auto lo = static_cast<std::uint64_t>(m & std::numeric_limits<std::uint64_t>::max());
  const U128 u = (static_cast<U128>(hi) << 64) | lo;
  return v < 0 ? value::negate_magnitude(u) : static_cast<Decimal::Rep>(u);
}

std::optional<vm::EvalError> stddev(const vm::Statistic& s, const Argument& a,
                                    vm::ParamValue& out) {
  // Sums of the stored values w (ints, or decimals in millionths): 128-bit sums and a 192-bit
  // sum of squares while every |w| < 2^63, arbitrary precision otherwise.
  std::size_t n = 0;
  bool small = true;
  for (std::uint32_t r = 0; r < a.rows && small; ++r) {
    const Decimal::Rep w = a.at(r);
    small = !a.present(r) || (w > -(Decimal::Rep(1) << 63) && w < (Decimal::Rep(1) << 63));
  }
  mp::cpp_int sum, squares;
  if (small) {
    Decimal::Rep s1 = 0;
    U128 low = 0;
    std::uint64_t high = 0;
    for (std::uint32_t r = 0; r < a.rows; ++r) {
      if (!a.present(r)) continue;
      ++n;
      const Decimal::Rep w = a.at(r);
      s1 += w;
      const U128 m = value::magnitude(w);
      const U128 sq = m * m;
      low += sq;
      high += low < sq ? 1 : 0;
    }
    sum = wide(s1);
    squares = mp::cpp_int(high);
    squares <<= 128;
    squares += wide_unsigned(low);
  } else {
    for (std::uint32_t r = 0; r < a.rows; ++r) {
      if (!a.present(r)) continue;
      ++n;
      const mp::cpp_int w = wide(a.at(r));
      sum += w;
      squares += w * w;
    }
  }
  if (n == 0) return std::nullopt;
  // In millionths, sd = sqrt(n * sum(w^2) - sum(w)^2) * scale / n; rounded half up (sd >= 0):
  // with m = floor(isqrt(4 * N * scale^2) / n), the nearest integer is floor((m + 1) / 2).
  const mp::cpp_int scale = a.bank == vm::Bank::D ? 1 : Decimal::kOne;
  const mp::cpp_int spread = (mp::cpp_int(n) * squares - sum * sum) * scale * scale;
  const mp::cpp_int four_spread = spread * 4;
  const mp::cpp_int m = mp::sqrt(four_spread) / mp::cpp_int(n);
  const std::optional<Decimal::Rep> units = narrow((m + 1) / 2);
  if (!units) {
    return statistic_error(s, DiagCode::DecimalOverflow,
                           "the standard deviation does not fit in a decimal");
  }
  out = dec_value(*units);
  return std::nullopt;
}

std::optional<vm::EvalError> percentile(const vm::Statistic& s, const Argument& a,
                                        const Sorted& sorted, vm::ParamValue& out) {
  const std::vector<Decimal::Rep>& v = sorted.values;
  if (v.empty()) return std::nullopt;
  // h = (n - 1) * p exactly: p has 6 places, so h's fractional part is in millionths.
  const Decimal::Rep h = Decimal::Rep(v.size() - 1) * s.fraction;
  const auto low = static_cast<std::size_t>(h / Decimal::kOne);
  const Decimal::Rep fraction = h % Decimal::kOne;
  const Decimal::Rep base = a.units_of(v[low]);
  if (fraction == 0) {
    out = dec_value(base);
    return std::nullopt;
  }
  Decimal::Rep diff = 0;
  Decimal step, result;
  const bool ok = !__builtin_sub_overflow(a.units_of(v[low + 1]), base, &diff) &&
                  Decimal::mul(Decimal::from_units(fraction), Decimal::from_units(diff), step) &&
                  Decimal::add(Decimal::from_units(base), step, result);
  if (!ok) {
    return statistic_error(s, DiagCode::DecimalOverflow,
                           "the percentile does not fit in a decimal");
  }
  out = dec_value(result.units());
  return std::nullopt;
}

}  // namespace

std::optional<vm::EvalError> compute_aggregate(const vm::Statistic& s, const Argument& a,
                                               const Sorted& sorted, vm::ParamValue& out) {
  out = vm::ParamValue{};
  std::size_t count = 0;
  switch (s.kind) {
    case vm::StatKind::Count:
      for (std::uint32_t r = 0; r < a.rows; ++r) {
        count += a.present(r) && (a.kind != TypeKind::Bool || a.i[r] != 0);
      }
      out = int_value(static_cast<std::int64_t>(count));
      return std::nullopt;
    case vm::StatKind::Sum:
    case vm::StatKind::Avg: {
      const std::optional<Decimal::Rep> sum = exact_sum(a, count);
      const bool ints = a.bank == vm::Bank::I;
      if (!sum) {
        return statistic_error(s, ints ? DiagCode::IntegerOverflow : DiagCode::DecimalOverflow,
                               "the sum over all customers does not fit");
      }
      if (count == 0) return std::nullopt;
      if (s.kind == vm::StatKind::Sum) {
        if (!ints) {
          out = dec_value(*sum);
        } else if (*sum < std::numeric_limits<std::int64_t>::min() ||
                   *sum > std::numeric_limits<std::int64_t>::max()) {
          return statistic_error(s, DiagCode::IntegerOverflow,
                                 "the sum over all customers does not fit in a 64-bit integer");
        } else {
          out = int_value(static_cast<std::int64_t>(*sum));
        }
        return std::nullopt;
      }
      Decimal::Rep total = *sum;
      Decimal mean;
      if ((ints && __builtin_mul_overflow(total, Decimal::Rep(Decimal::kOne), &total)) ||
          !Decimal::div(Decimal::from_units(total),
                        Decimal::from_int(static_cast<std::int64_t>(count)), mean)) {
        return statistic_error(s, DiagCode::DecimalOverflow, "the average does not fit");
      }
      out = dec_value(mean.units());
      return std::nullopt;
    }
    case vm::StatKind::Min:
    case vm::StatKind::Max: {
      const bool min = s.kind == vm::StatKind::Min;
      for (std::uint32_t r = 0; r < a.rows; ++r) {
        if (!a.present(r)) continue;
        const Decimal::Rep v = a.at(r);
        const Decimal::Rep best = a.bank == vm::Bank::D ? out.d : out.i;
        if (out.valid && (min ? v >= best : v <= best)) continue;
        out.valid = true;
        if (a.bank == vm::Bank::D) {
          out.d = v;
        } else {
          out.i = static_cast<std::int64_t>(v);
        }
      }
      return std::nullopt;
    }
    case vm::StatKind::Stddev:
      return stddev(s, a, out);
    case vm::StatKind::Percentile:
      return percentile(s, a, sorted, out);
    default:
      return std::nullopt;
  }
}

}  // namespace strata::population
