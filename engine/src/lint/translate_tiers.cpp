// Formulas for the tier a customer gets, in every form of tiering, and for decision-table cells.
//
// Tier lists (with sub-tiers): tier i takes a customer at its level when its parent took it,
// its condition holds and, with first match, no earlier sibling's does (with `unique`, no other
// sibling's: a customer matching two stops the run, so it is in neither). The customer is in i's
// subtree from then on, and exactly in i when none of i's sub-tiers matches. Tables: row r is
// chosen when its cells all match and, with first match, no earlier row's do (with `unique`, no
// other row's); a tier is the union of its chosen rows. Products: the customer is in `a.b` when
// it is in `a` of the first operand and `b` of the second, exactly so when the third operand
// (if any) gives it no tier.
#include "lint/translate.hpp"
#include "lint/walk.hpp"

namespace strata::linter {

using ast::BinaryOp;

namespace {

constexpr std::size_t kExpansionLimit = 4000;  // formula nodes for one expanded tier reference

}  // namespace

F Translator::cached_tier(char kind, std::uint32_t tiering, std::uint32_t tier,
                          const std::function<F()>& make, const Domain& fallback) {
  const auto key = std::make_tuple(kind, tiering, tier);
  if (auto it = tier_cache_.find(key); it != tier_cache_.end()) return it->second;
  F f = make();
  if (!f || formula_size(f, kExpansionLimit) > kExpansionLimit) {
    f = f_lit(atoms_, atoms_.tiering(tiering), fallback);
  }
  tier_cache_.emplace(key, f);
  return f;
}

F Translator::tier_condition(std::uint32_t tiering, std::uint32_t tier) {
  const ast::TierDecl* d = model_.tierings[tiering].tiers[tier].decl;
  if (d == nullptr || d->otherwise) return f_true();
  return truth(*d->condition);
}

F Translator::tier_taken(std::uint32_t tiering, std::uint32_t tier) {
  const TieringSymbol& t = model_.tierings[tiering];
  return cached_tier(
      't', tiering, tier,
      [&]() -> F {
        const std::optional<std::uint32_t> parent = t.tiers[tier].parent;
        std::vector<F> parts = {parent ? tier_taken(tiering, *parent) : f_true(),
                                tier_condition(tiering, tier)};
        const bool first = t.policy == ast::HitPolicy::First;
        for (std::uint32_t s : t.children_of(parent)) {
          if (s == tier && first) break;
          if (s == tier || t.tiers[s].otherwise) continue;
          parts.push_back(f_not(atoms_, tier_condition(tiering, s)));
        }
        return f_and(std::move(parts));
      },
      Domain::range(tier, static_cast<Num>(t.tiers[tier].end) - 1));
}

F Translator::no_sub_tier(std::uint32_t tiering, std::uint32_t tier) {
  const TieringSymbol& t = model_.tierings[tiering];
  std::vector<F> parts;
  for (std::uint32_t c : t.children_of(tier)) {
    if (t.tiers[c].otherwise) return f_false();
    parts.push_back(f_not(atoms_, tier_condition(tiering, c)));
  }
  return f_and(std::move(parts));
}

F Translator::tier_exact(std::uint32_t tiering, std::uint32_t tier) {
  const TieringSymbol& t = model_.tierings[tiering];
  return cached_tier(
      'e', tiering, tier,
      [&]() -> F {
        switch (t.form) {
          case ast::TieringForm::Tiers:
            return f_and(tier_taken(tiering, tier), no_sub_tier(tiering, tier));
          case ast::TieringForm::Table: {
            // Cap the work before building: a first-match row negates every earlier row.
            std::size_t estimate = 0;
            for (std::uint32_t r = 0; r < t.table->rows.size(); ++r) {
              if (t.table->rows[r].tier == tier) estimate += r + 1;
            }
            if (estimate > kExpansionLimit) return nullptr;
            std::vector<F> rows;
            for (std::uint32_t r = 0; r < t.table->rows.size(); ++r) {
              if (t.table->rows[r].tier == tier) rows.push_back(row_chosen(tiering, r));
            }
            return f_or(std::move(rows));
          }
          case ast::TieringForm::Product: {
            const std::uint32_t next = t.tiers[tier].depth + 1;
            F in = tier_within(tiering, tier);
            return next < t.operands.size() ? f_and(in, tier_none(t.operands[next])) : in;
          }
        }
        return nullptr;
      },
      Domain::point(tier));
}

F Translator::tier_within(std::uint32_t tiering, std::uint32_t tier) {
  const TieringSymbol& t = model_.tierings[tiering];
  if (!t.has_children(tier) && t.form != ast::TieringForm::Product) {
    return tier_exact(tiering, tier);
  }
  return cached_tier(
      'w', tiering, tier,
      [&]() -> F {
        if (t.form == ast::TieringForm::Product) {
          // The operand tiers along the path, from the first operand down.
          std::vector<F> parts;
          for (std::optional<std::uint32_t> at = tier; at; at = t.tiers[*at].parent) {
            const std::optional<std::uint32_t> parent = t.tiers[*at].parent;
            const std::uint32_t first = parent ? *parent + 1 : 0;
            const std::uint32_t position = (*at - first) / (t.tiers[*at].end - *at);
            parts.push_back(tier_exact(t.operands[t.tiers[*at].depth], position));
          }
          return f_and(std::move(parts));
        }
        // First match: taken at its level means in its subtree. Unique: a conflict among the
        // sub-tiers stops the run, so the subtree is the tier itself or one of its sub-trees.
        if (t.policy == ast::HitPolicy::First) return tier_taken(tiering, tier);
        std::vector<F> parts = {tier_exact(tiering, tier)};
        for (std::uint32_t c : t.children_of(tier)) parts.push_back(tier_within(tiering, c));
        return f_or(std::move(parts));
      },
      Domain::range(tier, static_cast<Num>(t.tiers[tier].end) - 1));
}

F Translator::tier_none(std::uint32_t tiering) {
  const TieringSymbol& t = model_.tierings[tiering];
  if (t.has_otherwise) return f_false();
  return cached_tier(
      'n', tiering, 0,
      [&]() -> F {
        switch (t.form) {
          case ast::TieringForm::Tiers: {
            std::vector<F> parts;
            for (std::uint32_t i : t.children_of(std::nullopt)) {
              parts.push_back(f_not(atoms_, tier_condition(tiering, i)));
            }
            return f_and(std::move(parts));
          }
          case ast::TieringForm::Table: {
            if (t.table->rows.size() > kExpansionLimit) return nullptr;
            std::vector<F> parts;
            for (std::uint32_t r = 0; r < t.table->rows.size(); ++r) {
              parts.push_back(f_not(atoms_, table_row(tiering, r)));
            }
            return f_and(std::move(parts));
          }
          case ast::TieringForm::Product:
            return t.operands.empty() ? nullptr : tier_none(t.operands.front());
        }
        return nullptr;
      },
      Domain::none_only());
}

Translator::Pair Translator::tier_compare(BinaryOp op, std::uint32_t tiering, std::uint32_t tier) {
  const F is = tier_exact(tiering, tier);
  const F present = f_not(atoms_, tier_none(tiering));
  const F is_not = f_and(present, f_not(atoms_, is));
  if (op == BinaryOp::Eq) return {is, is_not};
  if (op == BinaryOp::Ne) return {is_not, is};
  return {f_false(), f_false()};
}

Translator::Pair Translator::tier_member(const ast::Expr& value, std::uint32_t tiering,
                                         std::uint32_t tier, bool two_valued) {
  const TieringSymbol& t = model_.tierings[tiering];
  if (const auto read = tiering_read(model_, value); read && *read == tiering) {
    const F in = tier_within(tiering, tier);
    if (two_valued) return {in, f_not(atoms_, in)};
    return {in, f_and(f_not(atoms_, tier_none(tiering)), f_not(atoms_, in))};
  }
  // Another tier-valued expression: a literal on it as an opaque value.
  const std::uint32_t a = atoms_.opaque(value);
  const Domain in = Domain::range(tier, static_cast<Num>(t.tiers[tier].end) - 1);
  const Domain out = in.complement_in(atoms_.universe(a));
  return {f_lit(atoms_, a, in), f_lit(atoms_, a, two_valued ? out : out.values_only())};
}

// ---- decision tables ----------------------------------------------------------------------------

const TableGrid& Translator::table_grid(std::uint32_t tiering) {
  auto it = grids_.find(tiering);
  if (it == grids_.end()) {
    it =
        grids_.emplace(tiering, linter::table_grid(model_, atoms_, eval_, model_.tierings[tiering]))
            .first;
  }
  return it->second;
}

F Translator::table_cell(std::uint32_t tiering, std::uint32_t row, std::uint32_t cell) {
  const auto key = std::make_tuple(tiering, row, cell);
  if (auto it = cell_cache_.find(key); it != cell_cache_.end()) return it->second;
  const TableGrid& grid = table_grid(tiering);
  const auto& set = grid.cell(row, cell);
  const F f = set ? column_in(tiering, cell, *set) : cell_formula(tiering, row, cell);
  cell_cache_.emplace(key, f);
  return f;
}

// A cell that is not a set of constants, test by test as the compiler lowers it.
F Translator::cell_formula(std::uint32_t tiering, std::uint32_t row, std::uint32_t cell) {
  const DecisionTableSymbol& table = *model_.tierings[tiering].table;
  const TableCellSymbol& c = table.rows[row].cells[cell];
  const ast::Expr& column = *table.columns[cell].expr;
  const TypeKind kind = c.compare_kind;
  auto equal = [&](const ast::Expr& item) {
    const Resolution& r = model_.names[item.id];
    if (r.kind == SymbolKind::Tier) return tier_member(column, r.index, r.sub, false).first;
    return cell_compare(BinaryOp::Eq, column, item, kind).first;
  };
  switch (c.test) {
    case CellTest::Any:
      return f_true();
    case CellTest::Yes:
      return truth(column);
    case CellTest::No:
      return falsity(column);
    case CellTest::Missing:
      return f_not(atoms_, presence(column));
    case CellTest::Equal:
      return equal(*c.cell->value);
    case CellTest::Compare:
      return cell_compare(c.op, column, *c.cell->value, kind).first;
    case CellTest::Range:
      return f_and(cell_compare(BinaryOp::Ge, column, *c.cell->value, kind).first,
                   cell_compare(BinaryOp::Le, column, *c.cell->high, kind).first);
    case CellTest::List: {
      std::vector<F> items;
      for (const ast::ExprPtr& item : c.cell->items) items.push_back(equal(*item));
      return f_or(std::move(items));
    }
  }
  return f_true();
}

// `column op operand`: a literal when the operand is a constant, else a comparison of two values
// the analysis does not look into, shared with the same comparison written elsewhere.
Translator::Pair Translator::cell_compare(BinaryOp op, const ast::Expr& column,
                                          const ast::Expr& operand, TypeKind kind) {
  if (auto k = constant(operand)) {
    if (!k->present()) return {f_false(), f_false()};
    return compare_with_constant(op, column, convert(*k, kind), kind);
  }
  // Parameters without a value become atoms, so that an example gives them one.
  for (const ast::Expr* side : {&column, &operand}) {
    walk(*side, [&](const ast::Expr& x) {
      atom_of(x);
      return true;
    });
  }
  return relation(op, column, operand, kind, kind);
}

F Translator::table_row(std::uint32_t tiering, std::uint32_t row) {
  const auto key = std::make_pair(tiering, row);
  if (auto it = row_cache_.find(key); it != row_cache_.end()) return it->second;
  const TableRowSymbol& r = model_.tierings[tiering].table->rows[row];
  std::vector<F> parts;
  if (!r.otherwise) {
    for (std::uint32_t c = 0; c < r.cells.size(); ++c) {
      if (r.cells[c].test != CellTest::Any) parts.push_back(table_cell(tiering, row, c));
    }
  }
  F f = f_and(std::move(parts));
  row_cache_.emplace(key, f);
  return f;
}

F Translator::row_chosen(std::uint32_t tiering, std::uint32_t row) {
  const TieringSymbol& t = model_.tierings[tiering];
  const std::vector<TableRowSymbol>& rows = t.table->rows;
  const TableGrid& grid = table_grid(tiering);
  const bool first = t.policy == ast::HitPolicy::First;
  std::vector<F> parts = {table_row(tiering, row)};
  for (std::uint32_t r = 0; r < rows.size(); ++r) {
    if (r == row && first) break;
    if (r == row || rows[r].otherwise) continue;
    // A row that no customer of this row can match changes nothing.
    if (!rows[row].otherwise && grid.rows_disjoint(row, r)) continue;
    parts.push_back(f_not(atoms_, table_row(tiering, r)));
  }
  return f_and(std::move(parts));
}

// The tiers with ordinals in [lo, hi]: whole subtrees where they fit, single tiers elsewhere.
F Translator::tier_range(std::uint32_t tiering, Num lo, Num hi) {
  const TieringSymbol& t = model_.tierings[tiering];
  std::vector<F> parts;
  for (Num i = std::max<Num>(lo, 0); i <= hi && i < static_cast<Num>(t.tiers.size());) {
    const auto tier = static_cast<std::uint32_t>(i);
    if (static_cast<Num>(t.tiers[tier].end) - 1 <= hi) {
      parts.push_back(tier_within(tiering, tier));
      i = t.tiers[tier].end;
    } else {
      parts.push_back(tier_exact(tiering, tier));
      ++i;
    }
  }
  return f_or(std::move(parts));
}

// Strings are ranked among the constants: an odd code is one of them, an even code 2i the texts
// between the (i-1)-th and the i-th.
F Translator::string_in(const ast::Expr& e, const Interval& r, const Domain& universe) {
  const std::vector<std::string>& strings = atoms_.strings();
  const Num top = universe.ranges().empty() ? 0 : universe.ranges().back().hi;
  auto text = [&](Num code) { return Val::text(strings[static_cast<std::size_t>(code / 2)]); };
  std::vector<F> parts;
  if (r.lo > 0) {
    const bool exact = r.lo % 2 == 1;
    const Val k = exact ? text(r.lo) : text(r.lo - 1);
    parts.push_back(
        compare_with_constant(exact ? BinaryOp::Ge : BinaryOp::Gt, e, k, TypeKind::String).first);
  }
  if (r.hi < top) {
    const bool exact = r.hi % 2 == 1;
    const Val k = exact ? text(r.hi) : text(r.hi + 1);
    parts.push_back(
        compare_with_constant(exact ? BinaryOp::Le : BinaryOp::Lt, e, k, TypeKind::String).first);
  }
  if (parts.empty()) parts.push_back(presence(e));
  return f_and(std::move(parts));
}

F Translator::column_in(std::uint32_t tiering, std::uint32_t column, const Domain& d) {
  const TableGrid& grid = table_grid(tiering);
  const ColumnGrid& g = grid.columns[column];
  const Domain in = d.intersect(g.universe);
  if (in.is_empty()) return f_false();
  if (g.universe.subset_of(in)) return f_true();
  std::string key;
  for (const Interval& r : in.ranges())
    key += num_to_string(r.lo) + ":" + num_to_string(r.hi) + ",";
  key += in.has_none() ? "n" : "";
  const auto cache_key = std::make_pair(tiering, std::to_string(column) + " " + key);
  if (auto it = column_cache_.find(cache_key); it != column_cache_.end()) return it->second;

  const ast::Expr& e = *model_.tierings[tiering].table->columns[column].expr;
  std::vector<F> parts;
  if (g.kind == TypeKind::Bool) {
    const Pair p = translate(e);
    if (in.contains(1)) parts.push_back(p.first);
    if (in.contains(0)) parts.push_back(p.second);
    if (in.has_none()) parts.push_back(f_not(atoms_, f_or(p.first, p.second)));
  } else if (g.tiering) {
    for (const Interval& r : in.ranges()) parts.push_back(tier_range(*g.tiering, r.lo, r.hi));
    if (in.has_none()) parts.push_back(tier_none(*g.tiering));
  } else {
    const Num low = g.universe.ranges().empty() ? 0 : g.universe.ranges().front().lo;
    const Num high = g.universe.ranges().empty() ? 0 : g.universe.ranges().back().hi;
    for (const Interval& r : in.ranges()) {
      if (g.kind == TypeKind::String) {
        parts.push_back(string_in(e, r, g.universe));
        continue;
      }
      if (r.lo == r.hi) {
        parts.push_back(
            compare_with_constant(BinaryOp::Eq, e, Val::of(g.kind, r.lo), g.kind).first);
        continue;
      }
      std::vector<F> bounds;
      if (r.lo > low) {
        bounds.push_back(
            compare_with_constant(BinaryOp::Ge, e, Val::of(g.kind, r.lo), g.kind).first);
      }
      if (r.hi < high) {
        bounds.push_back(
            compare_with_constant(BinaryOp::Le, e, Val::of(g.kind, r.hi), g.kind).first);
      }
      if (bounds.empty()) bounds.push_back(presence(e));
      parts.push_back(f_and(std::move(bounds)));
    }
    if (in.has_none()) parts.push_back(f_not(atoms_, presence(e)));
  }
  F f = f_or(std::move(parts));
  column_cache_.emplace(cache_key, f);
  return f;
}

}  // namespace strata::linter
