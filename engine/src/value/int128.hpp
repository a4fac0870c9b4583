// Small helpers for 128-bit integers shared by the decimal code and the data readers.
//
// ISO C++ has no 128-bit integer; GCC and Clang do. The `__extension__` typedef keeps
// -Wpedantic quiet in every file that uses these names, so code outside this header never
// spells `__int128` itself.
#pragma once

#include <cstdint>
#include <limits>

#include "strata/decimal.hpp"

namespace strata::value {

__extension__ typedef unsigned __int128 U128;

inline constexpr Decimal::Rep kRepMax = static_cast<Decimal::Rep>(~U128(0) >> 1);
inline constexpr Decimal::Rep kRepMin = -kRepMax - 1;

// |v| as unsigned, correct for the most negative value too.
inline constexpr U128 magnitude(Decimal::Rep v) {
  return v < 0 ? U128(0) - static_cast<U128>(v) : static_cast<U128>(v);
}

// -m as a signed value; m may be 2^127 (the most negative value).
inline constexpr Decimal::Rep negate_magnitude(U128 m) {
  return static_cast<Decimal::Rep>(U128(0) - m);
}

// 10^n for 0 <= n <= 38.
inline constexpr Decimal::Rep pow10(int n) {
  Decimal::Rep p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// Writes the decimal digits of `m` ending just before `end`; returns the first digit's position.
// The buffer needs room for 39 digits.
inline char* write_digits(U128 m, char* end) {
  char* p = end;
  // Chunks of 18 digits through 64-bit division are much faster than 128-bit division per digit.
  constexpr std::uint64_t kChunk = 1'000'000'000'000'000'000ull;
  while (m >= kChunk) {
    std::uint64_t part = static_cast<std::uint64_t>(m % kChunk);
    m /= kChunk;
    for (int i = 0; i < 18; ++i) {
      *--p = static_cast<char>('0' + part % 10);
      part /= 10;
    }
  }
  std::uint64_t rest = static_cast<std::uint64_t>(m);
  do {
    *--p = static_cast<char>('0' + rest % 10);
    rest /= 10;
  } while (rest != 0);
  return p;
}

}  // namespace strata::value
