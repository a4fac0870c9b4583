// The order of record keys, which breaks ties between customers with equal values.
//
// `ntile(x, n)` is SQL's NTILE(n) OVER (ORDER BY x, key) and `cumulative_share(x)` orders by x
// descending, then key: customers with the same value are ordered by their key, so results do not
// depend on the order of rows in the data. Text keys compare by their bytes (SQL's binary
// collation, as SQLite's default), other keys by value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "strata/dataset.hpp"

namespace strata::population {

// One key, detached from any dataset (for a record evaluated against a population snapshot).
struct Key {
  bool text = false;
  std::string s;        // text keys
  Decimal::Rep n = 0;   // other keys, widened
  bool present = true;  // a record whose key was not set sorts first
};

int compare_keys(const Key& a, const Key& b);

// The key column of a dataset.
class KeyColumn {
 public:
  explicit KeyColumn(const Dataset& data);
  bool less(std::uint32_t a, std::uint32_t b) const { return compare(a, b) < 0; }
  // Whether the rows are in ascending key order already (exports sorted by customer number are
  // common): then ties in row order are in key order too, and nothing needs sorting by key.
  bool rows_in_key_order() const;
  int compare(std::uint32_t a, std::uint32_t b) const;
  Key key(std::uint32_t row) const;

 private:
  const Column* column_ = nullptr;
  const StringPool* pool_ = nullptr;
  const std::int32_t* ids_ = nullptr;  // text keys: their string ids
  bool all_present_ = true;
  std::string_view text(std::uint32_t row) const;
  Decimal::Rep number(std::uint32_t row) const;
};

}  // namespace strata::population
