// Decision-table cells as sets of column values.
//
// The analysis of a table works on rows as conjunctions of cell constraints over the column
// values, each column translated once. A column's values live on one grid (domain.hpp): its own
// type's, widened where a cell compares it with a wider kind (an `int` column with a `>= 2.5` cell
// is on the decimal grid). A cell whose operands are constants is then an exact set of values on
// that grid, none included or not: `-` is every value (none included), `yes`/`no` are 1/0, `none`
// is none alone, `>= 5` an interval, a list a union of points, a tier under a tiering column that
// tier with its sub-tiers (`== top` the tier alone). A cell whose operand is not a constant (a
// parameter without a default, a per-customer value) has no such set; the analysis then treats it
// as an opaque yes/no value.
#pragma once

#include <optional>
#include <vector>

#include "check/model.hpp"
#include "lint/atoms.hpp"
#include "lint/domain.hpp"
#include "lint/eval.hpp"

namespace strata::linter {

struct ColumnGrid {
  TypeKind kind = TypeKind::Error;       // the kind grid values are of
  Domain universe;                       // every value the column can hold (none if optional)
  std::optional<std::uint32_t> tiering;  // the column is this tiering's tier (through lets)
};

struct TableGrid {
  std::vector<ColumnGrid> columns;
  // [row][column]: the cell's set of values; nullopt when it is not a constant set.
  std::vector<std::vector<std::optional<Domain>>> cells;

  const std::optional<Domain>& cell(std::uint32_t row, std::uint32_t column) const {
    return cells[row][column];
  }
  // Whether no value satisfies both rows' cells in some column (a sufficient test).
  bool rows_disjoint(std::uint32_t a, std::uint32_t b) const;
};

TableGrid table_grid(const Model& m, const AtomTable& atoms, const Evaluator& eval,
                     const TieringSymbol& t);

// The tiering a tier-valued expression reads (a tiering's name, through lets); nullopt otherwise.
std::optional<std::uint32_t> tiering_read(const Model& m, const ast::Expr& e);

}  // namespace strata::linter
