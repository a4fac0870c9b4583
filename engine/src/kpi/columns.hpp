// The per-customer inputs of a run's KPIs, copied out of the VM's registers batch by batch into
// one column each (ints, or decimals in millionths, with a validity byte per customer).
#pragma once

#include <cstdint>
#include <vector>

#include "kpi/plan.hpp"
#include "vm/context.hpp"

namespace strata::kpi {

struct Column {
  vm::Bank bank = vm::Bank::I;
  TypeKind kind = TypeKind::Int;
  std::vector<std::int64_t> ints;
  std::vector<Decimal::Rep> decimals;
  std::vector<std::uint8_t> present;
};

class Columns {
 public:
  // `first_extra`: the extra number of the plan's first input in `program`.
  Columns(const Plan& plan, const vm::Program& program, std::size_t first_extra, std::size_t rows);
  // Copies rows [first, first + count); batches write disjoint ranges, so threads may call this
  // concurrently.
  void store(vm::Context& ctx, std::size_t first, std::size_t count);
  const std::vector<Column>& columns() const { return columns_; }
  std::size_t rows() const { return rows_; }

 private:
  std::vector<const vm::Output*> outputs_;  // per input
  std::vector<Column> columns_;
  std::size_t rows_ = 0;
};

}  // namespace strata::kpi
