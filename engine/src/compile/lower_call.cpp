// Lowering of calls: scalar built-ins and event aggregates.
#include <cassert>

#include "compile/internal/builder.hpp"
#include "compile/internal/walk.hpp"
#include "strata/time.hpp"

namespace strata::compile_internal {

namespace {

Instr make(Opcode op, std::uint16_t dst, std::uint16_t a = vm::kNoReg, std::uint16_t b = vm::kNoReg,
           std::int64_t k = 0) {
  return Instr{op, dst, a, b, k};
}

// The value argument of an aggregate (`Order.amount` in sum(Order.amount)), or null for
// count(Order).
const ast::Expr* value_argument(const Model& model, const ast::CallExpr& c) {
  if (c.args.empty()) return nullptr;
  const ast::Expr& arg = *c.args[0];
  if (model.names[arg.id].kind == SymbolKind::Events) return nullptr;
  return &arg;
}

}  // namespace

Operand Lowering::lower_call(const ast::Expr& e, const ast::CallExpr& c) {
  const CallInfo& info = model.calls[e.id];
  if (info.scope == CallScope::EventAggregate) {
    if (auto it = hoisted.find(e.id); it != hoisted.end()) return it->second;
    if (auto it = carried.find(e.id); it != carried.end()) {
      return load_scratch(it->second, model.types[e.id].kind, e.span);
    }
    return lower_aggregate_inline(e);
  }
  if (info.scope == CallScope::Population) return lower_population(e);
  return lower_scalar_call(e, c);
}

Operand Lowering::lower_population(const ast::Expr& e) {
  assert(links_ && links_->phases && "statistics need a plan");
  const std::uint32_t index = links_->phases->stat_of_call.at(e.id);
  const vm::Statistic& s = links_->plan->statistics[index];
  const TypeKind kind = s.type.kind;
  // A position is one value per customer, in a column; an aggregate one value for the run.
  if (s.column) return load_scratch(*s.column, kind, e.span);
  return {s.bank, cur().statistic(index, s.bank), kind};
}

Operand Lowering::load_scratch(std::uint32_t column, TypeKind kind, const Span& span) {
  if (auto it = scratch_fields_.find(column); it != scratch_fields_.end()) return it->second;
  const Bank bank = bank_of(kind);
  const std::uint16_t dst = main_.new_reg(bank);
  main_.emit(bank == Bank::D ? Opcode::LoadTmpD : Opcode::LoadTmpI, dst, vm::kNoReg, vm::kNoReg,
             column, span);
  const Operand v{bank, dst, kind};
  if (main_.depth == 0) scratch_fields_.emplace(column, v);
  return v;
}

Operand Lowering::lower_aggregate_inline(const ast::Expr& e) {
  std::vector<AggregateCall> calls(1);
  calls[0].call = &e;
  const std::uint32_t events = model.calls[e.id].events;
  aggregate_pass(events, calls,
                 model.events[events].name + ": " + std::string(model.sources->text(e.span)));
  return calls[0].result;
}

void Lowering::aggregate_pass(std::uint32_t events, std::vector<AggregateCall>& calls,
                              const std::string& description) {
  vm::EventFrame ef;
  ef.events = events;
  ef.description = description;
  FrameBuilder eb(ef.frame);
  SavedScope saved = enter_events(events, eb);

  for (AggregateCall& call : calls) {
    const auto& c = std::get<ast::CallExpr>(call.call->node);
    const BuiltinId fn = model.calls[call.call->id].builtin;
    const ast::Expr* value = value_argument(model, c);
    const TypeKind value_kind = value ? model.types[value->id].kind : TypeKind::Int;
    const Span& span = call.call->span;

    // Accumulators live in the customer frame.
    auto acc = [&](Bank bank, TypeKind kind) { return Operand{bank, main_.new_reg(bank), kind}; };
    auto init = [&](Opcode op, std::uint16_t reg) {
      ef.init.push_back(make(op, reg));
      ef.init_spans.push_back(span);
    };

    std::optional<Operand> mask;
    if (c.filter) mask = lower(*c.filter);
    std::optional<Operand> v;
    if (value) v = lower(*value);
    const std::uint16_t mask_reg = mask ? mask->reg : vm::kNoReg;
    auto present_mask = [&]() -> std::uint16_t {
      // Events whose value is present (and that pass the filter).
      Operand none = emit_unary(v->bank == Bank::D ? Opcode::IsNoneD : Opcode::IsNoneI, Bank::I,
                                TypeKind::Bool, *v, span);
      Operand present = not3(none, span);
      if (!mask) return present.reg;
      return emit_binary(Opcode::And3, Bank::I, TypeKind::Bool, *mask, present, span).reg;
    };

    switch (fn) {
      case BuiltinId::Count: {
        call.result = acc(Bank::I, TypeKind::Int);
        init(Opcode::AggInitZeroI, call.result.reg);
        eb.emit(Opcode::AggCount, call.result.reg, v ? present_mask() : mask_reg, vm::kNoReg, 0,
                span);
        break;
      }
      case BuiltinId::Sum: {
        const Bank bank = bank_of(value_kind);
        call.result = acc(bank, value_kind);
        init(bank == Bank::D ? Opcode::AggInitZeroD : Opcode::AggInitZeroI, call.result.reg);
        eb.emit(bank == Bank::D ? Opcode::AggSumD : Opcode::AggSumI, call.result.reg, v->reg,
                mask_reg, 0, span);
        break;
      }
      case BuiltinId::Avg: {
        Operand dv = convert(*v, TypeKind::Decimal, span);
        Operand sum = acc(Bank::D, TypeKind::Decimal);
        Operand count = acc(Bank::I, TypeKind::Int);
        init(Opcode::AggInitZeroD, sum.reg);
        init(Opcode::AggInitZeroI, count.reg);
        eb.emit(Opcode::AggSumD, sum.reg, dv.reg, mask_reg, 0, span);
        eb.emit(Opcode::AggCount, count.reg, present_mask(), vm::kNoReg, 0, span);
        call.result = sum;
        call.count = count;
        break;
      }
      case BuiltinId::Min:
      case BuiltinId::Max:
      case BuiltinId::First:
      case BuiltinId::Last: {
        const Bank bank = bank_of(value_kind);
        call.result = acc(bank, value_kind);
        init(bank == Bank::D ? Opcode::AggInitNoneD : Opcode::AggInitNoneI, call.result.reg);
        const bool d = bank == Bank::D;
        const Opcode op = fn == BuiltinId::Min     ? (d ? Opcode::AggMinD : Opcode::AggMinI)
                          : fn == BuiltinId::Max   ? (d ? Opcode::AggMaxD : Opcode::AggMaxI)
                          : fn == BuiltinId::First ? (d ? Opcode::AggFirstD : Opcode::AggFirstI)
                                                   : (d ? Opcode::AggLastD : Opcode::AggLastI);
        eb.emit(op, call.result.reg, v->reg, mask_reg, 0, span);
        break;
      }
      case BuiltinId::Distinct: {
        call.result = acc(Bank::I, TypeKind::Int);
        eb.emit(v->bank == Bank::D ? Opcode::AggDistinctD : Opcode::AggDistinctI, call.result.reg,
                v->reg, mask_reg, 0, span);
        ef.finish.push_back(make(Opcode::AggDistinctFinish, call.result.reg));
        ef.finish_spans.push_back(span);
        break;
      }
      default:
        assert(false && "not an event aggregate");
    }
  }

  leave_events(std::move(saved), std::move(ef), calls.front().call->span);

  // avg = sum / count, none without events.
  for (AggregateCall& call : calls) {
    if (!call.count) continue;
    Operand n = convert(*call.count, TypeKind::Decimal, call.call->span);
    call.result =
        emit_binary(Opcode::DivD, Bank::D, TypeKind::Decimal, call.result, n, call.call->span);
    call.count.reset();
  }
}

Lowering::SavedScope Lowering::enter_events(std::uint32_t events, FrameBuilder& eb) {
  SavedScope saved{event_, event_table_, std::move(event_fields_)};
  event_ = &eb;
  event_table_ = events;
  event_fields_.clear();
  return saved;
}

void Lowering::leave_events(SavedScope saved, vm::EventFrame&& ef, const Span& span) {
  event_ = saved.event;
  event_table_ = saved.table;
  event_fields_ = std::move(saved.fields);
  for (const Instr& in : ef.frame.code) {
    ef.broadcasts = ef.broadcasts || in.op == Opcode::BcastI || in.op == Opcode::BcastD;
  }
  program_.event_frames.push_back(std::move(ef));
  const auto index = static_cast<std::int64_t>(program_.event_frames.size() - 1);
  cur().emit(Opcode::Aggregate, vm::kNoReg, vm::kNoReg, vm::kNoReg, index, span);
}

Operand Lowering::lower_scalar_call(const ast::Expr& e, const ast::CallExpr& c) {
  const BuiltinId fn = model.calls[e.id].builtin;
  const TypeKind kind = model.types[e.id].kind;
  const Span& span = e.span;
  auto arg = [&](std::size_t i) { return lower(*c.args[i]); };
  switch (fn) {
    case BuiltinId::Abs: {
      Operand x = arg(0);
      return x.bank == Bank::D ? emit_unary(Opcode::AbsD, Bank::D, x.kind, x, span)
                               : emit_unary(Opcode::AbsI, Bank::I, x.kind, x, span);
    }
    case BuiltinId::Round: {
      Operand x = arg(0);
      if (x.bank == Bank::I) return x;
      std::int64_t places = 0;
      if (c.args.size() > 1) {
        const auto& k = model.constants[c.args[1]->id];
        places = k ? k->i : 0;
      }
      const std::uint16_t dst = cur().new_reg(Bank::D);
      cur().emit(Opcode::RoundD, dst, x.reg, vm::kNoReg, places, span);
      return {Bank::D, dst, TypeKind::Decimal};
    }
    case BuiltinId::Floor:
    case BuiltinId::Ceil: {
      Operand x = arg(0);
      if (x.bank == Bank::I) return x;
      return emit_unary(fn == BuiltinId::Floor ? Opcode::FloorD : Opcode::CeilD, Bank::I,
                        TypeKind::Int, x, span);
    }
    case BuiltinId::Clamp: {
      Operand x = convert(arg(0), kind, span);
      Operand lo = convert(arg(1), kind, span);
      Operand hi = convert(arg(2), kind, span);
      const bool d = bank_of(kind) == Bank::D;
      Operand low = emit_binary(d ? Opcode::MinD : Opcode::MinI, bank_of(kind), kind, x, hi, span);
      return emit_binary(d ? Opcode::MaxD : Opcode::MaxI, bank_of(kind), kind, low, lo, span);
    }
    case BuiltinId::Min:
    case BuiltinId::Max: {
      const bool d = bank_of(kind) == Bank::D;
      const Opcode op = fn == BuiltinId::Min ? (d ? Opcode::MinD : Opcode::MinI)
                                             : (d ? Opcode::MaxD : Opcode::MaxI);
      Operand acc = convert(arg(0), kind, span);
      for (std::size_t i = 1; i < c.args.size(); ++i) {
        acc = emit_binary(op, bank_of(kind), kind, acc, convert(arg(i), kind, span), span);
      }
      return acc;
    }
    case BuiltinId::DaysBetween: {
      Operand a = as_date(arg(0), span);
      Operand b = as_date(arg(1), span);
      return emit_binary(Opcode::SubI, Bank::I, TypeKind::Int, b, a, span);
    }
    case BuiltinId::MonthsBetween: {
      Operand a = as_date(arg(0), span);
      Operand b = as_date(arg(1), span);
      return emit_binary(Opcode::MonthsBetween, Bank::I, TypeKind::Int, a, b, span);
    }
    case BuiltinId::Year:
    case BuiltinId::Month:
    case BuiltinId::Day:
    case BuiltinId::Quarter:
    case BuiltinId::Weekday: {
      const Opcode op = fn == BuiltinId::Year      ? Opcode::Year
                        : fn == BuiltinId::Month   ? Opcode::Month
                        : fn == BuiltinId::Day     ? Opcode::Day
                        : fn == BuiltinId::Quarter ? Opcode::Quarter
                                                   : Opcode::Weekday;
      return emit_unary(op, Bank::I, TypeKind::Int, as_date(arg(0), span), span);
    }
    case BuiltinId::DateOf:
      return as_date(arg(0), span);
    case BuiltinId::Days:
    case BuiltinId::Hours: {
      Operand x = arg(0);
      const std::uint16_t dst = cur().new_reg(Bank::I);
      cur().emit(Opcode::DivcI, dst, x.reg, vm::kNoReg,
                 fn == BuiltinId::Days ? timeutil::kSecondsPerDay : 3600, span);
      return {Bank::I, dst, TypeKind::Int};
    }
    default:
      break;
  }
  assert(false && "unhandled built-in");
  return {Bank::I, cur().const_i(0, false), TypeKind::Null};
}

}  // namespace strata::compile_internal
