// Event marks for SOP obligations: one pass over a batch's events that records, per event,
// whether it passes an obligation's `where` filter (evt.mark). The filter is lowered exactly as an
// aggregate's filter is, so customer values it reads are broadcast to the events and it means
// what it means in `count(Touch where ...)`.
#include "compile/internal/builder.hpp"

namespace strata::compile_internal {

void Lowering::mark_pass(std::uint32_t events,
                         const std::vector<std::pair<std::uint32_t, const ast::Expr*>>& marks) {
  vm::EventFrame ef;
  ef.events = events;
  ef.description = model.events[events].name + ": SOP event filters";
  FrameBuilder eb(ef.frame);
  SavedScope saved = enter_events(events, eb);
  Span span;
  for (const auto& [slot, filter] : marks) {
    std::uint16_t mask = vm::kNoReg;
    if (filter) {
      mask = lower(*filter).reg;
      span = filter->span;
    }
    eb.emit(Opcode::EvtMark, vm::kNoReg, mask, vm::kNoReg, slot, filter ? filter->span : span);
    ef.mark_slots.push_back(slot);
  }
  leave_events(std::move(saved), std::move(ef), span);
}

}  // namespace strata::compile_internal
