// Placing one customer's value in the population of a snapshot.
#include "population/snapshot.hpp"

#include <algorithm>

namespace strata::population {

std::int64_t ntile_bucket(std::uint64_t i, std::uint64_t rows, std::uint64_t n) {
  const std::uint64_t size = rows / n;
  const std::uint64_t larger = rows % n;  // buckets holding size + 1 rows
  const std::uint64_t in_larger = larger * (size + 1);
  if (i < in_larger) return static_cast<std::int64_t>(i / (size + 1) + 1);
  return static_cast<std::int64_t>(larger + (i - in_larger) / size + 1);
}

void Snapshot::set_keys(const Dataset& data) {
  const KeyColumn column(data);
  customers = data.size();
  keys.clear();
  keys.reserve(customers);
  for (std::uint32_t r = 0; r < customers; ++r) keys.push_back(column.key(r));
  rows_by_key.resize(customers);
  for (std::uint32_t r = 0; r < customers; ++r) rows_by_key[r] = r;
  if (column.rows_in_key_order()) return;
  std::sort(rows_by_key.begin(), rows_by_key.end(),
            [&](std::uint32_t a, std::uint32_t b) { return column.less(a, b); });
}

std::optional<std::uint32_t> Snapshot::find_row(const Key& key) const {
  const auto it = std::lower_bound(
      rows_by_key.begin(), rows_by_key.end(), key,
      [&](std::uint32_t row, const Key& k) { return compare_keys(keys[row], k) < 0; });
  if (it == rows_by_key.end() || compare_keys(keys[*it], key) != 0) return std::nullopt;
  return *it;
}

vm::ParamValue place(const Snapshot& snap, const vm::Statistic& stat, bool present,
                     Decimal::Rep value, const Key& key) {
  vm::ParamValue out;
  if (!present || !stat.input || !snap.distributions[*stat.input]) return out;
  const Distribution& dist = *snap.distributions[*stat.input];
  const auto& v = dist.values;
  // The customer's own entry, when it is a customer of the run with a present value: it is
  // replaced by the new value, so it is left out of every count below.
  std::optional<std::uint32_t> own;
  if (auto row = snap.find_row(key); row && dist.entry_of_row[*row] != kNoEntry) {
    own = dist.entry_of_row[*row];
  }
  const Decimal::Rep own_value = own ? v[*own] : 0;
  // Entries before (value, key), and entries with a smaller value.
  const auto value_begin =
      static_cast<std::size_t>(std::lower_bound(v.begin(), v.end(), value) - v.begin());
  const auto value_end =
      static_cast<std::size_t>(std::upper_bound(v.begin(), v.end(), value) - v.begin());
  // Equal values are in key order: a binary search finds those with a smaller key.
  const auto first = dist.rows.begin() + static_cast<std::ptrdiff_t>(value_begin);
  const auto last = dist.rows.begin() + static_cast<std::ptrdiff_t>(value_end);
  const std::size_t before =
      value_begin +
      static_cast<std::size_t>(std::partition_point(first, last,
                                                    [&](std::uint32_t row) {
                                                      return compare_keys(snap.keys[row], key) < 0;
                                                    }) -
                               first);
  // The own entry has the same key, so it is before (value, key) only with a smaller value.
  const bool own_smaller = own && own_value < value;
  const std::size_t position = before - (own_smaller ? 1 : 0);
  const std::size_t smaller = value_begin - (own_smaller ? 1 : 0);
  const std::uint64_t n = v.size() - (own ? 1 : 0) + 1;
  switch (stat.kind) {
    case vm::StatKind::Ntile:
      out.valid = true;
      out.i = ntile_bucket(position, n, static_cast<std::uint64_t>(stat.buckets));
      break;
    case vm::StatKind::Rank:
      out.valid = true;
      out.i = static_cast<std::int64_t>(smaller + 1);
      break;
    case vm::StatKind::PercentRank: {
      Decimal share;
      if (n > 1) {
        Decimal::div(Decimal::from_int(static_cast<std::int64_t>(smaller)),
                     Decimal::from_int(static_cast<std::int64_t>(n - 1)), share);
      }
      out.valid = true;
      out.d = share.units();
      break;
    }
    case vm::StatKind::CumulativeShare: {
      // Before this customer (largest first, ties by key): every larger value, and the equal
      // values with a smaller key.
      const Decimal::Rep total = dist.prefix.back();
      Decimal::Rep held = total - dist.prefix[value_end];
      if (own && own_value > value) held -= own_value;
      held += value * static_cast<Decimal::Rep>(before - value_begin) + value;
      const Decimal::Rep new_total = total - own_value + value;
      Decimal share;
      if (new_total != 0 &&
          Decimal::div(Decimal::from_units(held), Decimal::from_units(new_total), share)) {
        out.valid = true;
        out.d = share.units();
      }
      break;
    }
    default:
      break;
  }
  return out;
}

}  // namespace strata::population
