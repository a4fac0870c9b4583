#include "vm/context.hpp"

#include <algorithm>

#include "compile/compiler.hpp"

namespace strata::vm {

std::uint8_t* all_present() {
  static std::uint8_t ones[kBatchSize] = {};
  static const bool filled = [] {
    std::fill_n(ones, kBatchSize, 1);
    return true;
  }();
  (void)filled;
  return ones;
}

void FrameState::allocate(const Frame& frame, std::size_t cap) {
  capacity = cap;
  iv.assign(static_cast<std::size_t>(frame.num_i) * cap, 0);
  ivalid.assign(static_cast<std::size_t>(frame.num_i) * cap, 0);
  dv.assign(static_cast<std::size_t>(frame.num_d) * cap, 0);
  dvalid.assign(static_cast<std::size_t>(frame.num_d) * cap, 0);
  ip.resize(frame.num_i);
  ikp.resize(frame.num_i);
  dp.resize(frame.num_d);
  dkp.resize(frame.num_d);
  for (std::uint16_t r = 0; r < frame.num_i; ++r) {
    ip[r] = own_i(r);
    ikp[r] = own_iok(r);
  }
  for (std::uint16_t r = 0; r < frame.num_d; ++r) {
    dp[r] = own_d(r);
    dkp[r] = own_dok(r);
  }
}

Context::Context(const Program& program, const Dataset& data, const std::vector<ParamValue>& params,
                 std::size_t capacity, PhaseInputs inputs)
    : program_(program), data_(data), capacity_(capacity), inputs_(inputs) {
  main_.allocate(program.main, capacity);
  fill_constants(program.main, main_, params);
  events_.resize(program.event_frames.size());
  for (std::size_t f = 0; f < program.event_frames.size(); ++f) {
    events_[f].allocate(program.event_frames[f].frame, kBatchSize);
    fill_constants(program.event_frames[f].frame, events_[f], params);
  }
  event_parent_.resize(kBatchSize);
  marks_.resize(program.mark_slots);
  mark_begin_.assign(program.mark_slots, 0);
  customer_selected_.resize(capacity);
  std::size_t event_depth = 0;
  for (const EventFrame& ef : program.event_frames) {
    event_depth = std::max<std::size_t>(event_depth, ef.frame.max_depth);
  }
  const std::size_t depths[2] = {program.main.max_depth + 2u, event_depth + 2u};
  for (int level = 0; level < 2; ++level) {
    sel_storage_[level].resize(depths[level]);
    for (auto& buf : sel_storage_[level]) buf.resize(std::max(capacity, kBatchSize));
    sel_stack_[level].resize(depths[level]);
  }
  for (const Column& c : data.records.columns) record_columns_.push_back(&c);
  for (const EventsTable& e : data.events) {
    std::vector<const Column*> cols;
    for (const Column& c : e.table.columns) cols.push_back(&c);
    event_columns_.push_back(std::move(cols));
  }
  run_prologues();
}

std::vector<Context::DistinctItem>& Context::distinct_items(std::uint16_t reg) {
  for (auto& [r, items] : distinct_) {
    if (r == reg) return items;
  }
  distinct_.emplace_back(reg, std::vector<DistinctItem>{});
  return distinct_.back().second;
}

void Context::fill_constants(const Frame& frame, FrameState& state,
                             const std::vector<ParamValue>& params) {
  const std::size_t cap = state.capacity;
  for (const ConstI& c : frame.const_i) {
    std::fill_n(state.i(c.reg), cap, c.value);
    std::fill_n(state.iok(c.reg), cap, c.valid ? 1 : 0);
  }
  for (const ConstD& c : frame.const_d) {
    std::fill_n(state.d(c.reg), cap, c.value);
    std::fill_n(state.dok(c.reg), cap, c.valid ? 1 : 0);
  }
  for (const ConstString& c : frame.const_s) {
    std::fill_n(state.i(c.reg), cap, string_id(c.text));
    std::fill_n(state.iok(c.reg), cap, 1);
  }
  for (const ParamSlot& p : frame.params) {
    // `today` travels as the last parameter value.
    fill_slot(state, p, params[p.param == kTodayParam ? params.size() - 1 : p.param]);
  }
  // A statistic the planner placed before this phase; missing when the caller has none (a
  // listing, or a context that is never run).
  static const ParamValue kMissing;
  for (const ParamSlot& p : frame.statistics) {
    const bool known = inputs_.statistics && p.param < inputs_.statistics->size();
    fill_slot(state, p, known ? (*inputs_.statistics)[p.param] : kMissing);
  }
}

void Context::fill_slot(FrameState& state, const ParamSlot& p, const ParamValue& v) {
  const std::size_t cap = state.capacity;
  if (p.bank == Bank::I) {
    std::fill_n(state.i(p.reg), cap, v.text ? string_id(*v.text) : v.i);
    std::fill_n(state.iok(p.reg), cap, v.valid ? 1 : 0);
  } else {
    std::fill_n(state.d(p.reg), cap, v.d);
    std::fill_n(state.dok(p.reg), cap, v.valid ? 1 : 0);
  }
}

std::int64_t Context::string_id(const std::string& text) {
  if (data_.strings) {
    if (auto found = data_.strings->find(text)) return *found;
  }
  auto it = std::find(private_strings_.begin(), private_strings_.end(), text);
  if (it == private_strings_.end()) {
    private_strings_.push_back(text);
    it = private_strings_.end() - 1;
  }
  return -1 - static_cast<std::int64_t>(it - private_strings_.begin());
}

std::string_view Context::string_text(std::int64_t id) const {
  if (id >= 0) return data_.strings->text(static_cast<std::int32_t>(id));
  return private_strings_[static_cast<std::size_t>(-1 - id)];
}

void Context::record_error(DiagCode code, const Span& span, std::size_t row, std::string detail) {
  // Keep the error of the earliest row so the report does not depend on evaluation order.
  if (error_ && error_->row <= row) return;
  error_ = EvalError{code, span, row, std::move(detail)};
}

}  // namespace strata::vm
