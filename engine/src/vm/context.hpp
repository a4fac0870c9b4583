// Execution state of the VM: registers, selection vectors and the first evaluation error.
//
// A Context belongs to one thread and one (program, dataset, parameters) triple; it is reused for
// every batch that thread evaluates, so evaluating a batch allocates nothing. Registers of a frame
// are laid out as one array per bank: register r occupies [r * capacity, (r + 1) * capacity).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check/model.hpp"
#include "strata/dataset.hpp"
#include "vm/program.hpp"

namespace strata::vm {

// The rows an instruction works on: either the dense range 0..n-1 or the listed rows.
struct Selection {
  const std::uint16_t* rows = nullptr;  // null when dense
  std::uint32_t n = 0;
  bool dense() const { return rows == nullptr; }
};

// Registers of one frame. Each register normally points into the frame's own storage; a load
// over a dense selection points it straight at the column instead of copying (and at a shared
// all-present validity array when the column has no missing values). Only loads write such
// registers, so nothing ever writes through a pointer into the data.
struct FrameState {
  std::size_t capacity = 0;
  std::vector<std::int64_t> iv;
  std::vector<std::uint8_t> ivalid;
  std::vector<Decimal::Rep> dv;
  std::vector<std::uint8_t> dvalid;
  std::vector<std::int64_t*> ip;
  std::vector<std::uint8_t*> ikp;
  std::vector<Decimal::Rep*> dp;
  std::vector<std::uint8_t*> dkp;

  void allocate(const Frame& frame, std::size_t cap);
  // Operands must name a register of this frame; kNoReg is never dereferenced.
  std::int64_t* i(std::uint16_t r) { return ip[r]; }
  std::uint8_t* iok(std::uint16_t r) { return ikp[r]; }
  Decimal::Rep* d(std::uint16_t r) { return dp[r]; }
  std::uint8_t* dok(std::uint16_t r) { return dkp[r]; }
  // The validity of a destination register: back to the register's own storage before writing,
  // since a previous batch may have pointed it at a column or at all_present().
  std::uint8_t* out_iok(std::uint16_t r) { return ikp[r] = own_iok(r); }
  std::uint8_t* out_dok(std::uint16_t r) { return dkp[r] = own_dok(r); }
  std::int64_t* own_i(std::uint16_t r) { return iv.data() + r * capacity; }
  std::uint8_t* own_iok(std::uint16_t r) { return ivalid.data() + r * capacity; }
  Decimal::Rep* own_d(std::uint16_t r) { return dv.data() + r * capacity; }
  std::uint8_t* own_dok(std::uint16_t r) { return dvalid.data() + r * capacity; }
};

// kBatchSize validity bytes, all 1: the validity of a column without missing values.
std::uint8_t* all_present();

// A parameter value for the run, already parsed to its type.
struct ParamValue {
  bool valid = false;
  std::int64_t i = 0;
  Decimal::Rep d = 0;
  std::optional<std::string> text;  // string parameters: resolved to an id like a literal
};

// What the previous run left, per tiering, aligned to the rows of the dataset being run: read by
// hist.tier, tier.hold, tier.changed and tier.since. Without a History (or with previous_run
// false) every customer is seen for the first time.
struct History {
  bool previous_run = false;
  std::int64_t run_date = 0;  // days: the date of this run, which `since` takes on a change
  struct Tiering {
    bool known = false;                // the previous state has this tiering
    std::vector<std::uint8_t> seen;    // per row: the customer was in the previous state
    std::vector<std::int32_t> tier;    // per row: previous tier, -1 for none
    std::vector<std::int64_t> since;   // per row: when the previous tier began (days)
    std::vector<std::int32_t> streak;  // per row: see state/hold.hpp
  };
  std::vector<Tiering> tierings;  // per tiering id
};

struct EvalError {
  static constexpr std::size_t kNoRow = static_cast<std::size_t>(-1);
  DiagCode code{};
  Span span;
  std::size_t row = 0;  // record row; kNoRow for a statistic over all customers
  std::string detail;
};

struct Scratch;

// What a phase after the first reads besides the data: the values of the statistics computed so
// far (one per statistic of the plan; those not computed yet are missing) and the scratch
// columns of earlier phases.
struct PhaseInputs {
  const std::vector<ParamValue>* statistics = nullptr;
  const Scratch* scratch = nullptr;
};

class Context {
 public:
  // One customer's run of selected events in the current chunk of an event frame.
  struct Segment {
    std::uint16_t parent;  // customer offset in the batch
    std::uint32_t begin;   // positions in the chunk's selection
    std::uint32_t end;
  };

  // `params` holds one value per parameter of the model, then the value of `today`.
  Context(const Program& program, const Dataset& data, const std::vector<ParamValue>& params,
          std::size_t capacity = kBatchSize, PhaseInputs inputs = {});

  // Evaluates records [first, first + count) (count <= capacity). With `rows`, only those rows of
  // the batch (offsets from `first`, ascending) are evaluated.
  void run(std::size_t first, std::size_t count, const std::uint16_t* rows = nullptr,
           std::uint32_t row_count = 0);

  FrameState& main() { return main_; }
  // The previous run's state for this run's rows; null: a first run dated `run_date`.
  void set_history(const History* history) { history_ = history; }
  void set_run_date(std::int64_t days) { run_date_ = days; }
  // evt.mark results for the events of the last batch: marks(slot)[e - mark_begin(slot)] for
  // event row e of the events table.
  const std::uint8_t* marks(std::size_t slot) const { return marks_[slot].data(); }
  std::size_t mark_begin(std::size_t slot) const { return mark_begin_[slot]; }
  const std::optional<EvalError>& error() const { return error_; }
  void clear_error() { error_.reset(); }
  // The text of a string id (dataset pool or rule-set literal).
  std::string_view string_text(std::int64_t id) const;

 private:
  friend struct Interpreter;
  const Program& program_;
  const Dataset& data_;
  std::size_t capacity_;
  PhaseInputs inputs_;
  FrameState main_;
  std::vector<FrameState> events_;
  std::vector<std::string> private_strings_;  // literals absent from the dataset: id = -1 - index

  // Selection stacks, one for the customer frame (level 0) and one for event frames (level 1):
  // row buffers per stack slot, reused across batches.
  std::vector<std::vector<std::uint16_t>> sel_storage_[2];
  std::vector<Selection> sel_stack_[2];
  std::size_t first_row_ = 0;
  std::size_t batch_rows_ = 0;
  // For the event frame being run: the customer row (batch offset) of each event of the chunk
  // (filled only for frames that broadcast), and the runs of selected events per customer.
  std::vector<std::uint16_t> event_parent_;
  std::vector<Segment> segments_;
  const std::uint32_t* event_record_of_ = nullptr;
  std::vector<std::uint8_t> customer_selected_;
  std::size_t event_base_ = 0;
  // agg.distinct collections: (accumulator register, customer offset, value)
  struct DistinctItem {
    std::uint16_t parent;
    Decimal::Rep value;
  };
  std::vector<std::pair<std::uint16_t, std::vector<DistinctItem>>> distinct_;
  std::vector<DistinctItem>& distinct_items(std::uint16_t reg);
  std::vector<const Column*> record_columns_;
  std::vector<std::vector<const Column*>> event_columns_;
  std::optional<EvalError> error_;
  const History* history_ = nullptr;
  std::int64_t run_date_ = 0;
  std::vector<std::vector<std::uint8_t>> marks_;
  std::vector<std::size_t> mark_begin_;

  void fill_constants(const Frame& frame, FrameState& state, const std::vector<ParamValue>& params);
  void fill_slot(FrameState& state, const ParamSlot& slot, const ParamValue& v);
  // Computes each frame's run-constant values (interpreter.cpp).
  void run_prologues();
  std::int64_t string_id(const std::string& text);
  void record_error(DiagCode code, const Span& span, std::size_t row, std::string detail);
};

}  // namespace strata::vm
