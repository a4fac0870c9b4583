// Compiled bytecode: programs, frames and the plan of phases.
//
// A Program is what the compiler emits for one phase: a customer-scope Frame whose instructions run
// over a batch of customers, plus event-scope frames (one per fused event aggregation) that the
// `aggregate` instruction runs over the events of those customers. A Frame declares its register
// counts and the constants to preload; registers never change kind. Programs are immutable and
// shared by every thread; all mutable state lives in a vm::Context.
//
// A Plan is the whole rule set: per-customer phases, and between them the statistics over all
// customers (the population) that later phases read. Phases hand values to later ones through
// scratch columns (one value per customer): statistic arguments, per-customer positions such as
// quintiles, and the event aggregates of the first phase that later phases use again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "check/model.hpp"
#include "check/types.hpp"
#include "strata/decimal.hpp"
#include "strata/source.hpp"

namespace strata::vm {

inline constexpr std::size_t kBatchSize = 1024;
inline constexpr std::uint16_t kNoReg = 0xFFFF;

enum class Opcode : std::uint8_t {
#define STRATA_OP(Name, mnemonic, format, semantics) Name,
#include "vm/opcodes.def"
};

struct OpcodeInfo {
  const char* mnemonic;
  const char* format;
  const char* semantics;
};
const OpcodeInfo& opcode_info(Opcode op);
std::size_t opcode_count();

struct Instr {
  Opcode op{};
  std::uint16_t dst = kNoReg;
  std::uint16_t a = kNoReg;
  std::uint16_t b = kNoReg;
  std::int64_t k = 0;  // immediate: column index, tier index, frame index, places, divisor
};

enum class Bank : std::uint8_t { I, D };

struct ConstI {
  std::uint16_t reg;
  std::int64_t value;
  bool valid;
};
struct ConstD {
  std::uint16_t reg;
  Decimal::Rep value;
  bool valid;
};

// A string literal of the rule set. Its register is filled at run start with the dataset's id for
// the text when the data contains it, or with a negative id private to the program otherwise, so
// equal texts always have equal ids.
struct ConstString {
  std::uint16_t reg;
  std::string text;
};

// A parameter's register, filled from the run's parameter values.
struct ParamSlot {
  std::uint32_t param;
  Bank bank;
  std::uint16_t reg;
};

struct Frame {
  std::vector<Instr> code;
  std::vector<Span> spans;  // per instruction: the source the instruction computes
  // Run-constant values (parameters and literals combined, e.g. `as_of - window`): computed once
  // when a context is created, for every row, and never overwritten.
  std::vector<Instr> prologue;
  std::vector<Span> prologue_spans;
  std::uint16_t num_i = 0;
  std::uint16_t num_d = 0;
  std::vector<ConstI> const_i;
  std::vector<ConstD> const_d;
  std::vector<ConstString> const_s;
  std::vector<ParamSlot> params;
  // Registers holding the value of a statistic over all customers (ParamSlot::param is the
  // statistic's index in the Plan), filled like parameters when a context is created.
  std::vector<ParamSlot> statistics;
  std::uint16_t max_depth = 0;  // deepest selection stack the code pushes
};

// An event-scope frame: `init` runs once per customer batch on the parent's accumulators, `body`
// once per chunk of events, `finish` after the last chunk.
struct EventFrame {
  std::uint32_t events = 0;  // which events table
  Frame frame;               // body
  std::vector<Instr> init;
  std::vector<Instr> finish;
  std::vector<Span> init_spans, finish_spans;
  std::string description;  // for the disassembler: which aggregates this pass computes
  bool broadcasts = false;  // the body reads customer values (bcast.*): map events to customers
  std::vector<std::uint32_t> mark_slots;  // evt.mark slots the body writes
};

// A value the program leaves in a register for the caller: a tiering result, a let, a probe, or
// a value carried to later phases (stored in scratch column `index` after every batch).
struct Output {
  // TableColumn, TableCell, TableRow: a decision table's parts, for explanations. RawTier: a
  // held tiering's tier before its hold rule; Extra: a value asked for by a later stage (SOP
  // owners, messages, obligation starts), numbered by the request. Carry: stored in scratch
  // column `index` after every batch, for later phases.
  enum class Kind : std::uint8_t {
    Tiering,
    Let,
    Probe,
    TableColumn,
    TableCell,
    TableRow,
    RawTier,
    Extra,
    Carry
  } kind = Kind::Let;
  std::uint32_t index = 0;  // tiering id, let id, probe number, extra number or scratch column
  std::string name;
  Type type;
  Bank bank = Bank::I;
  std::uint16_t reg = kNoReg;
  std::uint32_t part = 0;  // table parts: the column (TableColumn) or the row
  std::uint32_t cell = 0;  // TableCell: the cell within the row
};

struct Program {
  std::string name;                   // "phase 1 of 2: per-customer event aggregates ..."
  std::vector<std::string> computes;  // the lets and tierings it evaluates, in order
  Frame main;
  // Lookup tables of `tier.map`: a unique decision table's row -> tier.
  std::vector<std::vector<std::int64_t>> tier_maps;
  std::vector<EventFrame> event_frames;
  std::vector<Output> outputs;
  std::vector<HoldRule> holds;   // per tiering id, for tier.hold
  std::uint32_t mark_slots = 0;  // evt.mark slots: one per marked events filter
};

enum class StatKind : std::uint8_t {
#define STRATA_STAT(Name, description, position) Name,
#include "vm/statistics.def"
};
const char* stat_description(StatKind kind);
bool stat_is_position(StatKind kind);

// A column of per-customer values computed by one phase for later ones.
struct ScratchColumnInfo {
  std::string what;  // for listings: `recency`, `quintile(recency)`, `max(Order.at)`
  Bank bank = Bank::I;
  TypeKind kind = TypeKind::Int;
};

// A statistic over all customers. Statistics of stage s are computed after phase s - 1 and before
// phase s (stage 0: before the first phase, from the number of customers alone).
struct Statistic {
  StatKind kind = StatKind::Count;
  std::optional<std::uint32_t> input;  // scratch column of its argument; none for count()
  TypeKind input_kind = TypeKind::Int;
  Decimal::Rep fraction = 0;  // percentile: the share, in millionths (median: 500000)
  std::int64_t buckets = 0;   // ntile
  std::uint32_t stage = 0;
  std::optional<std::uint32_t> column;  // positions: the scratch column it fills
  Type type;                            // of the result
  Bank bank = Bank::I;
  std::string text;                  // as first written: `quintile(recency)`
  std::string key;                   // canonical form: equal keys are the same statistic
  Span span;                         // where it is first written
  std::uint32_t calls = 0;           // how many calls compute it
  std::vector<std::string> used_by;  // lets and tierings whose definitions use it
};

// Phases in the order they run (ARCHITECTURE.md: the planner derives them from the dependency
// graph). Each phase reads the data, the statistics of the stages before it and the scratch
// columns of earlier phases.
struct Plan {
  std::vector<Program> phases;
  std::vector<Statistic> statistics;  // in stage order; each computed once
  std::vector<ScratchColumnInfo> scratch;
  std::uint32_t stages() const { return statistics.empty() ? 0 : statistics.back().stage + 1; }
};

std::string disassemble(const Program& program, const SourceManager* sources);
std::string disassemble(const Plan& plan, const SourceManager* sources);

}  // namespace strata::vm
