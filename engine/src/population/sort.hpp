// Sorting the present values of one statistic argument, once per distinct argument and run.
//
// Values are 64-bit integers (int, date, datetime, duration) or 128-bit decimals; the result is
// the record rows in ascending order of value, equal values in row order (the sort is stable).
// 64-bit keys — and decimals whose values all fit in 64 bits, the usual case for money — are
// sorted by a least-significant-digit radix sort that skips the bytes every key shares, so a
// column of day counts or order counts takes two or three passes; wider decimals fall back to a
// comparison sort.
#pragma once

#include <cstdint>
#include <vector>

#include "strata/decimal.hpp"

namespace strata::population {

// The present values in ascending order, ties in row order, with the record row of each: later
// passes read values in order instead of gathering them through the rows.
struct Sorted {
  std::vector<std::uint32_t> rows;
  std::vector<Decimal::Rep> values;  // 64-bit values widened
};

Sorted sort_rows(const std::int64_t* values, const std::uint8_t* present, std::size_t rows);
Sorted sort_rows(const Decimal::Rep* values, const std::uint8_t* present, std::size_t rows);

}  // namespace strata::population
