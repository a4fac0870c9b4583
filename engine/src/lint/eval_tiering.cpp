// The reference evaluator's tierings: every form, as compile_tiering.cpp and compile_table.cpp
// lower it.
//
// Tier lists: at each level the siblings are tried in the tiering's hit policy (first match: in
// order, up to the first true condition; unique: every sibling, two true ones are a conflict,
// `otherwise` takes the customers none matched); the sub-tiers of the chosen tier are then tried
// for that customer alone, and a customer none of them takes stays in the tier. Tables: every
// column and every cell operand is computed for every customer (so an error in any of them stops
// the run, as in the VM), then the rows are tried. Products: the operands' tiers, level by level,
// up to the first operand in which the customer has no tier.
#include "lint/eval.hpp"

namespace strata::linter {

namespace {

using State = Val::State;

bool decided(const Val& v) {
  return v.state != State::Unknown && v.state != State::Error;
}

}  // namespace

Val within_tier(const Val& v, const TieringSymbol& t, std::uint32_t tier) {
  if (!v.present()) return v;
  const bool in = v.n >= 0 && v.n < static_cast<Num>(t.tiers.size()) &&
                  t.within(static_cast<std::uint32_t>(v.n), tier);
  return Val::of(TypeKind::Bool, in ? 1 : 0);
}

Val Evaluator::tiering(std::uint32_t index, const Env& env) const {
  const TieringSymbol& t = model_.tierings[index];
  switch (t.form) {
    case ast::TieringForm::Table:
      return t.table ? table_tier(t, env) : Val::unknown();
    case ast::TieringForm::Product:
      return product_tier(t, env);
    case ast::TieringForm::Tiers:
      break;
  }
  return tier_level(t, std::nullopt, env);
}

Val Evaluator::tier_level(const TieringSymbol& t, std::optional<std::uint32_t> parent,
                          const Env& env) const {
  std::optional<std::uint32_t> chosen, fallback;
  for (std::uint32_t i : t.children_of(parent)) {
    const ast::TierDecl* decl = t.tiers[i].decl;
    if (decl == nullptr) return Val::unknown();
    if (decl->otherwise) {
      fallback = i;
      break;
    }
    const Val c = eval(*decl->condition, env);
    if (!decided(c)) return c;
    if (!c.is_true()) continue;
    if (t.policy == ast::HitPolicy::First) {
      chosen = i;
      break;
    }
    if (chosen) return Val::error();  // a unique conflict stops the run
    chosen = i;
  }
  if (!chosen) chosen = fallback;
  if (!chosen) return Val::none();
  if (t.has_children(*chosen)) {
    const Val sub = tier_level(t, *chosen, env);
    if (!decided(sub) || sub.present()) return sub;
  }
  return Val::of(TypeKind::Tier, *chosen);
}

Val Evaluator::cell_test(const TableCellSymbol& cell, const Val& value, const Env& env) const {
  const ast::TableCell& c = *cell.cell;
  const TypeKind kind = cell.compare_kind;
  auto operand = [&](const ast::Expr& e) { return convert(eval(e, env), kind); };
  auto equal = [&](const ast::Expr& item) {
    // A tier value tests membership, as `is` does: `top` takes the sub-tiers of `top` too.
    const Resolution& r = model_.names[item.id];
    if (r.kind == SymbolKind::Tier) return within_tier(value, model_.tierings[r.index], r.sub);
    return compare_values(ast::BinaryOp::Eq, convert(value, kind), operand(item));
  };
  switch (cell.test) {
    case CellTest::Any:
      return Val::of(TypeKind::Bool, 1);
    case CellTest::Yes:
      return value;
    case CellTest::No:
      return not_value(value);
    case CellTest::Missing:
      if (!decided(value)) return value;
      return Val::of(TypeKind::Bool, value.present() ? 0 : 1);
    case CellTest::Equal:
      return equal(*c.value);
    case CellTest::Compare:
      return compare_values(cell.op, convert(value, kind), operand(*c.value));
    case CellTest::Range: {
      const Val v = convert(value, kind);
      return logic_values(true, compare_values(ast::BinaryOp::Ge, v, operand(*c.value)),
                          compare_values(ast::BinaryOp::Le, v, operand(*c.high)));
    }
    case CellTest::List: {
      Val acc = Val::of(TypeKind::Bool, 0);
      for (const ast::ExprPtr& item : c.items) acc = logic_values(false, acc, equal(*item));
      return acc;
    }
  }
  return Val::unknown();
}

Val Evaluator::table_tier(const TieringSymbol& t, const Env& env) const {
  const DecisionTableSymbol& table = *t.table;
  // Columns and cell operands are computed for every customer, whichever row matches.
  std::vector<Val> columns;
  for (const TableColumnSymbol& column : table.columns) {
    columns.push_back(eval(*column.expr, env));
    if (!decided(columns.back())) return columns.back();
  }
  for (const TableRowSymbol& row : table.rows) {
    for (const TableCellSymbol& cell : row.cells) {
      const ast::TableCell& c = *cell.cell;
      for (const ast::Expr* e : {c.value.get(), c.high.get()}) {
        if (e == nullptr || model_.names[e->id].kind == SymbolKind::Tier) continue;
        if (const Val v = eval(*e, env); !decided(v)) return v;
      }
      for (const ast::ExprPtr& item : c.items) {
        if (model_.names[item->id].kind == SymbolKind::Tier) continue;
        if (const Val v = eval(*item, env); !decided(v)) return v;
      }
    }
  }
  std::optional<std::uint32_t> chosen, fallback;
  for (std::uint32_t r = 0; r < table.rows.size(); ++r) {
    const TableRowSymbol& row = table.rows[r];
    if (row.otherwise) {
      fallback = r;
      break;
    }
    Val match = Val::of(TypeKind::Bool, 1);
    for (std::uint32_t c = 0; c < row.cells.size() && c < columns.size(); ++c) {
      match = logic_values(true, match, cell_test(row.cells[c], columns[c], env));
    }
    if (!decided(match)) return match;
    if (!match.is_true()) continue;
    if (t.policy == ast::HitPolicy::First) {
      chosen = r;
      break;
    }
    if (chosen) return Val::error();  // two rows of a unique table: the run stops
    chosen = r;
  }
  if (!chosen) chosen = fallback;
  if (!chosen) return Val::none();
  return Val::of(TypeKind::Tier, table.rows[*chosen].tier);
}

Val Evaluator::product_tier(const TieringSymbol& t, const Env& env) const {
  // Every operand is computed for every customer, so an error in any of them stops the run.
  std::vector<Val> parts;
  for (std::uint32_t operand : t.operands) {
    parts.push_back(tiering(operand, env));
    if (!decided(parts.back())) return parts.back();
  }
  std::optional<std::uint32_t> at;
  for (const Val& part : parts) {
    if (!part.present()) break;
    const std::vector<std::uint32_t> level = t.children_of(at);
    if (part.n < 0 || part.n >= static_cast<Num>(level.size())) return Val::unknown();
    at = level[static_cast<std::size_t>(part.n)];
  }
  return at ? Val::of(TypeKind::Tier, *at) : Val::none();
}

}  // namespace strata::linter
