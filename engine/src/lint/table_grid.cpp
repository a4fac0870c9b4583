#include "lint/table_grid.hpp"

namespace strata::linter {

namespace {

using ast::BinaryOp;

// The kind a column's values are compared on: its own, widened by the cells that need it.
std::optional<TypeKind> grid_kind(const TableColumnSymbol& column, const TieringSymbol& t,
                                  std::uint32_t c) {
  TypeKind kind = column.type.kind;
  for (const TableRowSymbol& row : t.table->rows) {
    if (c >= row.cells.size()) continue;
    const TableCellSymbol& cell = row.cells[c];
    if (cell.test == CellTest::Any || cell.test == CellTest::Missing) continue;
    const TypeKind k = cell.compare_kind;
    if (k == kind) continue;
    if (column.type.kind == TypeKind::Int && k == TypeKind::Decimal) {
      kind = k;
    } else if (column.type.kind == TypeKind::Date && k == TypeKind::DateTime) {
      kind = k;
    } else if (!((kind == TypeKind::Decimal && k == TypeKind::Int) ||
                 (kind == TypeKind::DateTime && k == TypeKind::Date))) {
      return std::nullopt;
    }
  }
  return kind;
}

class CellSets {
 public:
  CellSets(const Model& m, const AtomTable& atoms, const Evaluator& eval, const ColumnGrid& grid)
      : m_(m), atoms_(atoms), eval_(eval), grid_(grid), values_(grid.universe.values_only()) {}

  std::optional<Domain> of(const TableCellSymbol& cell) const {
    const ast::TableCell& c = *cell.cell;
    switch (cell.test) {
      case CellTest::Any:
        return grid_.universe;
      case CellTest::Yes:
        return Domain::point(1);
      case CellTest::No:
        return Domain::point(0);
      case CellTest::Missing:
        return Domain::none_only();
      case CellTest::Equal:
        return member(*c.value);
      case CellTest::Compare: {
        const auto k = constant(*c.value);
        if (!k) return std::nullopt;
        return compare(cell.op, *k);
      }
      case CellTest::Range: {
        const auto lo = constant(*c.value), hi = constant(*c.high);
        if (!lo || !hi) return std::nullopt;
        return Domain::range(*lo, *hi).intersect(values_);
      }
      case CellTest::List: {
        Domain out;
        for (const ast::ExprPtr& item : c.items) {
          const auto d = member(*item);
          if (!d) return std::nullopt;
          out = out.unite(*d);
        }
        return out;
      }
    }
    return std::nullopt;
  }

 private:
  // A value written in a cell on the column's grid; nullopt when it is not a constant.
  std::optional<Num> constant(const ast::Expr& e) const {
    const auto v = eval_.constant(e);
    if (!v || !v->present()) return std::nullopt;
    if (grid_.kind == TypeKind::String) {
      if (v->kind != TypeKind::String) return std::nullopt;
      return atoms_.string_code(v->s);
    }
    return convert(*v, grid_.kind).n;
  }

  // `top` under a tiering column is `top` and its sub-tiers; anything else is one value.
  std::optional<Domain> member(const ast::Expr& e) const {
    const Resolution& r = m_.names[e.id];
    if (r.kind == SymbolKind::Tier) {
      const TieringSymbol& t = m_.tierings[r.index];
      return Domain::range(r.sub, static_cast<Num>(t.tiers[r.sub].end) - 1);
    }
    const auto k = constant(e);
    if (!k) return std::nullopt;
    return Domain::point(*k).intersect(values_);
  }

  Domain compare(BinaryOp op, Num k) const {
    switch (op) {
      case BinaryOp::Eq:
        return Domain::point(k).intersect(values_);
      case BinaryOp::Ne:
        return Domain::point(k).complement_in(values_);
      case BinaryOp::Lt:
        return Domain::range(kNumMin, k - 1).intersect(values_);
      case BinaryOp::Le:
        return Domain::range(kNumMin, k).intersect(values_);
      case BinaryOp::Gt:
        return Domain::range(k + 1, kNumMax).intersect(values_);
      case BinaryOp::Ge:
        return Domain::range(k, kNumMax).intersect(values_);
      default:
        return Domain();
    }
  }

  const Model& m_;
  const AtomTable& atoms_;
  const Evaluator& eval_;
  const ColumnGrid& grid_;
  Domain values_;
};

}  // namespace

std::optional<std::uint32_t> tiering_read(const Model& m, const ast::Expr& e) {
  const ast::Expr* at = &e;
  for (int depth = 0; depth < 64; ++depth) {
    if (!at->as<ast::NameExpr>() && !at->as<ast::MemberExpr>()) return std::nullopt;
    const Resolution& r = m.names[at->id];
    if (r.kind == SymbolKind::Tiering) return r.index;
    if (r.kind != SymbolKind::Let || !m.lets[r.index].decl) return std::nullopt;
    at = m.lets[r.index].decl->value.get();
  }
  return std::nullopt;
}

bool TableGrid::rows_disjoint(std::uint32_t a, std::uint32_t b) const {
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const auto &x = cells[a][c], &y = cells[b][c];
    if (x && y && x->disjoint(*y)) return true;
  }
  return false;
}

TableGrid table_grid(const Model& m, const AtomTable& atoms, const Evaluator& eval,
                     const TieringSymbol& t) {
  TableGrid out;
  const DecisionTableSymbol& table = *t.table;
  out.cells.assign(table.rows.size(), std::vector<std::optional<Domain>>(table.columns.size()));
  for (std::uint32_t c = 0; c < table.columns.size(); ++c) {
    const TableColumnSymbol& column = table.columns[c];
    ColumnGrid grid;
    const auto kind = grid_kind(column, t, c);
    if (!kind || column.type.is_error()) {
      out.columns.push_back(grid);
      continue;  // no sets: every cell of the column stays opaque
    }
    grid.kind = *kind;
    grid.tiering = tiering_read(m, *column.expr);
    const Domain own = atoms.type_universe(column.type);
    if (grid.kind == column.type.kind) {
      grid.universe = own;
    } else {
      for (const Interval& r : own.ranges()) {
        grid.universe = grid.universe.unite(
            Domain::range(convert(Val::of(column.type.kind, r.lo), grid.kind).n,
                          convert(Val::of(column.type.kind, r.hi), grid.kind).n));
      }
      grid.universe = grid.universe.with_none(own.has_none());
    }
    const CellSets sets(m, atoms, eval, grid);
    for (std::uint32_t r = 0; r < table.rows.size(); ++r) {
      const TableRowSymbol& row = table.rows[r];
      if (row.otherwise) {
        out.cells[r][c] = grid.universe;
      } else if (c < row.cells.size()) {
        out.cells[r][c] = sets.of(row.cells[c]);
      }
    }
    out.columns.push_back(std::move(grid));
  }
  return out;
}

}  // namespace strata::linter
