// Tierings: first-match and unique assignment, sub-tiers, products, `hold`; tables in
// compile_table.cpp.
//
// A tiering's result register holds the index of the customer's tier (TieringSymbol::tiers,
// pre-order) or none. Sub-tiers are assigned inside the selection of the customers their parent
// took, so a sub-tier's condition is only computed for those customers unless it cannot fail.
#include <optional>

#include "compile/internal/builder.hpp"

namespace strata::compile_internal {

namespace {

struct TieringEmitter {
  Lowering& low;
  const TieringSymbol& t;
  // Conditions computed up front for the whole batch (see compile_tiering): dense loops are faster
  // than gathering the remaining rows, and shared sub-conditions (`not r_high`) are computed once.
  std::vector<std::optional<Operand>> upfront;

  FrameBuilder& fb() { return low.main(); }

  Operand condition(std::uint32_t tier) {
    if (upfront[tier]) return *upfront[tier];
    return low.customer(*t.tiers[tier].decl->condition);
  }

  void push(Opcode op, std::uint16_t reg, const Span& span) {
    fb().emit(op, vm::kNoReg, reg, vm::kNoReg, 0, span);
    ++fb().depth;
  }
  void pop(const Span& span) {
    --fb().depth;
    fb().emit(Opcode::SelPop, vm::kNoReg, vm::kNoReg, vm::kNoReg, 0, span);
  }

  // First match among the tiers below `parent`: each tier sees only the customers no earlier
  // sibling took; a tier with sub-tiers takes its customers, then tries its sub-tiers on them.
  // `tier.first` drops matched rows from the current selection, so the top level works on a copy;
  // sub-tiers work on the selection their parent pushed (or, under `otherwise`, on the rows left,
  // which nothing reads afterwards).
  void first(std::optional<std::uint32_t> parent, std::uint16_t dst) {
    if (!parent) push(Opcode::SelDup, vm::kNoReg, t.decl->span);
    for (std::uint32_t i : t.children_of(parent)) {
      const TierSymbol& tier = t.tiers[i];
      const Span& at = tier.decl->span;
      if (tier.otherwise) {
        fb().emit(Opcode::TierSet, dst, vm::kNoReg, vm::kNoReg, i, at);
        if (t.has_children(i)) first(i, dst);
        break;
      }
      const Operand c = condition(i);
      if (!t.has_children(i)) {
        fb().emit(Opcode::TierFirst, dst, c.reg, vm::kNoReg, i, at);
        continue;
      }
      push(Opcode::SelTrue, c.reg, at);
      fb().emit(Opcode::TierSet, dst, vm::kNoReg, vm::kNoReg, i, at);
      first(i, dst);
      pop(at);
      fb().emit(Opcode::SelNarrow, vm::kNoReg, c.reg, vm::kNoReg, 0, at);
    }
    if (!parent) pop(t.decl->span);
  }

  // Unique: every condition below `parent` is evaluated for every customer of the selection; a
  // customer matching two siblings stops the run. Sub-tiers go to a register of their own, merged
  // into `dst` afterwards, so a parent and its sub-tier never count as two matches.
  void unique(std::optional<std::uint32_t> parent, std::uint16_t dst) {
    const std::vector<std::uint32_t> level = t.children_of(parent);
    for (std::uint32_t i : level) {
      const TierSymbol& tier = t.tiers[i];
      if (tier.otherwise) {
        fb().emit(Opcode::TierFill, dst, vm::kNoReg, vm::kNoReg, i, tier.decl->span);
      } else {
        fb().emit(Opcode::TierUnique, dst, condition(i).reg, vm::kNoReg, i, tier.decl->span);
      }
    }
    for (std::uint32_t i : level) {
      if (!t.has_children(i)) continue;
      const Span& at = t.tiers[i].decl->span;
      // Not shared with other code (`value`): `dst` changes below.
      const std::uint16_t in_tier = fb().new_reg(Bank::I);
      fb().emit(Opcode::EqI, in_tier, dst, fb().const_i(i), 0, at);
      push(Opcode::SelTrue, in_tier, at);
      const std::uint16_t sub = fb().new_reg(Bank::I);
      fb().emit(Opcode::NoneI, sub, vm::kNoReg, vm::kNoReg, 0, at);
      unique(i, sub);
      fb().emit(Opcode::CoalesceI, dst, sub, dst, 0, at);
      pop(at);
    }
  }
};

// A product: the index of the combination in the pre-order tree of TieringSymbol::tiers. For
// operands t0..tn with subtree sizes S0..Sn (Sn = 1, Sk = 1 + |t(k+1)| * S(k+1)), the tier of
// (i0, i1, ...) is i0*S0 + (1 + i1*S1 + (1 + i2*S2 + ...)); a missing operand ends the path there.
void compile_product(Lowering& low, std::uint32_t index, std::uint16_t dst) {
  const TieringSymbol& t = low.model.tierings[index];
  FrameBuilder& fb = low.main();
  const Span& span = t.decl->span;
  const std::size_t n = t.operands.size();
  std::vector<std::int64_t> size(n, 1);
  for (std::size_t k = n - 1; k-- > 0;) {
    size[k] = 1 + static_cast<std::int64_t>(low.model.tierings[t.operands[k + 1]].tiers.size()) *
                      size[k + 1];
  }
  auto part = [&](std::size_t k) {
    const Operand v = *low.tiering_regs[t.operands[k]];
    if (size[k] == 1) return v.reg;
    return fb.value(Opcode::MulI, Bank::I, v.reg, fb.const_i(size[k]), 0, t.decl->product[k]->span);
  };
  std::optional<std::uint16_t> inner;
  for (std::size_t k = n; k-- > 1;) {
    std::uint16_t x = fb.value(Opcode::AddI, Bank::I, part(k), fb.const_i(1), 0, span);
    if (inner) x = fb.value(Opcode::AddI, Bank::I, x, *inner, 0, span);
    inner = fb.value(Opcode::CoalesceI, Bank::I, x, fb.const_i(0), 0, span);
  }
  const std::uint16_t result = fb.value(Opcode::AddI, Bank::I, part(0), *inner, 0, span);
  fb.emit(Opcode::MovI, dst, result, vm::kNoReg, 0, span);
}

// `hold demote N`: the tier the conditions give (`raw`) becomes the tier the customer is in only
// as the hold rule allows, given the previous run's state; everything that reads the tiering
// reads the held tier, and the raw one is an output for the state writer.
void apply_hold(Lowering& low, std::uint32_t index, std::uint16_t raw) {
  const TieringSymbol& t = low.model.tierings[index];
  if (!t.hold.any()) return;
  FrameBuilder& fb = low.main();
  const std::uint16_t held = fb.new_reg(Bank::I);
  fb.emit(Opcode::TierHold, held, raw, vm::kNoReg, index, t.decl->span);
  low.tiering_regs[index] = Operand{Bank::I, held, TypeKind::Tier};
  low.raw_tiers[index] = raw;
}

}  // namespace

void compile_tiering(Lowering& low, std::uint32_t index) {
  const TieringSymbol& t = low.model.tierings[index];
  FrameBuilder& fb = low.main();
  const Span& span = t.decl->span;
  const std::uint16_t dst = fb.new_reg(Bank::I);
  fb.emit(Opcode::NoneI, dst, vm::kNoReg, vm::kNoReg, 0, span);
  switch (t.form) {
    case ast::TieringForm::Table:
      compile_table(low, index, dst);
      break;
    case ast::TieringForm::Product:
      compile_product(low, index, dst);
      break;
    case ast::TieringForm::Tiers: {
      TieringEmitter emit{low, t, std::vector<std::optional<Operand>>(t.tiers.size())};
      // Up front: conditions that cannot fail, and under `unique` every top-level condition,
      // since all of them are evaluated for every customer anyway.
      for (std::size_t i = 0; i < t.tiers.size(); ++i) {
        const ast::Expr* cond = t.tiers[i].decl->condition.get();
        if (cond == nullptr) continue;
        const bool every_customer = t.policy == ast::HitPolicy::Unique && !t.tiers[i].parent;
        if (every_customer || !low.is_fallible(*cond)) emit.upfront[i] = low.customer(*cond);
      }
      if (t.policy == ast::HitPolicy::Unique) {
        emit.unique(std::nullopt, dst);
      } else {
        emit.first(std::nullopt, dst);
      }
      break;
    }
  }
  low.tiering_regs[index] = Operand{Bank::I, dst, TypeKind::Tier};
  apply_hold(low, index, dst);
}

}  // namespace strata::compile_internal
