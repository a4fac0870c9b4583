// Which customers the rows of a decision table leave uncovered.
//
// Each column's values are cut into classes: the atoms of the set algebra its cells generate
// (for a column with cells `>= 10`, `3..9` and `-`: below 3, 3..9, 10 and above, none), so that
// every cell is a union of classes and a row is a box of classes, one set per column. The
// customers of a region (every customer, or those matching one row) that none of a list of rows
// matches are then found column by column: at each column the region's classes are grouped by
// the rows still matching them, and a group that no row matches any more is a candidate — a box
// of classes no row covers. A candidate is real only if some customer has those column values
// (columns may read the same inputs: `monetary >= 100` and `monetary >= 50` cannot be no and
// yes), which the search over atoms decides, giving a box of atom values for an example. The
// region is covered when every candidate is impossible: a proof, like the search's "no".
//
// When some cell is not a set of constants (a parameter without a default, a per-customer value
// in a cell), the rows are searched as formulas instead: the region and "no listed row matches".
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "lint/analysis.hpp"

namespace strata::linter {

class TableCover {
 public:
  TableCover(Analysis& an, std::uint32_t tiering);

  // A candidate the search found: a box of atom values and the goals it satisfies. Accept returns
  // whether an example was confirmed; the search goes on to other candidates when it was not.
  using Accept = std::function<bool(const std::vector<Domain>& box, const std::vector<F>& goals)>;
  struct Result {
    Sat sat = Sat::Unknown;       // Yes: some customer is uncovered; No: a proof that none is
    bool confirmed = false;       // Yes, and accept confirmed an example
    std::vector<F> goals;         // of the first candidate found, for "may" notes
    std::vector<bool> any_value;  // per column: the candidate takes every value (a `-` fixes it)
  };

  // The customers of row `within` (every customer when nullopt) that none of `rows` matches.
  Result uncovered(std::optional<std::uint32_t> within, const std::vector<std::uint32_t>& rows,
                   const Accept& accept);
  // Whether two rows have the same cells: the same sets of values, or the same text where a cell
  // is not a set of constants.
  bool same_cells(std::uint32_t a, std::uint32_t b) const;
  // Whether no customer can match both rows, judged from their cells alone (sufficient).
  bool disjoint(std::uint32_t a, std::uint32_t b) const;

 private:
  using Bits = std::vector<std::uint64_t>;
  struct Search;

  void build_classes();
  F classes_formula(std::uint32_t column, const Bits& classes);
  static bool test(const Bits& b, std::size_t i) { return (b[i / 64] >> (i % 64)) & 1u; }
  static void set(Bits& b, std::size_t i) { b[i / 64] |= std::uint64_t{1} << (i % 64); }
  static bool intersects(const Bits& a, const Bits& b);

  Analysis& an_;
  std::uint32_t tiering_;
  const TieringSymbol& t_;
  const TableGrid& grid_;
  bool exact_ = true;                         // every cell is a set of constants
  std::vector<std::vector<Domain>> classes_;  // per column
  std::vector<std::vector<Bits>> cover_;      // [row][column]: the classes the cell takes
};

}  // namespace strata::linter
