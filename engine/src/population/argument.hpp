// One argument column of a stage, and the computations over it (aggregates.cpp, positions.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "population/keys.hpp"
#include "population/sort.hpp"
#include "vm/context.hpp"
#include "vm/scratch.hpp"

namespace strata::population {

struct Argument {
  vm::Bank bank = vm::Bank::I;
  TypeKind kind = TypeKind::Int;
  const std::int64_t* i = nullptr;
  const Decimal::Rep* d = nullptr;
  const std::uint8_t* ok = nullptr;
  std::size_t rows = 0;

  bool present(std::uint32_t r) const { return ok[r] != 0; }
  // The value as stored, widened: an int, a date, ... or a decimal in millionths.
  Decimal::Rep at(std::uint32_t r) const { return bank == vm::Bank::D ? d[r] : i[r]; }
  // A stored value as a decimal (ints scaled to millionths).
  Decimal::Rep units_of(Decimal::Rep v) const {
    return bank == vm::Bank::D ? v : v * Decimal::kOne;
  }
};

vm::EvalError statistic_error(const vm::Statistic& s, DiagCode code, std::string detail);

// count, sum, avg, min, max, stddev, and percentile (which reads `sorted`, the present values in
// ascending order).
std::optional<vm::EvalError> compute_aggregate(const vm::Statistic& s, const Argument& a,
                                               const Sorted& sorted, vm::ParamValue& out);

// Orders the customers inside runs of equal values by key, as far as some statistic of `stats`
// depends on it: a full order for a cumulative share (and for every run when `all`), for ntile
// only which customers fall on each side of a bucket boundary.
void order_ties(const std::vector<const vm::Statistic*>& stats, const KeyColumn& keys, bool all,
                Sorted& sorted);

// ntile, rank, percent_rank and cumulative_share of every customer, into `out` (a scratch column
// whose rows are all missing on entry): present exactly for the customers whose argument is.
std::optional<vm::EvalError> compute_position(const vm::Statistic& s, const Argument& a,
                                              const Sorted& sorted, vm::ScratchColumn& out);

}  // namespace strata::population
