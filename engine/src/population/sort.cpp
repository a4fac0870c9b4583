#include "population/sort.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace strata::population {

namespace {

// A value to sort as an unsigned key (its offset from the smallest value) and its row.
template <class K>
struct Item {
  K key;
  std::uint32_t row;
};

// Stable LSD radix sort on the bytes of the keys, skipping byte positions where every key has
// the same byte (a column of day counts needs two passes, not eight).
template <class K>
void radix_sort(std::vector<Item<K>>& items) {
  constexpr int kBytes = sizeof(K);
  const std::size_t n = items.size();
  std::array<std::array<std::size_t, 256>, kBytes> counts{};
  for (const Item<K>& it : items) {
    for (int b = 0; b < kBytes; ++b) ++counts[b][(it.key >> (8 * b)) & 0xFF];
  }
  std::vector<Item<K>> buffer(n);
  Item<K>* from = items.data();
  Item<K>* to = buffer.data();
  for (int b = 0; b < kBytes; ++b) {
    auto& c = counts[b];
    if (n == 0 || c[(from[0].key >> (8 * b)) & 0xFF] == n) continue;
    std::size_t offset = 0;
    for (std::size_t& x : c) {
      const std::size_t k = x;
      x = offset;
      offset += k;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t digit = (from[i].key >> (8 * b)) & 0xFF;
      to[c[digit]++] = from[i];
    }
    std::swap(from, to);
  }
  if (from != items.data()) std::copy_n(from, n, items.data());
}

// Sorts the present values, all within [low, low + 2^64): as 32-bit offsets when they fit.
template <class V>
Sorted sort_offsets(const V* values, const std::uint8_t* present, std::size_t rows, V low,
                    std::uint64_t range) {
  Sorted out;
  auto run = [&](auto key_type) {
    using K = decltype(key_type);
    std::vector<Item<K>> items;
    items.reserve(rows);
    for (std::size_t r = 0; r < rows; ++r) {
      if (present[r]) {
        // In 128 bits, so the difference cannot overflow.
        const auto offset = static_cast<std::uint64_t>(static_cast<Decimal::Rep>(values[r]) -
                                                       static_cast<Decimal::Rep>(low));
        items.push_back({static_cast<K>(offset), static_cast<std::uint32_t>(r)});
      }
    }
    radix_sort(items);
    out.rows.resize(items.size());
    out.values.resize(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      out.rows[i] = items[i].row;
      out.values[i] = static_cast<Decimal::Rep>(low) + static_cast<Decimal::Rep>(items[i].key);
    }
  };
  if (range <= std::numeric_limits<std::uint32_t>::max()) {
    run(std::uint32_t{});
  } else {
    run(std::uint64_t{});
  }
  return out;
}

}  // namespace

Sorted sort_rows(const std::int64_t* values, const std::uint8_t* present, std::size_t rows) {
  std::int64_t low = std::numeric_limits<std::int64_t>::max();
  std::int64_t high = std::numeric_limits<std::int64_t>::min();
  for (std::size_t r = 0; r < rows; ++r) {
    if (!present[r]) continue;
    low = std::min(low, values[r]);
    high = std::max(high, values[r]);
  }
  const std::uint64_t range =
      low <= high ? static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low) : 0;
  return sort_offsets(values, present, rows, low, range);
}

Sorted sort_rows(const Decimal::Rep* values, const std::uint8_t* present, std::size_t rows) {
  Decimal::Rep low = 0, high = 0;
  bool any = false;
  for (std::size_t r = 0; r < rows; ++r) {
    if (!present[r]) continue;
    low = any ? std::min(low, values[r]) : values[r];
    high = any ? std::max(high, values[r]) : values[r];
    any = true;
  }
  // Decimals spanning less than 2^64 millionths (every money column in practice) sort as
  // offsets; wider ones by comparison.
  Decimal::Rep span = 0;
  const bool narrow = !__builtin_sub_overflow(high, low, &span) &&
                      span <= Decimal::Rep(std::numeric_limits<std::uint64_t>::max());
  if (!any || narrow) {
    return sort_offsets(values, present, rows, low, static_cast<std::uint64_t>(span));
  }
  Sorted out;
  out.rows.reserve(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    if (present[r]) out.rows.push_back(static_cast<std::uint32_t>(r));
  }
  std::stable_sort(out.rows.begin(), out.rows.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return values[a] < values[b]; });
  out.values.reserve(out.rows.size());
  for (std::uint32_t r : out.rows) out.values.push_back(values[r]);
  return out;
}

}  // namespace strata::population
