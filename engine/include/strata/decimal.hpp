// Exact decimal numbers for money and ratios.
//
// A Decimal is a fixed-point number: a signed 128-bit count of millionths (scale 6). 128 bits hold
// 32 integer digits, so a sum of 10^8 values of 10^12 (10^20) is exact; every operation checks for
// overflow and reports it instead of wrapping. Products and quotients are computed exactly in
// 256-bit integers (Boost.Multiprecision) when 128 bits could overflow, then rounded to 6 places.
//
// Rounding (docs/language.md): results that need more than 6 decimal places — products, quotients,
// round(x, n) — are rounded half away from zero (2.5 -> 3, -2.5 -> -3), as SQL NUMERIC and
// spreadsheets do. Sums and differences are always exact.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace strata {

class Decimal {
 public:
  __extension__ typedef __int128 Rep;  // __extension__: no -Wpedantic warning in every includer
  static constexpr int kScale = 6;
  static constexpr std::int64_t kOne = 1'000'000;

  constexpr Decimal() = default;
  static constexpr Decimal from_units(Rep units) {
    Decimal d;
    d.units_ = units;
    return d;
  }
  static constexpr Decimal from_int(std::int64_t value) { return from_units(Rep(value) * kOne); }

  // Parses "123", "-4.5", "0.000001", "1_000.25" (underscores allowed only when
  // `allow_underscores`). Fails (nullopt) on more than 6 decimal places, on anything that is not a
  // number, and when the value does not fit.
  static std::optional<Decimal> parse(std::string_view text, bool allow_underscores = false);

  constexpr Rep units() const { return units_; }
  // Shortest exact text: "23410.5", "-3", "0.000001".
  std::string to_string() const;
  // With thousands separators and at least `min_places` decimals: "23,410.50".
  std::string to_display(int min_places = 2) const;
  double to_double() const;
  bool is_integer() const { return units_ % kOne == 0; }
  // The integer part when it fits in 64 bits (truncated toward zero).
  std::optional<std::int64_t> to_int() const;

  friend constexpr auto operator<=>(Decimal a, Decimal b) {
    return a.units_ < b.units_   ? std::strong_ordering::less
           : a.units_ > b.units_ ? std::strong_ordering::greater
                                 : std::strong_ordering::equal;
  }
  friend constexpr bool operator==(Decimal a, Decimal b) { return a.units_ == b.units_; }

  // Checked arithmetic: each returns false (leaving `out` unspecified) on overflow, or for
  // divide when `b` is zero.
  static bool add(Decimal a, Decimal b, Decimal& out);
  static bool sub(Decimal a, Decimal b, Decimal& out);
  static bool mul(Decimal a, Decimal b, Decimal& out);
  static bool div(Decimal a, Decimal b, Decimal& out);
  static bool negate(Decimal a, Decimal& out);
  // Rounds to `places` decimals (0..6), half away from zero; negative places round to tens, ...
  static bool round(Decimal a, int places, Decimal& out);
  static Decimal floor(Decimal a);
  static Decimal ceil(Decimal a);
  static Decimal abs(Decimal a);

 private:
  Rep units_ = 0;
};

}  // namespace strata
