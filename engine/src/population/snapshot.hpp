// A population snapshot: the statistics of one run, kept to place other customers in it.
//
// A single record (RuleSet::new_record) or one customer to explain has no population of its own.
// It is evaluated against the population of a run instead: aggregates (avg, median, ...) are the
// run's values, and a position (ntile, rank, percent_rank, cumulative_share) is where the
// record's value falls among the run's customers — as if the record were one of them, taking the
// place of the customer with the same key when there is one. A customer of the run evaluated
// with its own data therefore gets exactly the position the run gave it.
//
// For that the snapshot keeps, per argument of a position, the present values sorted as the run
// ordered them (by value, then key) with each entry's record row, and the record keys.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "population/keys.hpp"
#include "vm/context.hpp"
#include "vm/program.hpp"

namespace strata::population {

inline constexpr std::uint32_t kNoEntry = 0xFFFFFFFFu;

struct Distribution {
  std::vector<Decimal::Rep> values;  // ascending by (value, key); 64-bit values widened
  std::vector<std::uint32_t> rows;   // the record row of the run of each entry
  std::vector<Decimal::Rep> prefix;  // prefix[i] = values[0] + ... + values[i - 1] (n + 1 sums)
  std::vector<std::uint32_t> entry_of_row;  // per record row of the run: its entry, or kNoEntry
};

struct Snapshot {
  std::size_t customers = 0;
  std::vector<Key> keys;                    // per record row of the run
  std::vector<std::uint32_t> rows_by_key;   // record rows in key order, to find a customer
  std::vector<std::string> statistic_keys;  // per statistic of the plan: its canonical key
  std::vector<vm::ParamValue> values;       // per statistic: aggregates (positions: missing)
  std::vector<std::size_t> over;            // per statistic: customers whose argument is present
  std::vector<std::optional<Distribution>> distributions;  // per argument (scratch column)

  // Record keys of the run, in key order for find_row.
  void set_keys(const Dataset& data);
  std::optional<std::uint32_t> find_row(const Key& key) const;
};

// The value of position `stat` (a statistic of the plan with a distribution in `snap`) for a
// customer whose argument is `value` (missing when !present) and whose key is `key`.
vm::ParamValue place(const Snapshot& snap, const vm::Statistic& stat, bool present,
                     Decimal::Rep value, const Key& key);

// SQL's NTILE: the bucket 1..n of the row at 0-based position i among `rows` rows, the first
// rows % n buckets holding one row more than the others.
std::int64_t ntile_bucket(std::uint64_t i, std::uint64_t rows, std::uint64_t n);

}  // namespace strata::population
