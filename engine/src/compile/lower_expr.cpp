// Lowering of expressions: literals, names, operators, conditionals.
#include <cassert>

#include "compile/internal/builder.hpp"
#include "compile/internal/walk.hpp"
#include "strata/time.hpp"

namespace strata::compile_internal {

using ast::BinaryOp;

Lowering::Lowering(const Model& m, vm::Program& program, const PhaseLinks* links)
    : model(m), program_(program), links_(links), main_(program.main) {
  let_regs.resize(m.lets.size());
  tiering_regs.resize(m.tierings.size());
  raw_tiers.resize(m.tierings.size());
}

Operand Lowering::customer(const ast::Expr& e) {
  FrameBuilder* saved = event_;
  event_ = nullptr;
  Operand v = lower(e);
  event_ = saved;
  return v;
}

Operand Lowering::lower(const ast::Expr& e) {
  if (event_ && !reads_events(e) && !is_run_constant(model, e)) {
    // A per-customer value inside an event filter: compute it once per customer, then copy it to
    // each of that customer's events.
    return broadcast(customer(e), e.span);
  }
  struct Visitor {
    Lowering& self;
    const ast::Expr& e;
    Operand operator()(const ast::LiteralExpr&) { return self.lower_literal(e); }
    Operand operator()(const ast::NameExpr&) { return self.lower_name(e); }
    Operand operator()(const ast::MemberExpr&) { return self.lower_name(e); }
    Operand operator()(const ast::UnaryExpr& u) { return self.lower_unary(e, u); }
    Operand operator()(const ast::BinaryExpr& b) { return self.lower_binary(e, b); }
    Operand operator()(const ast::BetweenExpr& b) { return self.lower_between(e, b); }
    Operand operator()(const ast::InExpr& in) { return self.lower_in(e, in); }
    Operand operator()(const ast::IsExpr& is) { return self.lower_is(e, is); }
    Operand operator()(const ast::IfExpr& f) { return self.lower_if(e, f); }
    Operand operator()(const ast::CallExpr& c) { return self.lower_call(e, c); }
  };
  FrameBuilder& fb = cur();
  if (fb.prologue || !is_run_constant(model, e) || e.as<ast::LiteralExpr>() ||
      e.as<ast::NameExpr>() || e.as<ast::MemberExpr>()) {
    return std::visit(Visitor{*this, e}, e.node);
  }
  // The same for every customer of a run: computed once when the run starts, for every row.
  const int depth = fb.depth;
  fb.prologue = true;
  fb.depth = 0;
  const Operand v = std::visit(Visitor{*this, e}, e.node);
  fb.prologue = false;
  fb.depth = depth;
  return v;
}

Operand Lowering::emit_unary(Opcode op, Bank bank, TypeKind kind, Operand a, const Span& span) {
  return {bank, cur().value(op, bank, a.reg, vm::kNoReg, 0, span), kind};
}

Operand Lowering::emit_binary(Opcode op, Bank bank, TypeKind kind, Operand a, Operand b,
                              const Span& span) {
  return {bank, cur().value(op, bank, a.reg, b.reg, 0, span), kind};
}

Operand Lowering::bool_const(bool value) {
  return {Bank::I, cur().const_i(value ? 1 : 0), TypeKind::Bool};
}

Operand Lowering::convert(Operand v, TypeKind kind, const Span& span) {
  if (v.kind == kind || kind == TypeKind::Error) return v;
  if (v.kind == TypeKind::Null) {
    const Bank bank = bank_of(kind);
    const std::uint16_t reg = bank == Bank::I ? cur().const_i(0, false) : cur().const_d(0, false);
    return {bank, reg, kind};
  }
  if (v.kind == TypeKind::Int && kind == TypeKind::Decimal) {
    return emit_unary(Opcode::IntToDec, Bank::D, kind, v, span);
  }
  if (v.kind == TypeKind::Date && kind == TypeKind::DateTime) {
    return emit_unary(Opcode::DateToDt, Bank::I, kind, v, span);
  }
  // Same representation (enum/tier/bool families): relabel only.
  v.kind = kind;
  return v;
}

Operand Lowering::as_date(Operand v, const Span& span) {
  if (v.kind == TypeKind::DateTime)
    return emit_unary(Opcode::DtToDate, Bank::I, TypeKind::Date, v, span);
  return v;
}

Operand Lowering::not3(Operand v, const Span& span) {
  return emit_unary(Opcode::Not3, Bank::I, TypeKind::Bool, v, span);
}

Operand Lowering::lower_literal(const ast::Expr& e) {
  const auto& lit = std::get<ast::LiteralExpr>(e.node);
  if (lit.kind == ast::LiteralKind::Today) {
    return {Bank::I, cur().param(kTodayParam, Bank::I), TypeKind::Date};
  }
  const std::optional<ConstValue>& c = model.constants[e.id];
  if (!c || c->kind == TypeKind::Null) return {Bank::I, cur().const_i(0, false), TypeKind::Null};
  switch (c->kind) {
    case TypeKind::Decimal:
      return {Bank::D, cur().const_d(c->d.units()), TypeKind::Decimal};
    case TypeKind::String:
      return {Bank::I, cur().const_s(c->s), TypeKind::String};
    default:
      return {Bank::I, cur().const_i(c->i), c->kind};
  }
}

Operand Lowering::lower_name(const ast::Expr& e) {
  const Resolution& r = model.names[e.id];
  switch (r.kind) {
    case SymbolKind::RecordField:
      return load_record_field(r.index, e.span);
    case SymbolKind::EventField:
      return load_event_field(r.sub, e.span);
    case SymbolKind::Param: {
      const TypeKind kind = model.params[r.index].type.kind;
      return {bank_of(kind), cur().param(r.index, bank_of(kind)), kind};
    }
    case SymbolKind::Let: {
      if (let_regs[r.index]) return *let_regs[r.index];
      // Lets are normally computed up front in dependency order; this handles a let first met in
      // a narrowed selection, which is then not cached.
      const Operand v = customer(*model.lets[r.index].decl->value);
      if (main_.depth == 0) let_regs[r.index] = v;
      return v;
    }
    case SymbolKind::Tiering: {
      assert(tiering_regs[r.index] && "tierings are computed in dependency order");
      return *tiering_regs[r.index];
    }
    case SymbolKind::EnumMember:
      return {Bank::I, cur().const_i(r.sub), TypeKind::Enum};
    case SymbolKind::Tier:
      return {Bank::I, cur().const_i(r.sub), TypeKind::Tier};
    case SymbolKind::TierPrevious:
    case SymbolKind::TierSince:
    case SymbolKind::TierChanged:
      return lower_history(e, r);
    case SymbolKind::Events:
    case SymbolKind::Kpi:  // only at the group level of a KPI, never compiled
    case SymbolKind::Sop:
    case SymbolKind::Unresolved:
      break;
  }
  assert(false && "unresolved name reached the compiler");
  return {Bank::I, cur().const_i(0, false), TypeKind::Null};
}

// `t.previous` reads the previous run's state; `t.since` and `t.changed` compare it with the
// tier this run gives (after its hold rule), which dependency order has already computed.
Operand Lowering::lower_history(const ast::Expr& e, const Resolution& r) {
  const auto k = static_cast<std::int64_t>(r.index);
  if (r.kind == SymbolKind::TierPrevious) {
    return {Bank::I, cur().value(Opcode::HistTier, Bank::I, vm::kNoReg, vm::kNoReg, k, e.span),
            TypeKind::Tier};
  }
  assert(tiering_regs[r.index] && "tierings are computed in dependency order");
  const Operand held = *tiering_regs[r.index];
  const bool since = r.kind == SymbolKind::TierSince;
  return {Bank::I,
          cur().value(since ? Opcode::TierSince : Opcode::TierChanged, Bank::I, held.reg,
                      vm::kNoReg, k, e.span),
          since ? TypeKind::Date : TypeKind::Bool};
}

namespace {

// The load instruction for a field's column storage (dataset.hpp): int64, int32 (string ids and
// enums), decimal or bool; from the record table or from the events of the chunk.
Opcode load_opcode(TypeKind kind, bool events) {
  switch (kind) {
    case TypeKind::Decimal:
      return events ? Opcode::LoadEvtDec : Opcode::LoadColDec;
    case TypeKind::String:
    case TypeKind::Enum:
      return events ? Opcode::LoadEvtI32 : Opcode::LoadColI32;
    case TypeKind::Bool:
      return events ? Opcode::LoadEvtBool : Opcode::LoadColBool;
    default:
      return events ? Opcode::LoadEvtI64 : Opcode::LoadColI64;
  }
}

}  // namespace

Operand Lowering::load_record_field(std::uint32_t field, const Span& span) {
  if (auto it = record_fields_.find(field); it != record_fields_.end()) return it->second;
  const FieldSymbol& f = model.record->fields[field];
  const Opcode op = load_opcode(f.type.kind, false);
  // Loads go to the customer frame even when met inside an event filter (then broadcast).
  FrameBuilder& fb = main_;
  const Bank bank = bank_of(f.type.kind);
  const std::uint16_t dst = fb.new_reg(bank);
  fb.emit(op, dst, vm::kNoReg, vm::kNoReg, field, span);
  Operand v{bank, dst, f.type.kind};
  if (fb.depth == 0) record_fields_.emplace(field, v);
  return v;
}

Operand Lowering::load_event_field(std::uint32_t field, const Span& span) {
  assert(event_ && "event fields are read only inside aggregates");
  if (auto it = event_fields_.find(field); it != event_fields_.end()) return it->second;
  const FieldSymbol& f = model.events[event_table_].fields[field];
  const Opcode op = load_opcode(f.type.kind, true);
  const Bank bank = bank_of(f.type.kind);
  const std::uint16_t dst = event_->new_reg(bank);
  event_->emit(op, dst, vm::kNoReg, vm::kNoReg, field, span);
  Operand v{bank, dst, f.type.kind};
  if (event_->depth == 0) event_fields_.emplace(field, v);
  return v;
}

Operand Lowering::broadcast(Operand v, const Span& span) {
  const std::uint16_t dst = event_->new_reg(v.bank);
  event_->emit(v.bank == Bank::I ? Opcode::BcastI : Opcode::BcastD, dst, v.reg, vm::kNoReg, 0,
               span);
  return {v.bank, dst, v.kind};
}

Operand Lowering::lower_unary(const ast::Expr& e, const ast::UnaryExpr& u) {
  Operand v = lower(*u.operand);
  if (u.op == ast::UnaryOp::Not) return not3(convert(v, TypeKind::Bool, e.span), e.span);
  if (v.kind == TypeKind::Decimal) return emit_unary(Opcode::NegD, Bank::D, v.kind, v, e.span);
  return emit_unary(Opcode::NegI, Bank::I, v.kind, v, e.span);
}

Operand Lowering::lower_binary(const ast::Expr& e, const ast::BinaryExpr& b) {
  switch (b.op) {
    case BinaryOp::And:
    case BinaryOp::Or:
      return lower_logic(e, b);
    case BinaryOp::Eq:
    case BinaryOp::Ne:
    case BinaryOp::Lt:
    case BinaryOp::Le:
    case BinaryOp::Gt:
    case BinaryOp::Ge: {
      const OperatorSig& sig = model.operators[e.id];
      Operand l = convert(lower(*b.lhs), sig.lhs, b.lhs->span);
      Operand r = convert(lower(*b.rhs), sig.rhs, b.rhs->span);
      return lower_compare(b.op, l, r, e.span);
    }
    case BinaryOp::Coalesce: {
      const OperatorSig& sig = model.operators[e.id];
      Operand l = convert(lower(*b.lhs), sig.result, b.lhs->span);
      Operand r = convert(lower(*b.rhs), sig.result, b.rhs->span);
      const bool dec = bank_of(sig.result) == Bank::D;
      return emit_binary(dec ? Opcode::CoalesceD : Opcode::CoalesceI, l.bank, sig.result, l, r,
                         e.span);
    }
    default:
      return lower_arith(e, b);
  }
}

Operand Lowering::lower_arith(const ast::Expr& e, const ast::BinaryExpr& b) {
  const OperatorSig& sig = model.operators[e.id];
  Operand l = lower(*b.lhs);
  Operand r = lower(*b.rhs);
  const Span& span = e.span;
  const TypeKind res = sig.result;
  if (res == TypeKind::Decimal) {
    l = convert(l, TypeKind::Decimal, b.lhs->span);
    r = convert(r, TypeKind::Decimal, b.rhs->span);
    const Opcode op = b.op == BinaryOp::Add   ? Opcode::AddD
                      : b.op == BinaryOp::Sub ? Opcode::SubD
                      : b.op == BinaryOp::Mul ? Opcode::MulD
                                              : Opcode::DivD;
    return emit_binary(op, Bank::D, res, l, r, span);
  }
  // Calendar periods move dates by months.
  if (r.kind == TypeKind::Period || l.kind == TypeKind::Period) {
    if (l.kind == TypeKind::Period) std::swap(l, r);
    if (b.op == BinaryOp::Sub) r = emit_unary(Opcode::NegI, Bank::I, TypeKind::Period, r, span);
    const Opcode op = l.kind == TypeKind::Date ? Opcode::AddMonthsDate : Opcode::AddMonthsDt;
    return emit_binary(op, Bank::I, l.kind, l, r, span);
  }
  // Date arithmetic happens in seconds: a date is taken at 00:00:00.
  if (l.kind == TypeKind::Date || l.kind == TypeKind::DateTime || r.kind == TypeKind::Date ||
      r.kind == TypeKind::DateTime) {
    if (l.kind == TypeKind::Date) l = convert(l, TypeKind::DateTime, b.lhs->span);
    if (r.kind == TypeKind::Date) r = convert(r, TypeKind::DateTime, b.rhs->span);
  }
  const Opcode op = b.op == BinaryOp::Add   ? Opcode::AddI
                    : b.op == BinaryOp::Sub ? Opcode::SubI
                                            : Opcode::MulI;
  return emit_binary(op, Bank::I, res, l, r, span);
}

Operand Lowering::lower_compare(BinaryOp op, Operand l, Operand r, const Span& span) {
  static constexpr Opcode kInt[] = {Opcode::EqI, Opcode::NeI, Opcode::LtI,
                                    Opcode::LeI, Opcode::GtI, Opcode::GeI};
  static constexpr Opcode kDec[] = {Opcode::EqD, Opcode::NeD, Opcode::LtD,
                                    Opcode::LeD, Opcode::GtD, Opcode::GeD};
  static constexpr Opcode kStr[] = {Opcode::EqI, Opcode::NeI, Opcode::LtS,
                                    Opcode::LeS, Opcode::GtS, Opcode::GeS};
  const auto index = static_cast<std::size_t>(op) - static_cast<std::size_t>(BinaryOp::Eq);
  if (l.kind == TypeKind::Null && r.kind != TypeKind::Null) l = convert(l, r.kind, span);
  if (r.kind == TypeKind::Null && l.kind != TypeKind::Null) r = convert(r, l.kind, span);
  Opcode code = kInt[index];
  if (l.bank == Bank::D) code = kDec[index];
  if (l.kind == TypeKind::String) code = kStr[index];
  return emit_binary(code, Bank::I, TypeKind::Bool, l, r, span);
}

Operand Lowering::lower_logic(const ast::Expr& e, const ast::BinaryExpr& b) {
  const bool is_and = b.op == BinaryOp::And;
  const Opcode op = is_and ? Opcode::And3 : Opcode::Or3;
  Operand l = lower(*b.lhs);
  if (!is_fallible(*b.rhs)) {
    Operand r = lower(*b.rhs);
    return emit_binary(op, Bank::I, TypeKind::Bool, l, r, e.span);
  }
  // Short-circuit: rows whose result the left side already decides never evaluate the right side,
  // so a failing computation there cannot stop the run for them.
  FrameBuilder& fb = cur();
  const std::uint16_t dst = fb.new_reg(Bank::I);
  fb.emit(Opcode::MovI, dst, l.reg, vm::kNoReg, 0, e.span);
  fb.emit(is_and ? Opcode::SelNotFalse : Opcode::SelNotTrue, vm::kNoReg, l.reg, vm::kNoReg, 0,
          e.span);
  ++fb.depth;
  Operand r = lower(*b.rhs);
  fb.emit(op, dst, l.reg, r.reg, 0, e.span);
  --fb.depth;
  fb.emit(Opcode::SelPop, vm::kNoReg, vm::kNoReg, vm::kNoReg, 0, e.span);
  return {Bank::I, dst, TypeKind::Bool};
}

Operand Lowering::lower_between(const ast::Expr& e, const ast::BetweenExpr& b) {
  const OperatorSig& sig = model.operators[e.id];
  Operand v = convert(lower(*b.value), sig.lhs, b.value->span);
  Operand lo = convert(lower(*b.low), sig.lhs, b.low->span);
  Operand hi = convert(lower(*b.high), sig.lhs, b.high->span);
  Operand ge = lower_compare(BinaryOp::Ge, v, lo, e.span);
  Operand le = lower_compare(BinaryOp::Le, v, hi, e.span);
  Operand r = emit_binary(Opcode::And3, Bank::I, TypeKind::Bool, ge, le, e.span);
  return b.negated ? not3(r, e.span) : r;
}

Operand Lowering::lower_in(const ast::Expr& e, const ast::InExpr& in) {
  const OperatorSig& sig = model.operators[e.id];
  Operand v = convert(lower(*in.value), sig.lhs, in.value->span);
  std::optional<Operand> acc;
  for (const ast::ExprPtr& item : in.items) {
    // A tier is a membership test, as with `is`: `top` takes the sub-tiers of `top` too.
    const Resolution& tier = model.names[item->id];
    if (tier.kind == SymbolKind::Tier) {
      Operand eq = within_tier(v, tier.index, tier.sub, item->span, false);
      acc = acc ? emit_binary(Opcode::Or3, Bank::I, TypeKind::Bool, *acc, eq, e.span) : eq;
      continue;
    }
    Operand x = convert(lower(*item), sig.lhs, item->span);
    Operand eq = lower_compare(BinaryOp::Eq, v, x, item->span);
    acc = acc ? emit_binary(Opcode::Or3, Bank::I, TypeKind::Bool, *acc, eq, e.span) : eq;
  }
  Operand r = acc ? *acc : bool_const(false);
  return in.negated ? not3(r, e.span) : r;
}

Operand Lowering::lower_is(const ast::Expr& e, const ast::IsExpr& is) {
  Operand v = lower(*is.value);
  Operand r;
  if (!is.target) {
    r = emit_unary(v.bank == Bank::D ? Opcode::IsNoneD : Opcode::IsNoneI, Bank::I, TypeKind::Bool,
                   v, e.span);
  } else {
    // `t is x` is two-valued (a customer in no tier is not in tier x) and takes x's sub-tiers.
    const Resolution& target = model.names[e.id];
    r = target.kind == SymbolKind::Tier
            ? within_tier(v, target.index, target.sub, e.span, true)
            : emit_binary(Opcode::CoalesceI, Bank::I, TypeKind::Bool,
                          emit_binary(Opcode::EqI, Bank::I, TypeKind::Bool, v,
                                      {Bank::I, cur().const_i(target.sub), TypeKind::Enum}, e.span),
                          bool_const(false), e.span);
  }
  return is.negated ? not3(r, e.span) : r;
}

Operand Lowering::lower_if(const ast::Expr& e, const ast::IfExpr& f) {
  const TypeKind kind = model.types[e.id].kind;
  const Bank bank = bank_of(kind);
  Operand c = lower(*f.condition);
  FrameBuilder& fb = cur();
  const std::uint16_t dst = fb.new_reg(bank);
  const Opcode mov = bank == Bank::D ? Opcode::MovD : Opcode::MovI;
  // As SQL CASE: an unknown condition takes the else branch.
  fb.emit(Opcode::SelTrue, vm::kNoReg, c.reg, vm::kNoReg, 0, f.condition->span);
  ++fb.depth;
  Operand t = convert(lower(*f.then_value), kind, f.then_value->span);
  fb.emit(mov, dst, t.reg, vm::kNoReg, 0, f.then_value->span);
  --fb.depth;
  fb.emit(Opcode::SelPop, vm::kNoReg, vm::kNoReg, vm::kNoReg, 0, e.span);
  fb.emit(Opcode::SelNotTrue, vm::kNoReg, c.reg, vm::kNoReg, 0, f.condition->span);
  ++fb.depth;
  Operand x = convert(lower(*f.else_value), kind, f.else_value->span);
  fb.emit(mov, dst, x.reg, vm::kNoReg, 0, f.else_value->span);
  --fb.depth;
  fb.emit(Opcode::SelPop, vm::kNoReg, vm::kNoReg, vm::kNoReg, 0, e.span);
  return {bank, dst, kind};
}

}  // namespace strata::compile_internal
