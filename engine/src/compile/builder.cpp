#include <cassert>

#include "compile/internal/builder.hpp"

namespace strata::compile_internal {

std::uint16_t FrameBuilder::new_reg(Bank bank) {
  std::uint16_t& count = bank == Bank::I ? frame_.num_i : frame_.num_d;
  assert(count < vm::kNoReg - 1 && "register file exhausted");
  return count++;
}

void FrameBuilder::emit(Opcode op, std::uint16_t dst, std::uint16_t a, std::uint16_t b,
                        std::int64_t k, const Span& span) {
  // Operands must name registers that exist in their bank (or the parent frame for P/Q).
  assert(dst == vm::kNoReg || dst < 0xFFFE);
  if (prologue) {
    frame_.prologue.push_back(Instr{op, dst, a, b, k});
    frame_.prologue_spans.push_back(span);
    return;
  }
  frame_.code.push_back(Instr{op, dst, a, b, k});
  frame_.spans.push_back(span);
}

std::uint16_t FrameBuilder::value(Opcode op, Bank bank, std::uint16_t a, std::uint16_t b,
                                  std::int64_t k, const Span& span) {
  // Only values computed for every row may be shared.
  const bool shareable = depth == 0;
  const auto key = std::make_tuple(op, a, b, k);
  if (shareable) {
    if (auto it = values_.find(key); it != values_.end()) return it->second;
  }
  const std::uint16_t dst = new_reg(bank);
  emit(op, dst, a, b, k, span);
  if (shareable) values_.emplace(key, dst);
  return dst;
}

std::uint16_t FrameBuilder::const_i(std::int64_t value, bool valid) {
  const auto key = std::make_pair(valid ? value : 0, valid);
  if (auto it = ints_.find(key); it != ints_.end()) return it->second;
  const std::uint16_t reg = new_reg(Bank::I);
  frame_.const_i.push_back({reg, value, valid});
  ints_.emplace(key, reg);
  return reg;
}

std::uint16_t FrameBuilder::const_d(Decimal::Rep value, bool valid) {
  const auto key = std::make_pair(valid ? value : Decimal::Rep(0), valid);
  if (auto it = decs_.find(key); it != decs_.end()) return it->second;
  const std::uint16_t reg = new_reg(Bank::D);
  frame_.const_d.push_back({reg, value, valid});
  decs_.emplace(key, reg);
  return reg;
}

std::uint16_t FrameBuilder::const_s(const std::string& text) {
  if (auto it = strings_.find(text); it != strings_.end()) return it->second;
  const std::uint16_t reg = new_reg(Bank::I);
  frame_.const_s.push_back({reg, text});
  strings_.emplace(text, reg);
  return reg;
}

std::uint16_t FrameBuilder::param(std::uint32_t index, Bank bank) {
  const auto key = std::make_pair(index, bank);
  if (auto it = params_.find(key); it != params_.end()) return it->second;
  const std::uint16_t reg = new_reg(bank);
  frame_.params.push_back({index, bank, reg});
  params_.emplace(key, reg);
  return reg;
}

std::uint16_t FrameBuilder::statistic(std::uint32_t index, Bank bank) {
  if (auto it = statistics_.find(index); it != statistics_.end()) return it->second;
  const std::uint16_t reg = new_reg(bank);
  frame_.statistics.push_back({index, bank, reg});
  statistics_.emplace(index, reg);
  return reg;
}

}  // namespace strata::compile_internal
