// Per-customer values handed from one phase of a run to the later ones.
//
// A Scratch holds one column per ScratchColumnInfo of the Plan, indexed by record row (shifted
// by `base`, so a single record evaluated at row r needs only one row). Phases write their Carry
// outputs into it batch by batch — batches own disjoint rows, so threads write concurrently
// without locks — and the population stages fill the position columns. Later phases read the
// columns with load.tmp.i / load.tmp.d, which point registers straight into them.
#pragma once

#include <cstdint>
#include <vector>

#include "vm/program.hpp"

namespace strata::vm {

class Context;

struct ScratchColumn {
  Bank bank = Bank::I;
  std::vector<std::int64_t> i;
  std::vector<Decimal::Rep> d;
  std::vector<std::uint8_t> ok;  // 1 = present
};

struct Scratch {
  std::size_t base = 0;  // the record row of element 0
  std::size_t rows = 0;
  std::vector<ScratchColumn> columns;

  // One column per scratch column of the plan, for `row_count` rows; storage comes with ensure(),
  // so a column takes memory only from the phase or stage that fills it on.
  void allocate(const Plan& plan, std::size_t row_count, std::size_t first_row);
  // Gives the column its rows, every value missing, unless it has them already.
  void ensure(std::uint32_t column);
  // Frees a column no later phase reads (statistic arguments once their stage is done).
  void release(std::uint32_t column);
  // Copies the Carry outputs of `program` for record rows [first, first + count) out of the
  // context's registers.
  void store(const Program& program, Context& ctx, std::size_t first, std::size_t count);
};

}  // namespace strata::vm
