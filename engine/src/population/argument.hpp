// One argument column of a stage, and the computations over it (aggregates.cpp, positions.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "population/keys.hpp"
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
  // The value as a decimal (ints scaled to millionths).
  Decimal::Rep units(std::uint32_t r) const {
    return bank == vm::Bank::D ? d[r] : Decimal::Rep(i[r]) * Decimal::kOne;
  }
};

vm::EvalError statistic_error(const vm::Statistic& s, DiagCode code, std::string detail);

// count, sum, avg, min, max, stddev, and percentile (which reads `sorted`: the rows of the
// present values in ascending order).
std::optional<vm::EvalError> compute_aggregate(const vm::Statistic& s, const Argument& a,
                                               const std::vector<std::uint32_t>& sorted,
                                               vm::ParamValue& out);

// Orders each run of equal values in `sorted` by key where some statistic of `stats` depends on
// the order inside the run (or every run when `all`).
void order_ties(const std::vector<const vm::Statistic*>& stats, const Argument& a,
                const KeyColumn& keys, bool all, std::vector<std::uint32_t>& sorted);

// ntile, rank, percent_rank and cumulative_share of every customer, into `out` (a scratch column
// whose rows are all missing on entry).
std::optional<vm::EvalError> compute_position(const vm::Statistic& s, const Argument& a,
                                              const std::vector<std::uint32_t>& sorted,
                                              vm::ScratchColumn& out);

}  // namespace strata::population
