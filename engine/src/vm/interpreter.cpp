// The instruction loop of the strata VM.
//
// One handler per opcode (opcodes.def). Handlers loop over the current selection. Dispatch is a
// plain switch: each instruction works on a whole batch, so its cost is spread over up to 1,024
// rows and a computed goto would not be measurable. Instructions that can
// fail record an EvalError for the first failing row and leave that row none.
#include <algorithm>
#include <cstring>

#include "state/hold.hpp"
#include "strata/time.hpp"
#include "vm/context.hpp"
#include "vm/kernels.hpp"
#include "vm/reduce.hpp"
#include "vm/scratch.hpp"

namespace strata::vm {

namespace {

template <class T>
const std::vector<T>& column_data(const Column& c) {
  return std::get<std::vector<T>>(c.data);
}

// Loads rows [base + i] of a column into register r for the selected i: a view of the column
// when the selection is dense and no conversion is needed, a copy otherwise.
template <class Storage, class Reg>
void load_column(const Column& col, std::size_t base, const Selection& sel, Reg*& ptr,
                 std::uint8_t*& ok, Reg* own, std::uint8_t* own_ok) {
  const Storage* src = column_data<Storage>(col).data() + base;
  if constexpr (std::is_same_v<Storage, Reg>) {
    if (sel.dense()) {
      ptr = const_cast<Reg*>(src);
    } else {
      ptr = own;
      for (std::uint32_t k = 0; k < sel.n; ++k) own[sel.rows[k]] = src[sel.rows[k]];
    }
  } else {
    ptr = own;
    for_rows(sel, [&](std::uint32_t i) { own[i] = static_cast<Reg>(src[i]); });
  }
  if (col.validity.all_valid() && sel.dense() && sel.n <= kBatchSize) {
    ok = all_present();
  } else {
    ok = own_ok;
    for_rows(sel, [&](std::uint32_t i) { own_ok[i] = col.validity.valid(base + i) ? 1 : 0; });
  }
}

// Loads rows of a scratch column (values of an earlier phase) like load_column: a view when the
// selection is dense, a copy of the selected rows otherwise.
template <class Reg>
void load_scratch(const Reg* src, const std::uint8_t* src_ok, const Selection& sel, Reg*& ptr,
                  std::uint8_t*& ok, Reg* own, std::uint8_t* own_ok) {
  if (sel.dense()) {
    ptr = const_cast<Reg*>(src);
    ok = const_cast<std::uint8_t*>(src_ok);
    return;
  }
  ptr = own;
  ok = own_ok;
  for (std::uint32_t k = 0; k < sel.n; ++k) {
    own[sel.rows[k]] = src[sel.rows[k]];
    own_ok[sel.rows[k]] = src_ok[sel.rows[k]];
  }
}

}  // namespace

struct Interpreter {
  Context& ctx;

  // Runs `code` on `state` (the frame's registers); `parent` is the customer frame for event
  // frames (else null). `depth` indexes the selection storage.
  void run(const std::vector<Instr>& code, const std::vector<Span>& spans, FrameState& st,
           FrameState* parent, Selection sel, std::size_t depth, const Column* const* columns,
           std::size_t base);

  void aggregate(const EventFrame& ef, FrameState& events_state, FrameState& parent,
                 Selection parent_sel, std::size_t depth);

  // Calls body(customer, begin, end) for each customer's run of selected events in the chunk.
  template <class Body>
  void for_segments(Body&& body) {
    for (const Context::Segment& g : ctx.segments_) body(g.parent, g.begin, g.end);
  }

  std::size_t record_row(std::uint32_t i, bool in_event_frame) const {
    return in_event_frame ? ctx.event_record_of_[ctx.event_base_ + i] : ctx.first_row_ + i;
  }
};

void Interpreter::run(const std::vector<Instr>& code, const std::vector<Span>& spans,
                      FrameState& st, FrameState* parent, Selection sel, std::size_t depth,
                      const Column* const* columns, std::size_t base) {
  // Selections pushed by sel.* instructions; each slot owns a row buffer of the context.
  Selection* stack = ctx.sel_stack_[depth].data();
  std::vector<std::uint16_t>* buffers = ctx.sel_storage_[depth].data();
  std::size_t top = 0;
  stack[0] = sel;
  const bool in_events = parent != nullptr;
  const std::uint16_t* parent_of = ctx.event_parent_.data();

  auto fail = [&](std::size_t pc, DiagCode code_id, std::uint32_t row, std::string detail) {
    ctx.record_error(code_id, pc < spans.size() ? spans[pc] : Span{}, record_row(row, in_events),
                     std::move(detail));
  };

  for (std::size_t pc = 0; pc < code.size(); ++pc) {
    const Instr& in = code[pc];
    const Selection& s = stack[top];
    switch (in.op) {
      // ---- loads ----
      case Opcode::LoadColI64:
      case Opcode::LoadEvtI64:
        load_column<std::int64_t>(*columns[in.k], base, s, st.ip[in.dst], st.ikp[in.dst],
                                  st.own_i(in.dst), st.own_iok(in.dst));
        break;
      case Opcode::LoadColI32:
      case Opcode::LoadEvtI32:
        load_column<std::int32_t>(*columns[in.k], base, s, st.ip[in.dst], st.ikp[in.dst],
                                  st.own_i(in.dst), st.own_iok(in.dst));
        break;
      case Opcode::LoadColDec:
      case Opcode::LoadEvtDec:
        load_column<Decimal::Rep>(*columns[in.k], base, s, st.dp[in.dst], st.dkp[in.dst],
                                  st.own_d(in.dst), st.own_dok(in.dst));
        break;
      case Opcode::LoadColBool:
      case Opcode::LoadEvtBool:
        load_column<std::uint8_t>(*columns[in.k], base, s, st.ip[in.dst], st.ikp[in.dst],
                                  st.own_i(in.dst), st.own_iok(in.dst));
        break;
      case Opcode::LoadTmpI:
      case Opcode::LoadTmpD: {
        const Scratch& scratch = *ctx.inputs_.scratch;
        const ScratchColumn& col = scratch.columns[static_cast<std::size_t>(in.k)];
        const std::size_t at = ctx.first_row_ - scratch.base;
        if (in.op == Opcode::LoadTmpI) {
          load_scratch(col.i.data() + at, col.ok.data() + at, s, st.ip[in.dst], st.ikp[in.dst],
                       st.own_i(in.dst), st.own_iok(in.dst));
        } else {
          load_scratch(col.d.data() + at, col.ok.data() + at, s, st.dp[in.dst], st.dkp[in.dst],
                       st.own_d(in.dst), st.own_dok(in.dst));
        }
        break;
      }
      case Opcode::BcastI: {
        std::int64_t* d = st.i(in.dst);
        std::uint8_t* dk = st.out_iok(in.dst);
        const std::int64_t* a = parent->i(in.a);
        const std::uint8_t* ak = parent->iok(in.a);
        for_rows(s, [&](std::uint32_t i) {
          d[i] = a[parent_of[i]];
          dk[i] = ak[parent_of[i]];
        });
        break;
      }
      case Opcode::BcastD: {
        Decimal::Rep* d = st.d(in.dst);
        std::uint8_t* dk = st.out_dok(in.dst);
        const Decimal::Rep* a = parent->d(in.a);
        const std::uint8_t* ak = parent->dok(in.a);
        for_rows(s, [&](std::uint32_t i) {
          d[i] = a[parent_of[i]];
          dk[i] = ak[parent_of[i]];
        });
        break;
      }

      // ---- moves and conversions ----
      case Opcode::MovI: {
        std::int64_t* d = st.i(in.dst);
        std::uint8_t* dk = st.out_iok(in.dst);
        const std::int64_t* a = st.i(in.a);
        const std::uint8_t* ak = st.iok(in.a);
        for_rows(s, [&](std::uint32_t i) {
          d[i] = a[i];
          dk[i] = ak[i];
        });
        break;
      }
      case Opcode::MovD: {
        Decimal::Rep* d = st.d(in.dst);
        std::uint8_t* dk = st.out_dok(in.dst);
        const Decimal::Rep* a = st.d(in.a);
        const std::uint8_t* ak = st.dok(in.a);
        for_rows(s, [&](std::uint32_t i) {
          d[i] = a[i];
          dk[i] = ak[i];
        });
        break;
      }
      case Opcode::NoneI: {
        std::uint8_t* dk = st.out_iok(in.dst);
        for_rows(s, [&](std::uint32_t i) { dk[i] = 0; });
        break;
      }
      case Opcode::NoneD: {
        std::uint8_t* dk = st.out_dok(in.dst);
        for_rows(s, [&](std::uint32_t i) { dk[i] = 0; });
        break;
      }
      case Opcode::IntToDec: {
        Decimal::Rep* d = st.d(in.dst);
        std::uint8_t* dk = st.out_dok(in.dst);
        const std::int64_t* a = st.i(in.a);
        const std::uint8_t* ak = st.iok(in.a);
        for_rows(s, [&](std::uint32_t i) {
          d[i] = static_cast<Decimal::Rep>(a[i]) * Decimal::kOne;
          dk[i] = ak[i];
        });
        break;
      }
      case Opcode::DateToDt: {
        std::int64_t* d = st.i(in.dst);
        std::uint8_t* dk = st.out_iok(in.dst);
        const std::int64_t* a = st.i(in.a);
        const std::uint8_t* ak = st.iok(in.a);
        for_rows(s, [&](std::uint32_t i) {
          d[i] = a[i] * timeutil::kSecondsPerDay;
          dk[i] = ak[i];
        });
        break;
      }
      case Opcode::DtToDate: {
        std::int64_t* d = st.i(in.dst);
        std::uint8_t* dk = st.out_iok(in.dst);
        const std::int64_t* a = st.i(in.a);
        const std::uint8_t* ak = st.iok(in.a);
        for_rows(s, [&](std::uint32_t i) {
          d[i] = timeutil::floor_div(a[i], timeutil::kSecondsPerDay);
          dk[i] = ak[i];
        });
        break;
      }

#include "vm/interpreter_aggregate.inc"
#include "vm/interpreter_arith.inc"
#include "vm/interpreter_history.inc"
#include "vm/interpreter_logic.inc"
    }
  }
}

void Interpreter::aggregate(const EventFrame& ef, FrameState& es, FrameState& parent,
                            Selection parent_sel, std::size_t depth) {
  run(ef.init, ef.init_spans, parent, nullptr, parent_sel, depth, nullptr, 0);
  const EventsTable& events = ctx.data_.events[ef.events];
  const std::size_t first = ctx.first_row_;
  const std::size_t customers = ctx.batch_rows_;
  const std::uint64_t* offsets = events.offsets.data() + first;
  const std::size_t begin = offsets[0];
  const std::size_t end = offsets[customers];
  for (std::uint32_t slot : ef.mark_slots) {
    ctx.marks_[slot].assign(end - begin, 0);
    ctx.mark_begin_[slot] = begin;
  }
  const bool all = parent_sel.dense() && parent_sel.n == customers;
  if (!all) {
    std::fill_n(ctx.customer_selected_.begin(), customers, 0);
    for_rows(parent_sel, [&](std::uint32_t i) { ctx.customer_selected_[i] = 1; });
  }
  ctx.event_record_of_ = events.record_of.data();
  // The event selection lives in the last slot of the event level's buffers.
  std::uint16_t* chosen = ctx.sel_storage_[depth].back().data();
  std::size_t c = 0;  // first customer whose events may lie in the current chunk
  for (std::size_t chunk = begin; chunk < end; chunk += kBatchSize) {
    const std::size_t chunk_end = std::min(chunk + kBatchSize, end);
    ctx.event_base_ = chunk;
    ctx.segments_.clear();
    while (offsets[c + 1] <= chunk) ++c;
    // Segments come from the offsets, one per customer, so no per-event scan is needed.
    std::uint32_t m = 0;
    for (std::size_t k = c; k < customers && offsets[k] < chunk_end; ++k) {
      const std::size_t b = std::max<std::size_t>(offsets[k], chunk) - chunk;
      const std::size_t e = std::min<std::size_t>(offsets[k + 1], chunk_end) - chunk;
      if (e <= b) continue;
      if (all) {
        ctx.segments_.push_back({static_cast<std::uint16_t>(k), static_cast<std::uint32_t>(b),
                                 static_cast<std::uint32_t>(e)});
      } else if (ctx.customer_selected_[k]) {
        const std::uint32_t start = m;
        for (std::size_t r = b; r < e; ++r) chosen[m++] = static_cast<std::uint16_t>(r);
        ctx.segments_.push_back({static_cast<std::uint16_t>(k), start, m});
      }
    }
    Selection sel;
    sel.n = static_cast<std::uint32_t>(chunk_end - chunk);
    if (!all) {
      if (m == 0) continue;
      sel.rows = chosen;
      sel.n = m;
    }
    if (ef.broadcasts) {
      for (const Context::Segment& g : ctx.segments_) {
        for (std::uint32_t k = g.begin; k < g.end; ++k) {
          ctx.event_parent_[sel.dense() ? k : sel.rows[k]] = g.parent;
        }
      }
    }
    run(ef.frame.code, ef.frame.spans, es, &parent, sel, depth,
        ctx.event_columns_[ef.events].data(), chunk);
  }
  run(ef.finish, ef.finish_spans, parent, nullptr, parent_sel, depth, nullptr, 0);
}

void Context::run_prologues() {
  Interpreter interp{*this};
  first_row_ = 0;
  batch_rows_ = 0;
  Selection all;
  all.n = static_cast<std::uint32_t>(capacity_);
  interp.run(program_.main.prologue, program_.main.prologue_spans, main_, nullptr, all, 0, nullptr,
             0);
  for (std::size_t f = 0; f < program_.event_frames.size(); ++f) {
    Selection chunk;
    chunk.n = static_cast<std::uint32_t>(kBatchSize);
    const Frame& frame = program_.event_frames[f].frame;
    interp.run(frame.prologue, frame.prologue_spans, events_[f], nullptr, chunk, 1, nullptr, 0);
  }
}

void Context::run(std::size_t first, std::size_t count, const std::uint16_t* rows,
                  std::uint32_t row_count) {
  first_row_ = first;
  batch_rows_ = count;
  Selection sel;
  if (rows) {
    sel.rows = rows;
    sel.n = row_count;
  } else {
    sel.n = static_cast<std::uint32_t>(count);
  }
  Interpreter interp{*this};
  interp.run(program_.main.code, program_.main.spans, main_, nullptr, sel, 0,
             record_columns_.data(), first);
}

}  // namespace strata::vm
