#include "api/single_row.hpp"

#include "api/outputs.hpp"

namespace strata::api {

SingleRow::SingleRow(const vm::Plan& plan, const Dataset& data, std::size_t row,
                     const std::vector<vm::ParamValue>& params,
                     const population::Snapshot* snapshot)
    : plan_(plan), data_(data), row_(row), snapshot_(snapshot) {
  statistics_.resize(plan.statistics.size());
  if (snapshot) {
    for (std::size_t k = 0; k < plan.statistics.size(); ++k) {
      if (!plan.statistics[k].column) statistics_[k] = snapshot->values[k];
    }
  }
  scratch_.allocate(plan, 1, row);
  for (std::uint32_t c = 0; c < plan.scratch.size(); ++c) scratch_.ensure(c);
  for (const vm::Program& phase : plan.phases) {
    contexts_.push_back(std::make_unique<vm::Context>(phase, data, params, 1,
                                                      vm::PhaseInputs{&statistics_, &scratch_}));
  }
}

void SingleRow::place_positions(std::uint32_t stage) {
  const population::KeyColumn keys(data_);
  std::optional<population::Key> key;
  for (const vm::Statistic& s : plan_.statistics) {
    if (s.stage != stage || !s.column) continue;
    if (!key) key = keys.key(static_cast<std::uint32_t>(row_));
    const vm::ScratchColumn& in = scratch_.columns[*s.input];
    const Decimal::Rep value = in.bank == vm::Bank::D ? in.d[0] : in.i[0];
    const vm::ParamValue v = population::place(*snapshot_, s, in.ok[0] != 0, value, *key);
    vm::ScratchColumn& out = scratch_.columns[*s.column];
    if (out.bank == vm::Bank::D) {
      out.d[0] = v.d;
    } else {
      out.i[0] = v.i;
    }
    out.ok[0] = v.valid ? 1 : 0;
  }
}

bool SingleRow::run() {
  error_.reset();
  for (std::size_t p = 0; p < contexts_.size(); ++p) {
    if (p > 0) place_positions(static_cast<std::uint32_t>(p));
    vm::Context& ctx = *contexts_[p];
    ctx.clear_error();
    ctx.run(row_, 1);
    if (ctx.error()) {
      error_ = ctx.error();
      return false;
    }
    scratch_.store(plan_.phases[p], ctx, row_, 1);
  }
  return true;
}

std::vector<PopulationValue> SingleRow::population_values() const {
  std::vector<PopulationValue> out;
  for (std::size_t k = 0; k < plan_.statistics.size(); ++k) {
    const vm::Statistic& s = plan_.statistics[k];
    vm::ParamValue v = statistics_[k];
    if (s.column) {
      const vm::ScratchColumn& c = scratch_.columns[*s.column];
      v.valid = c.ok[0] != 0;
      v.i = c.bank == vm::Bank::I ? c.i[0] : 0;
      v.d = c.bank == vm::Bank::D ? c.d[0] : 0;
    }
    PopulationValue p = population_value(s, v, snapshot_ ? snapshot_->over[k] : 0);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace strata::api
