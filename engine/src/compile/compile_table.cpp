// Decision tables and tier tests.
//
// Every column is computed once for the whole batch, and every cell test once per distinct
// (column, cell) pair thanks to common subexpression elimination; a `yes` cell is the column
// itself. A row is the Kleene `and` of its cells, so a cell that is unknown (a missing column
// value) keeps the row from matching. First match reuses `tier.first`; a unique table assigns
// row numbers with `tier.unique` (so a conflict names both rows) and maps them to tiers with
// `tier.map`.
#include "compile/internal/builder.hpp"

namespace strata::compile_internal {

using ast::BinaryOp;

Operand Lowering::lower_cell(const TableCellSymbol& cell, Operand column, const Span& span) {
  const ast::TableCell& c = *cell.cell;
  const TypeKind kind = cell.compare_kind;
  auto operand = [&](const ast::Expr& e) { return convert(customer(e), kind, e.span); };
  switch (cell.test) {
    case CellTest::Any:
      return bool_const(true);
    case CellTest::Yes:
      return convert(column, TypeKind::Bool, span);
    case CellTest::No:
      return not3(convert(column, TypeKind::Bool, span), span);
    case CellTest::Missing:
      return emit_unary(column.bank == Bank::D ? Opcode::IsNoneD : Opcode::IsNoneI, Bank::I,
                        TypeKind::Bool, column, span);
    case CellTest::Equal: {
      // A tier value tests membership, as `is` does: `top` takes the sub-tiers of `top` too.
      const Resolution& r = model.names[c.value->id];
      if (r.kind == SymbolKind::Tier) return within_tier(column, r.index, r.sub, span, false);
      return lower_compare(BinaryOp::Eq, convert(column, kind, span), operand(*c.value), span);
    }
    case CellTest::Compare:
      return lower_compare(cell.op, convert(column, kind, span), operand(*c.value), span);
    case CellTest::Range: {
      const Operand v = convert(column, kind, span);
      const Operand ge = lower_compare(BinaryOp::Ge, v, operand(*c.value), span);
      const Operand le = lower_compare(BinaryOp::Le, v, operand(*c.high), span);
      return emit_binary(Opcode::And3, Bank::I, TypeKind::Bool, ge, le, span);
    }
    case CellTest::List: {
      const Operand v = convert(column, kind, span);
      std::optional<Operand> acc;
      for (const ast::ExprPtr& item : c.items) {
        const Resolution& r = model.names[item->id];
        const Operand eq = r.kind == SymbolKind::Tier
                               ? within_tier(v, r.index, r.sub, item->span, false)
                               : lower_compare(BinaryOp::Eq, v, operand(*item), item->span);
        acc = acc ? emit_binary(Opcode::Or3, Bank::I, TypeKind::Bool, *acc, eq, span) : eq;
      }
      return *acc;
    }
  }
  return bool_const(false);
}

Operand Lowering::lower_row(const TableRowSymbol& row, const std::vector<Operand>& columns) {
  std::optional<Operand> acc;
  for (std::size_t c = 0; c < row.cells.size(); ++c) {
    const TableCellSymbol& cell = row.cells[c];
    if (cell.test == CellTest::Any) continue;
    const Operand test = lower_cell(cell, columns[c], cell.cell->span);
    acc =
        acc ? emit_binary(Opcode::And3, Bank::I, TypeKind::Bool, *acc, test, row.row->span) : test;
  }
  return acc ? *acc : bool_const(true);
}

// `top` or one of its sub-tiers, which follow it in pre-order.
Operand Lowering::within_tier(Operand value, std::uint32_t tiering, std::uint32_t tier,
                              const Span& span, bool two_valued) {
  const TieringSymbol& t = model.tierings[tiering];
  Operand in;
  if (!t.has_children(tier)) {
    const Operand k{Bank::I, cur().const_i(tier), TypeKind::Tier};
    in = emit_binary(Opcode::EqI, Bank::I, TypeKind::Bool, value, k, span);
  } else {
    const Operand low{Bank::I, cur().const_i(tier), TypeKind::Tier};
    const Operand high{Bank::I, cur().const_i(t.tiers[tier].end), TypeKind::Tier};
    const Operand ge = emit_binary(Opcode::GeI, Bank::I, TypeKind::Bool, value, low, span);
    const Operand lt = emit_binary(Opcode::LtI, Bank::I, TypeKind::Bool, value, high, span);
    in = emit_binary(Opcode::And3, Bank::I, TypeKind::Bool, ge, lt, span);
  }
  if (!two_valued) return in;
  return emit_binary(Opcode::CoalesceI, Bank::I, TypeKind::Bool, in, bool_const(false), span);
}

void compile_table(Lowering& low, std::uint32_t index, std::uint16_t dst) {
  const TieringSymbol& t = low.model.tierings[index];
  const DecisionTableSymbol& table = *t.table;
  FrameBuilder& fb = low.main();
  vm::Program& program = low.program();
  std::vector<Operand> columns;
  for (const TableColumnSymbol& column : table.columns)
    columns.push_back(low.customer(*column.expr));
  std::vector<Operand> rows;
  for (const TableRowSymbol& row : table.rows) rows.push_back(low.lower_row(row, columns));

  if (low.explain_tables) {
    auto output = [&](vm::Output::Kind kind, Operand v, std::uint32_t part, std::uint32_t cell,
                      const Span& span) {
      vm::Output o;
      o.kind = kind;
      o.index = index;
      o.part = part;
      o.cell = cell;
      o.name = std::string(low.model.sources->text(span));
      o.type = Type::of(v.kind, true);
      o.bank = v.bank;
      o.reg = v.reg;
      program.outputs.push_back(std::move(o));
    };
    for (std::uint32_t c = 0; c < columns.size(); ++c) {
      output(vm::Output::Kind::TableColumn, columns[c], c, 0, table.columns[c].expr->span);
      program.outputs.back().type = table.columns[c].type;
    }
    for (std::uint32_t r = 0; r < table.rows.size(); ++r) {
      const TableRowSymbol& row = table.rows[r];
      output(vm::Output::Kind::TableRow, rows[r], r, 0, row.row->span);
      for (std::uint32_t c = 0; c < row.cells.size(); ++c) {
        const Span& span = row.cells[c].cell->span;
        output(vm::Output::Kind::TableCell, low.lower_cell(row.cells[c], columns[c], span), r, c,
               span);
      }
    }
  }

  if (t.policy == ast::HitPolicy::First) {
    fb.emit(Opcode::SelDup, vm::kNoReg, vm::kNoReg, vm::kNoReg, 0, t.decl->span);
    ++fb.depth;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const TableRowSymbol& row = table.rows[r];
      if (row.matches_all()) {
        fb.emit(Opcode::TierSet, dst, vm::kNoReg, vm::kNoReg, row.tier, row.row->span);
        break;
      }
      fb.emit(Opcode::TierFirst, dst, rows[r].reg, vm::kNoReg, row.tier, row.row->span);
    }
    --fb.depth;
    fb.emit(Opcode::SelPop, vm::kNoReg, vm::kNoReg, vm::kNoReg, 0, t.decl->span);
    return;
  }
  // Unique: the row number first, so a conflict can name both rows.
  const std::uint16_t row_reg = fb.new_reg(Bank::I);
  fb.emit(Opcode::NoneI, row_reg, vm::kNoReg, vm::kNoReg, 0, t.decl->span);
  bool identity = true;
  std::vector<std::int64_t> map;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const TableRowSymbol& row = table.rows[r];
    const auto k = static_cast<std::int64_t>(r);
    if (row.otherwise) {
      fb.emit(Opcode::TierFill, row_reg, vm::kNoReg, vm::kNoReg, k, row.row->span);
    } else {
      fb.emit(Opcode::TierUnique, row_reg, rows[r].reg, vm::kNoReg, k, row.row->span);
    }
    map.push_back(row.tier);
    identity = identity && row.tier == r;
  }
  if (identity) {
    fb.emit(Opcode::MovI, dst, row_reg, vm::kNoReg, 0, t.decl->span);
    return;
  }
  program.tier_maps.push_back(std::move(map));
  fb.emit(Opcode::TierMap, dst, row_reg, vm::kNoReg,
          static_cast<std::int64_t>(program.tier_maps.size() - 1), t.decl->span);
}

}  // namespace strata::compile_internal
