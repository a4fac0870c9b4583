#include "vm/scratch.hpp"

#include <algorithm>

#include "vm/context.hpp"

namespace strata::vm {

void Scratch::allocate(const Plan& plan, std::size_t row_count, std::size_t first_row) {
  base = first_row;
  rows = row_count;
  columns.assign(plan.scratch.size(), ScratchColumn{});
  for (std::size_t c = 0; c < plan.scratch.size(); ++c) columns[c].bank = plan.scratch[c].bank;
}

void Scratch::ensure(std::uint32_t column) {
  ScratchColumn& col = columns[column];
  if (col.ok.size() == rows) return;
  if (col.bank == Bank::D) {
    col.d.assign(rows, 0);
  } else {
    col.i.assign(rows, 0);
  }
  col.ok.assign(rows, 0);
}

void Scratch::release(std::uint32_t column) {
  ScratchColumn& col = columns[column];
  col.i = {};
  col.d = {};
  col.ok = {};
}

void Scratch::store(const Program& program, Context& ctx, std::size_t first, std::size_t count) {
  FrameState& st = ctx.main();
  const auto at = static_cast<std::ptrdiff_t>(first - base);
  for (const Output& out : program.outputs) {
    if (out.kind != Output::Kind::Carry) continue;
    ScratchColumn& col = columns[out.index];
    if (out.bank == Bank::D) {
      std::copy_n(st.d(out.reg), count, col.d.begin() + at);
      std::copy_n(st.dok(out.reg), count, col.ok.begin() + at);
    } else {
      std::copy_n(st.i(out.reg), count, col.i.begin() + at);
      std::copy_n(st.iok(out.reg), count, col.ok.begin() + at);
    }
  }
}

}  // namespace strata::vm
