#include "population/sort.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace strata::population {

namespace {

struct Item {
  std::uint64_t key;  // order-preserving: the value with its sign bit flipped
  std::uint32_t row;
};

std::uint64_t order_key(std::int64_t v) {
  return static_cast<std::uint64_t>(v) ^ (std::uint64_t{1} << 63);
}

std::vector<std::uint32_t> radix_sort(std::vector<Item>& items) {
  const std::size_t n = items.size();
  // One pass over the keys counts every byte position; positions where all keys share the byte
  // need no pass.
  std::array<std::array<std::size_t, 256>, 8> counts{};
  for (const Item& it : items) {
    for (int b = 0; b < 8; ++b) ++counts[b][(it.key >> (8 * b)) & 0xFF];
  }
  std::vector<Item> buffer(n);
  Item* from = items.data();
  Item* to = buffer.data();
  for (int b = 0; b < 8; ++b) {
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
  std::vector<std::uint32_t> rows(n);
  for (std::size_t i = 0; i < n; ++i) rows[i] = from[i].row;
  return rows;
}

}  // namespace

std::vector<std::uint32_t> sort_rows(const std::int64_t* values, const std::uint8_t* present,
                                     std::size_t rows) {
  std::vector<Item> items;
  items.reserve(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    if (present[r]) items.push_back({order_key(values[r]), static_cast<std::uint32_t>(r)});
  }
  return radix_sort(items);
}

std::vector<std::uint32_t> sort_rows(const Decimal::Rep* values, const std::uint8_t* present,
                                     std::size_t rows) {
  constexpr Decimal::Rep kLow = std::numeric_limits<std::int64_t>::min();
  constexpr Decimal::Rep kHigh = std::numeric_limits<std::int64_t>::max();
  bool narrow = true;
  for (std::size_t r = 0; r < rows && narrow; ++r) {
    narrow = !present[r] || (values[r] >= kLow && values[r] <= kHigh);
  }
  if (narrow) {
    std::vector<Item> items;
    items.reserve(rows);
    for (std::size_t r = 0; r < rows; ++r) {
      if (present[r]) {
        items.push_back(
            {order_key(static_cast<std::int64_t>(values[r])), static_cast<std::uint32_t>(r)});
      }
    }
    return radix_sort(items);
  }
  std::vector<std::uint32_t> order;
  order.reserve(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    if (present[r]) order.push_back(static_cast<std::uint32_t>(r));
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return values[a] < values[b]; });
  return order;
}

}  // namespace strata::population
