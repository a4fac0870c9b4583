// Internal state of the compiler: frame builders and the lowering of expressions.
//
// A FrameBuilder appends instructions and allocates registers for one frame. The Lowering walks
// checked expressions and emits code into the current frame; in an event frame, sub-expressions
// that do not depend on the event are computed in the customer frame and broadcast.
#pragma once

#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "check/model.hpp"
#include "compile/compiler.hpp"
#include "vm/program.hpp"

namespace strata::compile_internal {

using vm::Bank;
using vm::Instr;
using vm::Opcode;

// A value in a register of the current frame, with the kind it holds.
struct Operand {
  Bank bank = Bank::I;
  std::uint16_t reg = vm::kNoReg;
  TypeKind kind = TypeKind::Null;
};

inline Bank bank_of(TypeKind kind) {
  return kind == TypeKind::Decimal ? Bank::D : Bank::I;
}

class FrameBuilder {
 public:
  explicit FrameBuilder(vm::Frame& frame) : frame_(frame) {}

  std::uint16_t new_reg(Bank bank);
  void emit(Opcode op, std::uint16_t dst, std::uint16_t a, std::uint16_t b, std::int64_t k,
            const Span& span);
  std::uint16_t const_i(std::int64_t value, bool valid = true);
  std::uint16_t const_d(Decimal::Rep value, bool valid = true);
  std::uint16_t const_s(const std::string& text);
  std::uint16_t param(std::uint32_t index, Bank bank);
  // The register holding statistic `index` of the plan (a value for the whole run).
  std::uint16_t statistic(std::uint32_t index, Bank bank);
  vm::Frame& frame() { return frame_; }
  // A pure instruction computing a new value: reuses the register of an identical instruction
  // emitted earlier for every row (common subexpression elimination), else emits it.
  std::uint16_t value(Opcode op, Bank bank, std::uint16_t a, std::uint16_t b, std::int64_t k,
                      const Span& span);

  // Selection depth: values are cached only when computed at depth 0 (every row of the batch).
  int depth = 0;
  // While set, instructions go to the frame's prologue (run-constant values).
  bool prologue = false;

 private:
  vm::Frame& frame_;
  std::map<std::pair<std::int64_t, bool>, std::uint16_t> ints_;
  std::map<std::pair<Decimal::Rep, bool>, std::uint16_t> decs_;
  std::map<std::string, std::uint16_t> strings_;
  std::map<std::pair<std::uint32_t, Bank>, std::uint16_t> params_;
  std::map<std::uint32_t, std::uint16_t> statistics_;
  std::map<std::tuple<Opcode, std::uint16_t, std::uint16_t, std::int64_t>, std::uint16_t> values_;
};

// One event aggregate call, to be computed by an event frame.
struct AggregateCall {
  const ast::Expr* call = nullptr;
  Operand result;                // in the customer frame
  std::optional<Operand> count;  // for avg: the count accumulator
};

class Lowering {
 public:
  Lowering(const Model& model, vm::Program& program, const PhaseLinks* links = nullptr);

  // Emits code computing `e` in the customer frame and returns where the value is.
  Operand customer(const ast::Expr& e);
  // Converts an operand to `kind` (int -> decimal, date -> datetime, none -> anything).
  Operand convert(Operand v, TypeKind kind, const Span& span);

  // Computes every event aggregate in `calls` with one pass over `events` (customer frame depth 0
  // when hoisted; the current selection otherwise).
  void aggregate_pass(std::uint32_t events, std::vector<AggregateCall>& calls,
                      const std::string& description);

  // Marks the events of `events` passing each filter (slot, filter; null filter: every event)
  // with one pass over the batch's events (lower_marks.cpp).
  void mark_pass(std::uint32_t events,
                 const std::vector<std::pair<std::uint32_t, const ast::Expr*>>& marks);

  // Whether e reads a let, a tiering, or the events (cannot be hoisted into phase 1).
  bool depends_on_customer_values(const ast::Expr& e) const;
  // Whether e (in an event scope) reads an event field.
  bool reads_events(const ast::Expr& e) const;
  // Whether e contains calls or arithmetic that may fail, so `and`/`or` should guard it.
  bool is_fallible(const ast::Expr& e) const;

  // Decision tables (compile_table.cpp): one cell's test of its column for every customer of
  // the current selection, and a row's conjunction of cell tests (true for a row of `-`).
  Operand lower_cell(const TableCellSymbol& cell, Operand column, const Span& span);
  Operand lower_row(const TableRowSymbol& row, const std::vector<Operand>& columns);
  // Tier tests: whether tier `value` of tiering `tiering` is `tier` or one of its sub-tiers.
  // Two-valued (`is`): a customer in no tier is in none; else unknown, as `==` is.
  Operand within_tier(Operand value, std::uint32_t tiering, std::uint32_t tier, const Span& span,
                      bool two_valued);

  std::unordered_map<ast::ExprId, Operand> hoisted;  // precomputed aggregate results
  // Event aggregates computed by the first phase: call -> scratch column (later phases).
  std::unordered_map<ast::ExprId, std::uint32_t> carried;
  bool explain_tables = false;  // output table columns, cells and rows (CompileRequest)
  std::vector<std::optional<Operand>> let_regs;
  std::vector<std::optional<Operand>> tiering_regs;
  std::vector<std::optional<std::uint16_t>> raw_tiers;  // held tierings: the tier before holding

  FrameBuilder& main() { return main_; }
  vm::Program& program() { return program_; }

  const Model& model;

 private:
  vm::Program& program_;
  const PhaseLinks* links_;
  FrameBuilder main_;
  // The event frame being filled, when lowering inside an aggregate.
  FrameBuilder* event_ = nullptr;
  std::uint32_t event_table_ = 0;
  std::map<std::uint32_t, Operand> event_fields_;
  std::map<std::uint32_t, Operand> record_fields_;
  std::map<std::uint32_t, Operand> scratch_fields_;

  FrameBuilder& cur() { return event_ ? *event_ : main_; }
  // Makes `eb` (the body of `ef`) the current frame, then restores the outer one and appends the
  // frame to the program with an `aggregate` instruction running it.
  struct SavedScope {
    FrameBuilder* event;
    std::uint32_t table;
    std::map<std::uint32_t, Operand> fields;
  };
  SavedScope enter_events(std::uint32_t events, FrameBuilder& eb);
  void leave_events(SavedScope saved, vm::EventFrame&& ef, const Span& span);
  Operand lower_history(const ast::Expr& e, const Resolution& r);
  Operand lower(const ast::Expr& e);
  Operand lower_literal(const ast::Expr& e);
  Operand lower_name(const ast::Expr& e);
  Operand lower_unary(const ast::Expr& e, const ast::UnaryExpr& u);
  Operand lower_binary(const ast::Expr& e, const ast::BinaryExpr& b);
  Operand lower_arith(const ast::Expr& e, const ast::BinaryExpr& b);
  Operand lower_compare(ast::BinaryOp op, Operand l, Operand r, const Span& span);
  Operand lower_logic(const ast::Expr& e, const ast::BinaryExpr& b);
  Operand lower_between(const ast::Expr& e, const ast::BetweenExpr& b);
  Operand lower_in(const ast::Expr& e, const ast::InExpr& in);
  Operand lower_is(const ast::Expr& e, const ast::IsExpr& is);
  Operand lower_if(const ast::Expr& e, const ast::IfExpr& f);
  Operand lower_call(const ast::Expr& e, const ast::CallExpr& c);
  Operand lower_scalar_call(const ast::Expr& e, const ast::CallExpr& c);
  Operand lower_aggregate_inline(const ast::Expr& e);
  Operand lower_population(const ast::Expr& e);
  Operand load_scratch(std::uint32_t column, TypeKind kind, const Span& span);
  Operand load_record_field(std::uint32_t field, const Span& span);
  Operand load_event_field(std::uint32_t field, const Span& span);
  Operand broadcast(Operand v, const Span& span);
  Operand not3(Operand v, const Span& span);
  Operand emit_unary(Opcode op, Bank bank, TypeKind kind, Operand a, const Span& span);
  Operand emit_binary(Opcode op, Bank bank, TypeKind kind, Operand a, Operand b, const Span& span);
  Operand as_date(Operand v, const Span& span);
  Operand bool_const(bool value);
  void emit_aggregate_body(AggregateCall& call);
};

// Emits the assignment of tiering `index` for the whole batch (compile_tiering.cpp).
void compile_tiering(Lowering& low, std::uint32_t index);
// Decision tables, first match or unique (compile_table.cpp).
void compile_table(Lowering& low, std::uint32_t index, std::uint16_t dst);

}  // namespace strata::compile_internal
