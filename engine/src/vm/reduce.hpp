// Segmented reductions for event aggregates.
//
// A reduction walks each customer's run of selected events in a chunk with the accumulator in a
// local. The loop is instantiated for each combination of "dense selection", "has a mask" and
// "every value present" so the common case (all events, no filter, no missing values) is a tight
// loop without per-event tests.
#pragma once

#include <cstdint>

#include "vm/context.hpp"

namespace strata::vm {

struct ReduceInput {
  const Selection* sel;
  const std::vector<Context::Segment>* segments;
  const std::uint8_t* present;  // validity of the reduced value
  const std::int64_t* mask;     // null when there is no `where`
  const std::uint8_t* mask_ok;
};

// Step: struct with `State load(p)`, `void add(State&, i)`, `void add_if(State&, i, bool take)`
// (branch-free: filters are often true for half the events, which a branch would mispredict)
// and `void store(p, const State&)`.
template <bool Dense, bool Masked, bool AllPresent, class Step>
void reduce_segments(const ReduceInput& in, Step& step) {
  const std::uint16_t* rows = in.sel->rows;
  for (const Context::Segment& g : *in.segments) {
    auto state = step.load(g.parent);
    for (std::uint32_t k = g.begin; k < g.end; ++k) {
      const std::uint32_t i = Dense ? k : rows[k];
      if constexpr (AllPresent && !Masked) {
        step.add(state, i);
      } else {
        bool take = true;
        if constexpr (!AllPresent) take = in.present[i] != 0;
        if constexpr (Masked) take = take & (in.mask_ok[i] != 0) & (in.mask[i] != 0);
        step.add_if(state, i, take);
      }
    }
    step.store(g.parent, state);
  }
}

template <class Step>
void reduce(const ReduceInput& in, Step& step) {
  const bool dense = in.sel->dense();
  const bool masked = in.mask != nullptr;
  const bool all = in.present == all_present();
  const int variant = (dense ? 4 : 0) | (masked ? 2 : 0) | (all ? 1 : 0);
  switch (variant) {
    case 0:
      reduce_segments<false, false, false>(in, step);
      break;
    case 1:
      reduce_segments<false, false, true>(in, step);
      break;
    case 2:
      reduce_segments<false, true, false>(in, step);
      break;
    case 3:
      reduce_segments<false, true, true>(in, step);
      break;
    case 4:
      reduce_segments<true, false, false>(in, step);
      break;
    case 5:
      reduce_segments<true, false, true>(in, step);
      break;
    case 6:
      reduce_segments<true, true, false>(in, step);
      break;
    default:
      reduce_segments<true, true, true>(in, step);
      break;
  }
}

}  // namespace strata::vm
