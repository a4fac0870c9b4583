// Decision tables: the tiers their rows lead to, and each cell checked against its column.
//
// A row names its tier after `->`; rows may share a tier, whose label is written once (a second,
// different label is E0231). What a cell tests follows from its form and its column's type:
// under a yes/no column only `yes`, `no`, `-` (and other yes/no values) fit; under any other
// column a value, a comparison, a range or a list of values of a type that compares with the
// column (E0232 otherwise). Bare names in cells are read in the column's context, as the right
// side of `==` is (`ict` under an `industry` column, `top` under a `pyramid` column).
#include "check/checker.hpp"

namespace strata::check {

namespace {

bool is_literal(const ast::Expr& e, ast::LiteralKind kind) {
  const auto* lit = e.as<ast::LiteralExpr>();
  return lit != nullptr && lit->kind == kind;
}

std::string_view cell_form(ast::CellKind kind) {
  switch (kind) {
    case ast::CellKind::Compare:
      return "a comparison";
    case ast::CellKind::Range:
      return "a range";
    case ast::CellKind::List:
      return "a list";
    default:
      return "a value";
  }
}

constexpr const char* kValueCellsHelp =
    "write a value (`5`), a comparison (`>= 5`), a range (`1..3`), a list (`[a, b]`), or `-` for "
    "any value";

}  // namespace

void Checker::collect_table_tiers(TieringSymbol& sym) {
  const ast::DecisionTable& table = *sym.decl->table;
  std::unordered_map<std::string, std::uint32_t> index;
  std::vector<Span> label_at;  // per tier: where its label was written (invalid: not yet)
  DecisionTableSymbol info;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const ast::TableRow& row = table.rows[r];
    const auto [it, inserted] =
        index.emplace(row.tier.text, static_cast<std::uint32_t>(sym.tiers.size()));
    if (inserted) {
      TierSymbol tier;
      tier.name = tier.local = row.tier.text;
      tier.span = row.tier.span;
      tier.end = it->second + 1;
      sym.tiers.push_back(std::move(tier));
      label_at.emplace_back();
    }
    TierSymbol& tier = sym.tiers[it->second];
    if (row.label && !label_at[it->second].valid()) {
      tier.label = row.label->text;
      label_at[it->second] = row.label->span;
    } else if (row.label && row.label->text != tier.label) {
      diags_
          .error(DiagCode::TierLabelConflict, row.label->span,
                 "tier `" + tier.name + "` of `" + sym.name + "` is given two different labels",
                 "a second label")
          .label(label_at[it->second], "first labelled here")
          .help("write a tier's label once; other rows leading to `" + tier.name +
                "` can leave it out");
    }
    if (row.otherwise && r + 1 < table.rows.size()) {
      diags_
          .error(DiagCode::OtherwiseNotLast, row.cells_span,
                 "`otherwise` must be the last row of `" + sym.name + "`",
                 "this row takes every customer left")
          .label(table.rows[r + 1].cells_span, "so this row could never match")
          .help("move `otherwise -> " + row.tier.text + "` to the end of the table");
    }
    TableRowSymbol info_row;
    info_row.tier = it->second;
    info_row.otherwise = row.otherwise;
    info_row.row = &row;
    info.rows.push_back(std::move(info_row));
    bool catch_all = row.otherwise || row.cells.size() == table.columns.size();
    for (const ast::TableCell& cell : row.cells) {
      catch_all = catch_all && cell.kind == ast::CellKind::Any;
    }
    sym.has_otherwise = sym.has_otherwise || catch_all;
  }
  if (table.rows.empty()) {
    diags_
        .error(DiagCode::EmptyTiering, sym.decl->name.span, "table `" + sym.name + "` has no rows",
               "no rows")
        .help("add rows, as in `(yes, -) -> top \"顶层客户\"`");
  }
  sym.table = std::move(info);
}

void Checker::check_table(std::uint32_t id) {
  TieringSymbol& sym = m_.tierings[id];
  const ast::DecisionTable& table = *sym.decl->table;
  DecisionTableSymbol& info = *sym.table;
  for (const ast::ExprPtr& column : table.columns) {
    Type t = check(*column);
    if (t.kind == TypeKind::Null) {
      diags_
          .error(DiagCode::BadTableCell, column->span, "a table column cannot be `none`",
                 "always missing")
          .help("a column is a value each customer has, such as `frequency` or `r_high`");
      t = Type{};
    }
    info.columns.push_back({column.get(), t});
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const ast::TableRow& row = table.rows[r];
    TableRowSymbol& out = info.rows[r];
    if (!row.otherwise && row.cells.size() != table.columns.size()) {
      diags_
          .error(DiagCode::TableRowWidth, row.cells_span,
                 "this row has " + plural(row.cells.size(), "cell", "cells") +
                     ", but the table has " + plural(table.columns.size(), "column", "columns"),
                 plural(row.cells.size(), "cell", "cells"))
          .label(table.columns_span, plural(table.columns.size(), "column", "columns"))
          .help("write one cell per column; `-` matches any value");
    }
    for (std::size_t c = 0; c < row.cells.size() && c < info.columns.size(); ++c) {
      out.cells.push_back(check_cell(info.columns[c], row.cells[c]));
    }
  }
}

TableCellSymbol Checker::check_cell(const TableColumnSymbol& column, const ast::TableCell& cell) {
  TableCellSymbol out;
  out.cell = &cell;
  const Type& col = column.type;
  const std::string col_text(m_.sources->text(column.expr->span));
  const std::string cell_text(m_.sources->text(cell.span));
  if (cell.kind == ast::CellKind::Any) return out;
  if (col.is_error()) {
    // The column is already reported; still resolve the cell's own names.
    for (const ast::Expr* e : {cell.value.get(), cell.high.get()}) {
      if (e) check(*e);
    }
    for (const ast::ExprPtr& item : cell.items) check(*item);
    return out;
  }
  auto column_label = [&](DiagnosticBuilder& b) {
    b.label(column.expr->span, "this column is `" + name_of(col) + "`");
  };
  // `none` alone matches a missing value, whatever the column's type.
  if (cell.kind == ast::CellKind::Value && is_literal(*cell.value, ast::LiteralKind::None)) {
    check(*cell.value);
    out.test = CellTest::Missing;
    out.compare_kind = col.kind;
    if (!col.optional) {
      diags_
          .warning(DiagCode::NotOptional, cell.span,
                   "the column `" + col_text + "` is never missing, so this cell never matches",
                   "this column is `" + name_of(col) + "`, never none")
          .emit();
    }
    return out;
  }
  if (col.kind == TypeKind::Bool) return check_bool_cell(column, cell);

  if (cell.kind == ast::CellKind::Value && is_literal(*cell.value, ast::LiteralKind::Bool)) {
    auto b = diags_.error(DiagCode::BadTableCell, cell.span,
                          "`" + cell_text + "` is a yes/no cell, but the column `" + col_text +
                              "` is `" + name_of(col) + "`",
                          "a yes/no value");
    column_label(b);
    b.help(kValueCellsHelp);
    return out;
  }
  const bool ordered = cell.kind == ast::CellKind::Range ||
                       (cell.kind == ast::CellKind::Compare && cell.op != ast::BinaryOp::Eq &&
                        cell.op != ast::BinaryOp::Ne);
  if (ordered && !comparison_kind(col, col, true)) {
    auto b = diags_.error(DiagCode::BadTableCell, cell.span,
                          std::string(cell_form(cell.kind)) + " `" + cell_text +
                              "` needs values with an order, but the column `" + col_text +
                              "` is `" + name_of(col) + "`",
                          "needs an order");
    column_label(b);
    b.help("these values have no order; write the value, a list `[a, b]` or `!= value`");
    return out;
  }
  std::vector<const ast::Expr*> operands;
  if (cell.value) operands.push_back(cell.value.get());
  if (cell.high) operands.push_back(cell.high.get());
  for (const ast::ExprPtr& item : cell.items) operands.push_back(item.get());
  if (operands.empty()) {
    diags_.error(DiagCode::BadTableCell, cell.span, "an empty list matches no value", "no values")
        .help("list the values to match, as in `[ict, retail]`, or write `-` for any value");
    return out;
  }
  std::optional<TypeKind> kind;
  bool ok = true;
  for (const ast::Expr* operand : operands) {
    const Type t = check_in_context(*operand, col);
    if (t.is_error()) {
      ok = false;
      continue;
    }
    if (t.kind == TypeKind::Null) {
      diags_
          .error(DiagCode::BadTableCell, operand->span,
                 "cannot compare the column `" + col_text + "` with `none`", "always unknown")
          .help("a cell `none` on its own matches customers whose value is missing");
      ok = false;
      continue;
    }
    const std::optional<TypeKind> k = comparison_kind(col, t, ordered);
    if (!k) {
      auto b = diags_.error(DiagCode::BadTableCell, operand->span,
                            "`" + std::string(m_.sources->text(operand->span)) +
                                "` cannot be compared with the column `" + col_text + "`",
                            "this is `" + name_of(t) + "`");
      column_label(b);
      b.help(kValueCellsHelp);
      ok = false;
      continue;
    }
    kind = kind ? meet_kinds(*kind, *k) : *k;
  }
  if (!ok) return out;
  out.compare_kind = *kind;
  switch (cell.kind) {
    case ast::CellKind::Value:
      out.test = CellTest::Equal;
      break;
    case ast::CellKind::Compare:
      out.test = CellTest::Compare;
      out.op = cell.op;
      break;
    case ast::CellKind::List:
      out.test = CellTest::List;
      break;
    default:
      out.test = CellTest::Range;
      check_range_cell(cell);
      break;
  }
  return out;
}

// A yes/no column takes `yes`, `no`, `-`, or another yes/no value (a bool let or param).
TableCellSymbol Checker::check_bool_cell(const TableColumnSymbol& column,
                                         const ast::TableCell& cell) {
  TableCellSymbol out;
  out.cell = &cell;
  const std::string col_text(m_.sources->text(column.expr->span));
  const std::string cell_text(m_.sources->text(cell.span));
  if (cell.kind != ast::CellKind::Value) {
    diags_
        .error(
            DiagCode::BadTableCell, cell.span,
            std::string(cell_form(cell.kind)) + " cannot test the yes/no column `" + col_text + "`",
            "not `yes`, `no` or `-`")
        .label(column.expr->span, "this column is `" + name_of(column.type) + "`")
        .help("under a yes/no column write `yes`, `no` or `-`");
    return out;
  }
  const ast::Expr& value = *cell.value;
  if (const auto* n = value.as<ast::NameExpr>(); n && !in_scope(n->name)) {
    auto b = diags_.error(DiagCode::BadTableCell, cell.span,
                          "`" + n->name + "` is not a cell of the yes/no column `" + col_text + "`",
                          "not `yes`, `no` or `-`");
    if (auto near = closest_name(n->name, {"yes", "no"})) {
      b.help("did you mean `" + *near + "`?");
    } else {
      b.help("under a yes/no column write `yes`, `no` or `-`");
    }
    return out;
  }
  const Type t = check(value);
  if (t.is_error()) return out;
  if (t.kind != TypeKind::Bool) {
    diags_
        .error(DiagCode::BadTableCell, cell.span,
               "the column `" + col_text + "` is yes/no, but the cell `" + cell_text + "` is `" +
                   name_of(t) + "`",
               "this is `" + name_of(t) + "`")
        .label(column.expr->span, "this column is `" + name_of(column.type) + "`")
        .help("under a yes/no column write `yes`, `no` or `-`");
    return out;
  }
  out.compare_kind = TypeKind::Bool;
  if (const auto* lit = value.as<ast::LiteralExpr>(); lit && lit->kind == ast::LiteralKind::Bool) {
    out.test = lit->text == "yes" || lit->text == "true" ? CellTest::Yes : CellTest::No;
  } else {
    out.test = CellTest::Equal;
  }
  return out;
}

// A range whose bounds are numbers written out must not be empty.
void Checker::check_range_cell(const ast::TableCell& cell) {
  const std::optional<ConstValue> low = constant_of(*cell.value);
  const std::optional<ConstValue> high = constant_of(*cell.high);
  auto number = [](const ConstValue& v) -> std::optional<Decimal> {
    if (v.kind == TypeKind::Int) return Decimal::from_int(v.i);
    if (v.kind == TypeKind::Decimal) return v.d;
    return std::nullopt;
  };
  if (!low || !high) return;
  const auto lo = number(*low), hi = number(*high);
  if (!lo || !hi || *lo <= *hi) return;
  diags_
      .error(DiagCode::BadTableCell, cell.span,
             "the range `" + std::string(m_.sources->text(cell.span)) + "` is empty",
             "the low bound is above the high bound")
      .help("write the smaller bound first; both ends are included");
}

}  // namespace strata::check
