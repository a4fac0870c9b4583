#include "kpi/columns.hpp"

#include <algorithm>

namespace strata::kpi {

Columns::Columns(const Plan& plan, const vm::Program& program, std::size_t first_extra,
                 std::size_t rows)
    : outputs_(plan.inputs.size(), nullptr), columns_(plan.inputs.size()), rows_(rows) {
  for (const vm::Output& o : program.outputs) {
    if (o.kind != vm::Output::Kind::Extra || o.index < first_extra) continue;
    const std::size_t input = o.index - first_extra;
    if (input < outputs_.size()) outputs_[input] = &o;
  }
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    Column& c = columns_[i];
    if (outputs_[i] == nullptr) continue;
    c.bank = outputs_[i]->bank;
    c.kind = plan.inputs[i].type.kind;
    c.present.assign(rows, 0);
    if (c.bank == vm::Bank::D) {
      c.decimals.assign(rows, 0);
    } else {
      c.ints.assign(rows, 0);
    }
  }
}

void Columns::store(vm::Context& ctx, std::size_t first, std::size_t count) {
  vm::FrameState& st = ctx.main();
  const auto at = static_cast<std::ptrdiff_t>(first);
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const vm::Output* o = outputs_[i];
    if (o == nullptr) continue;
    Column& c = columns_[i];
    if (c.bank == vm::Bank::D) {
      std::copy_n(st.d(o->reg), count, c.decimals.begin() + at);
      std::copy_n(st.dok(o->reg), count, c.present.begin() + at);
    } else {
      std::copy_n(st.i(o->reg), count, c.ints.begin() + at);
      std::copy_n(st.iok(o->reg), count, c.present.begin() + at);
    }
  }
}

}  // namespace strata::kpi
