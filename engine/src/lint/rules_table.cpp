// Decision-table rules: table-incomplete, table-duplicate-row, table-masked-row, tier-overlap
// between the rows of a `unique` table, and unhandled-missing for columns.
//
// A row is the conjunction of its cells, each a constraint on its column's value (table_grid.hpp);
// the questions are answered by TableCover (which customers no row of a list matches) and, for
// pairs of rows, by the search over atoms. A masked row, a complete table or a row that never
// matches is a proof; a gap or an overlap is reported with an example customer only when the
// compiled rule set confirms it (no tier; E0403 naming both rows), and otherwise says "may".
//
// Who reports what: a table without a fallback that leaves customers without a row is
// table-incomplete (tier-gap is about tier lists, and never reports tables); a row repeating an
// earlier row's cells is table-duplicate-row only, not also masked or overlapping; a row no
// customer reaches is table-masked-row, naming the earlier rows that take its customers.
#include <map>

#include "lint/report.hpp"
#include "lint/table_cover.hpp"

namespace strata::linter {

namespace {

constexpr std::size_t kMaxCoverSearch = 24;  // earlier rows tried one by one to name the cover
constexpr std::size_t kMaxPairs = 20'000;    // row pairs searched for overlaps

std::string row_ref(std::uint32_t r) {
  return "row " + std::to_string(r + 1);
}

class TableChecker {
 public:
  TableChecker(Context& ctx, std::uint32_t index)
      : ctx_(ctx),
        an_(ctx.analysis()),
        m_(ctx.model()),
        t_(m_.tierings[index]),
        rows_(t_.table->rows),
        index_(index),
        cover_(an_, index),
        first_(t_.policy == ast::HitPolicy::First) {}

  void run() {
    repeated_.assign(rows_.size(), false);
    if (ctx_.enabled(LintRule::TableDuplicateRow)) duplicates();
    if (ctx_.enabled(LintRule::TableMaskedRow)) {
      for (std::uint32_t r = 0; r < rows_.size(); ++r) {
        if (rows_[r].otherwise) {
          otherwise_row(r);
        } else if (!repeated_[r]) {
          masked(r);
        }
      }
    }
    if (!first_ && ctx_.enabled(LintRule::TierOverlap)) overlaps();
    if (!t_.has_otherwise && ctx_.enabled(LintRule::TableIncomplete)) incomplete();
    if (ctx_.enabled(LintRule::UnhandledMissing)) missing_columns();
  }

 private:
  const Span& cells(std::uint32_t r) const { return rows_[r].row->cells_span; }
  std::string tier_of(std::uint32_t r) const { return "`" + t_.tiers[rows_[r].tier].name + "`"; }
  std::string table() const { return "table `" + t_.name + "`"; }

  std::vector<std::uint32_t> rows_before(std::uint32_t r) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t j = 0; j < r; ++j) {
      if (!rows_[j].otherwise && !cover_.disjoint(r, j)) out.push_back(j);
    }
    return out;
  }

  static bool any(const std::vector<Domain>&, const std::vector<F>&) { return true; }

  void duplicates() {
    for (std::uint32_t b = 0; b < rows_.size(); ++b) {
      if (rows_[b].otherwise) continue;
      for (std::uint32_t a = 0; a < b; ++a) {
        if (rows_[a].otherwise || repeated_[a] || !cover_.same_cells(a, b)) continue;
        repeated_[b] = true;
        duplicate(a, b);
        break;
      }
    }
  }

  void duplicate(std::uint32_t a, std::uint32_t b) {
    const bool same_tier = rows_[a].tier == rows_[b].tier;
    Finding& f = same_tier ? ctx_.report(LintRule::TableDuplicateRow, cells(b),
                                         row_ref(b) + " of " + table() + " repeats " + row_ref(a),
                                         "the same cells as " + row_ref(a))
                           : ctx_.report(LintRule::TableDuplicateRow, cells(b),
                                         "rows " + std::to_string(a + 1) + " and " +
                                             std::to_string(b + 1) + " of " + table() +
                                             " have the same cells but lead to different tiers",
                                         "leads to " + tier_of(b));
    add_label(f, cells(a), same_tier ? "first written here" : "leads to " + tier_of(a));
    f.tiering = index_;
    f.rows = {a, b};
    if (same_tier) {
      f.diag.notes.push_back(first_ ? "both lead to " + tier_of(a) +
                                          ", so the repeated row changes nothing"
                                    : "both lead to " + tier_of(a) +
                                          ", but under `unique` a customer matching both "
                                          "stops the run with E0403");
      f.diag.help = "remove the repeated row";
    } else {
      f.diag.notes.push_back(
          first_ ? "the table contradicts itself, which is worse than a repeated row: the first "
                   "matching row wins, so these customers get " +
                       tier_of(a) + " and " + row_ref(b) + " never applies"
                 : "the table contradicts itself, which is worse than a repeated row: a customer "
                   "matching both stops the run with E0403");
      f.diag.help = "decide which tier these customers belong to, and remove the other row";
    }
  }

  // A row no customer reaches: earlier rows take all its customers, or its cells cannot all hold.
  void masked(std::uint32_t r) {
    const std::vector<std::uint32_t> before =
        first_ ? rows_before(r) : std::vector<std::uint32_t>{};
    if (cover_.uncovered(r, before, any).sat != Sat::No) return;
    if (before.empty() || cover_.uncovered(r, {}, any).sat == Sat::No) {
      never_matches(r);
      return;
    }
    std::vector<std::uint32_t> cover = before;
    if (cover.size() <= kMaxCoverSearch) {
      for (std::size_t i = cover.size(); i-- > 0;) {
        std::vector<std::uint32_t> trial = cover;
        trial.erase(trial.begin() + static_cast<std::ptrdiff_t>(i));
        if (cover_.uncovered(r, trial, any).sat == Sat::No) cover = std::move(trial);
      }
    }
    std::vector<std::string> names;
    for (std::uint32_t j : cover) names.push_back(row_ref(j));
    Finding& f =
        ctx_.report(LintRule::TableMaskedRow, cells(r),
                    row_ref(r) + " of " + table() + " can never be chosen", "never chosen");
    for (std::size_t i = 0; i < cover.size() && i < 8; ++i) {
      add_label(f, cells(cover[i]),
                cover.size() == 1 ? "this row takes every customer it would match"
                                  : "takes part of its customers");
    }
    f.tiering = index_;
    f.rows = {r};
    f.diag.notes.push_back(
        "rows are tried in order and the first match wins: every customer matching this row "
        "already matches " +
        (cover.size() > 8 ? std::to_string(cover.size()) + " earlier rows" : join(names)));
    f.diag.help = std::string(lint_rule_info(LintRule::TableMaskedRow).help);
  }

  void never_matches(std::uint32_t r) {
    Finding& f = ctx_.report(LintRule::TableMaskedRow, cells(r),
                             row_ref(r) + " of " + table() + " never matches",
                             "no customer matches all these cells");
    f.tiering = index_;
    f.rows = {r};
    bool single = false;
    for (std::uint32_t c = 0; c < rows_[r].cells.size(); ++c) {
      if (rows_[r].cells[c].test == CellTest::Any) continue;
      if (an_.solve({an_.tr().table_cell(index_, r, c)}).sat != Sat::No) continue;
      add_label(f, rows_[r].cells[c].cell->span,
                "no value of `" + ctx_.text(t_.table->columns[c].expr->span) + "` matches this");
      single = true;
    }
    if (!single) f.diag.notes.push_back("each cell can hold, but not all of them for one customer");
    f.diag.help = "fix the cells, or remove the row";
  }

  void otherwise_row(std::uint32_t r) {
    std::vector<std::uint32_t> before;
    for (std::uint32_t j = 0; j < r; ++j) before.push_back(j);
    if (cover_.uncovered(std::nullopt, before, any).sat != Sat::No) return;
    Finding& f = ctx_.report(LintRule::TableMaskedRow, cells(r),
                             "the `otherwise` row of " + table() + " is never reached",
                             "every customer matches an earlier row");
    f.tiering = index_;
    f.rows = {r};
    f.diag.help = "remove it (the rows above already cover every customer)";
  }

  void overlaps() {
    std::size_t pairs = 0;
    for (std::uint32_t b = 0; b < rows_.size(); ++b) {
      if (rows_[b].otherwise || repeated_[b]) continue;
      for (std::uint32_t a = 0; a < b; ++a) {
        if (rows_[a].otherwise || repeated_[a] || cover_.disjoint(a, b)) continue;
        if (++pairs > kMaxPairs) return;
        overlap(a, b);
      }
    }
  }

  // Rows a < b both match: reported when some customer matches both and no other earlier row,
  // so that the run's E0403 names exactly these two rows (a customer also matching an earlier
  // row stops the run at an earlier pair, which is reported itself).
  void overlap(std::uint32_t a, std::uint32_t b) {
    std::vector<F> goals = {an_.tr().table_row(index_, a), an_.tr().table_row(index_, b)};
    for (std::uint32_t r = 0; r < b; ++r) {
      if (r == a || rows_[r].otherwise || cover_.disjoint(r, a) || cover_.disjoint(r, b)) continue;
      goals.push_back(f_not(an_.atoms(), an_.tr().table_row(index_, r)));
    }
    const SolveResult s = an_.solve(goals);
    if (s.sat == Sat::No) return;
    std::optional<Witness> w;
    if (s.sat == Sat::Yes) {
      w = an_.realizer().realize(index_, s.box, involved(goals),
                                 conflict_between("rows " + std::to_string(a + 1) + " and " +
                                                  std::to_string(b + 1) + " of unique " + table()));
    }
    Finding& f =
        ctx_.report(LintRule::TierOverlap, cells(b),
                    "rows " + std::to_string(a + 1) + " and " + std::to_string(b + 1) +
                        " of unique " + table() + (w ? " can both match" : " may both match"),
                    "overlaps " + row_ref(a));
    add_label(f, cells(a), "the other row");
    f.tiering = index_;
    f.rows = {a, b};
    f.tiers = {rows_[a].tier, rows_[b].tier};
    if (rows_[a].tier == rows_[b].tier) {
      f.diag.notes.push_back("both lead to " + tier_of(a) +
                             ", but `unique` still counts two matching rows as a conflict");
    }
    finish_overlap(f, an_, std::move(w), goals);
    f.diag.help =
        "make the rows exclude each other, or drop `unique` so the first matching row "
        "wins";
  }

  void incomplete() {
    std::vector<std::uint32_t> rows;
    for (std::uint32_t r = 0; r < rows_.size(); ++r) rows.push_back(r);
    std::vector<const ast::Expr*> columns;
    for (const TableColumnSymbol& c : t_.table->columns) columns.push_back(c.expr);
    std::optional<Witness> w;
    const std::uint32_t index = index_;
    const TableCover::Result r = cover_.uncovered(
        std::nullopt, rows, [&](const std::vector<Domain>& box, const std::vector<F>& goals) {
          w = an_.realizer().realize(
              index, box, involved(goals),
              [index](const Realizer::Outcome& o) { return o.ok && o.tiers[index] == -1; },
              columns);
          return w.has_value();
        });
    if (r.sat == Sat::No) return;
    Finding& f = ctx_.report(
        LintRule::TableIncomplete, t_.decl->name.span,
        std::string("some customers ") + (w ? "match" : "may match") + " no row of " + table(),
        "has no `otherwise` row");
    f.tiering = index_;
    const std::string count = std::to_string(rows_.size()) + (rows_.size() == 1 ? " row" : " rows");
    if (w) {
      std::string values, row;
      for (std::size_t c = 0; c < columns.size() && c < w->values.size(); ++c) {
        // A column that is a field is shown with the customer already.
        if (m_.names[columns[c]->id].kind != SymbolKind::RecordField) {
          values += (values.empty() ? "" : ", ") +
                    ("`" + ctx_.text(columns[c]->span) + "` = " + w->values[c]);
        }
        const bool text = t_.table->columns[c].type.kind == TypeKind::String;
        const bool any = c < r.any_value.size() && r.any_value[c];
        row += (c ? ", " : "") + (any                              ? std::string("-")
                                  : text && w->values[c] != "none" ? "\"" + w->values[c] + "\""
                                                                   : w->values[c]);
      }
      f.claim = Claim::Gap;
      f.diag.notes.push_back("for example a customer with " + describe_witness(*w) +
                             (values.empty() ? "" : " has the column values " + values + " and") +
                             " matches none of its " + count);
      f.diag.help = "add a row for such customers, such as `(" + row +
                    ") -> TIER`, or `otherwise -> TIER` as the last row";
      f.witness = std::move(w);
    } else {
      note_may(f, an_, r.goals, "such a customer exists");
      f.diag.help = std::string(lint_rule_info(LintRule::TableIncomplete).help);
    }
    f.diag.notes.push_back("such customers get no tier (empty in the output)");
  }

  // A column that may be none, with no `none` cell: only `-` cells match such customers.
  void missing_columns() {
    for (std::uint32_t c = 0; c < t_.table->columns.size(); ++c) {
      bool handled = false, tested = false;
      for (const TableRowSymbol& row : rows_) {
        if (c >= row.cells.size()) continue;
        handled = handled || row.cells[c].test == CellTest::Missing;
        tested = tested || row.cells[c].test != CellTest::Any;
      }
      if (handled || !tested) continue;
      const ast::Expr& column = *t_.table->columns[c].expr;
      const ColumnGrid& grid = an_.tr().table_grid(index_).columns[c];
      const F none = grid.kind == TypeKind::Error
                         ? f_not(an_.atoms(), an_.tr().presence(column))
                         : an_.tr().column_in(index_, c, Domain::none_only());
      for (const auto& [atom, span] : an_.tr().optional_inputs(column)) {
        if (an_.solve({none, f_lit(an_.atoms(), atom, Domain::none_only())}).sat != Sat::Yes) {
          continue;
        }
        const std::string used = ctx_.text(span), col = ctx_.text(column.span);
        Finding& f =
            ctx_.report(LintRule::UnhandledMissing, span,
                        used == col ? "the column `" + col + "` of " + table() +
                                          " may be none, and then only `-` cells match it"
                                    : "`" + used + "` may be none, and then the column `" + col +
                                          "` of " + table() + " is none: only `-` cells match it",
                        used == an_.atoms()[atom].name
                            ? "may be none"
                            : "may be none (it reads `" + an_.atoms()[atom].name + "`)");
        f.tiering = index_;
        f.diag.notes.push_back(
            "a row with any other cell in this column does not match such customers, so they "
            "fall to later rows" +
            std::string(t_.has_otherwise ? "" : " or get no tier"));
        f.diag.help =
            "add a row with `none` in this column for them, or make the column never "
            "none (`" +
            col + " ?? DEFAULT`, or test `is not none` first)";
        break;
      }
    }
  }

  Context& ctx_;
  Analysis& an_;
  const Model& m_;
  const TieringSymbol& t_;
  const std::vector<TableRowSymbol>& rows_;
  std::uint32_t index_;
  TableCover cover_;
  bool first_;
  std::vector<bool> repeated_;
};

}  // namespace

void check_tables(Context& ctx) {
  if (!ctx.enabled(LintRule::TableIncomplete) && !ctx.enabled(LintRule::TableDuplicateRow) &&
      !ctx.enabled(LintRule::TableMaskedRow) && !ctx.enabled(LintRule::TierOverlap) &&
      !ctx.enabled(LintRule::UnhandledMissing)) {
    return;
  }
  for (std::uint32_t t = 0; t < ctx.model().tierings.size(); ++t) {
    const TieringSymbol& tiering = ctx.model().tierings[t];
    if (!tiering.decl || !tiering.table) continue;
    const std::size_t before = ctx.findings().size();
    TableChecker(ctx, t).run();
    note_sample_statistics(ctx, before, LintRule::TableMaskedRow, t);
  }
}

}  // namespace strata::linter
