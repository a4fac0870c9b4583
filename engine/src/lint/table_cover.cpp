#include "lint/table_cover.hpp"

#include <algorithm>
#include <map>

namespace strata::linter {

namespace {

constexpr std::size_t kMaxNodes = 200'000;  // column-class groups visited by one search
constexpr std::size_t kMaxSolves = 2'000;   // candidates checked against the atoms
constexpr std::size_t kMaxRejects = 4;      // candidates whose example could not be confirmed

std::string domain_key(const Domain& d) {
  std::string key = d.has_none() ? "n" : "";
  for (const Interval& r : d.ranges()) key += num_to_string(r.lo) + ":" + num_to_string(r.hi) + ",";
  return key;
}

// A cell as written, spaces folded, for comparing cells that are not sets of constants.
std::string cell_text(const Model& m, const TableCellSymbol& cell) {
  std::string out;
  for (char c : m.sources->text(cell.cell->span)) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  }
  return out;
}

}  // namespace

TableCover::TableCover(Analysis& an, std::uint32_t tiering)
    : an_(an),
      tiering_(tiering),
      t_(an.atoms().model().tierings[tiering]),
      grid_(an.tr().table_grid(tiering)) {
  build_classes();
}

bool TableCover::intersects(const Bits& a, const Bits& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] & b[i]) return true;
  }
  return false;
}

void TableCover::build_classes() {
  const std::vector<TableRowSymbol>& rows = t_.table->rows;
  const std::size_t columns = grid_.columns.size();
  for (std::size_t r = 0; r < rows.size() && exact_; ++r) {
    for (std::size_t c = 0; c < columns && exact_; ++c) exact_ = grid_.cells[r][c].has_value();
  }
  if (!exact_) return;
  classes_.resize(columns);
  cover_.assign(rows.size(), std::vector<Bits>(columns));
  for (std::size_t c = 0; c < columns; ++c) {
    const Domain& universe = grid_.columns[c].universe;
    // The distinct cells of the column, and which one each row has.
    std::vector<Domain> cells;
    std::map<std::string, std::size_t> index;
    std::vector<std::size_t> of_row(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const Domain d = grid_.cells[r][c]->intersect(universe);
      const auto [it, fresh] = index.emplace(domain_key(d), cells.size());
      if (fresh) cells.push_back(d);
      of_row[r] = it->second;
    }
    // Elementary pieces of the universe between the cells' bounds, grouped by the cells that
    // contain them: each group is one class.
    std::map<std::vector<bool>, std::size_t> by_signature;
    auto add_piece = [&](const Domain& piece, auto&& contains) {
      std::vector<bool> signature(cells.size());
      for (std::size_t j = 0; j < cells.size(); ++j) signature[j] = contains(cells[j]);
      const auto [it, fresh] = by_signature.emplace(std::move(signature), classes_[c].size());
      if (fresh) {
        classes_[c].push_back(piece);
      } else {
        classes_[c][it->second] = classes_[c][it->second].unite(piece);
      }
    };
    for (const Interval& u : universe.ranges()) {
      std::vector<Num> cuts;
      for (const Domain& d : cells) {
        for (const Interval& r : d.ranges()) {
          if (r.lo > u.lo && r.lo <= u.hi) cuts.push_back(r.lo);
          if (r.hi < u.hi && r.hi >= u.lo) cuts.push_back(r.hi + 1);
        }
      }
      std::sort(cuts.begin(), cuts.end());
      cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
      Num lo = u.lo;
      for (std::size_t i = 0; i <= cuts.size(); ++i) {
        const Num hi = i < cuts.size() ? cuts[i] - 1 : u.hi;
        add_piece(Domain::range(lo, hi), [lo](const Domain& d) { return d.contains(lo); });
        if (i < cuts.size()) lo = cuts[i];
      }
    }
    if (universe.has_none()) {
      add_piece(Domain::none_only(), [](const Domain& d) { return d.has_none(); });
    }
    // Each row's cell as the set of classes it contains.
    const std::size_t words = (classes_[c].size() + 63) / 64;
    std::vector<Bits> cell_bits(cells.size(), Bits(words, 0));
    for (const auto& [signature, k] : by_signature) {
      for (std::size_t j = 0; j < cells.size(); ++j) {
        if (signature[j]) set(cell_bits[j], k);
      }
    }
    for (std::size_t r = 0; r < rows.size(); ++r) cover_[r][c] = cell_bits[of_row[r]];
  }
}

F TableCover::classes_formula(std::uint32_t column, const Bits& classes) {
  Domain d;
  for (std::size_t k = 0; k < classes_[column].size(); ++k) {
    if (test(classes, k)) d = d.unite(classes_[column][k]);
  }
  return an_.tr().column_in(tiering_, column, d);
}

struct TableCover::Search {
  Search(TableCover& cover, const Accept& a) : tc(cover), accept(a) {}
  TableCover& tc;
  const Accept& accept;
  std::vector<Bits> region, chosen;
  std::vector<Bits> full;  // per column: every class
  std::size_t nodes = 0, solves = 0, rejected = 0;
  bool unknown = false, found = false, confirmed = false;
  std::vector<F> first_goals;
  std::vector<bool> any_value;

  // The candidate: the classes chosen so far, the region in the remaining columns.
  bool candidate(std::size_t depth) {
    if (++solves > kMaxSolves) {
      unknown = true;
      return true;
    }
    std::vector<F> goals;
    std::vector<bool> free(region.size());
    for (std::size_t c = 0; c < region.size(); ++c) {
      const Bits& classes = c < depth ? chosen[c] : region[c];
      free[c] = classes == full[c];
      if (free[c]) continue;
      goals.push_back(tc.classes_formula(static_cast<std::uint32_t>(c), classes));
    }
    const SolveResult r = tc.an_.solve(goals);
    if (r.sat == Sat::Unknown) unknown = true;
    if (r.sat != Sat::Yes) return false;
    if (!found) {
      first_goals = goals;
      any_value = free;
    }
    found = true;
    if (accept(r.box, goals)) {
      confirmed = true;
      any_value = free;
      return true;
    }
    return ++rejected >= kMaxRejects;
  }

  // Returns true to stop the search.
  bool visit(std::size_t c, const std::vector<std::uint32_t>& alive) {
    if (++nodes > kMaxNodes) {
      unknown = true;
      return true;
    }
    if (alive.empty()) return candidate(c);
    if (c == region.size()) return false;  // some row matches every class chosen
    std::map<std::vector<std::uint32_t>, Bits> groups;
    for (std::size_t k = 0; k < tc.classes_[c].size(); ++k) {
      if (!test(region[c], k)) continue;
      std::vector<std::uint32_t> still;
      for (std::uint32_t r : alive) {
        if (test(tc.cover_[r][c], k)) still.push_back(r);
      }
      auto [it, fresh] = groups.try_emplace(std::move(still), Bits(region[c].size(), 0));
      set(it->second, k);
    }
    // Groups no row matches any more first: they are candidates already.
    for (auto& [rows, classes] : groups) {
      chosen[c] = classes;
      if (visit(c + 1, rows)) return true;
    }
    return false;
  }
};

TableCover::Result TableCover::uncovered(std::optional<std::uint32_t> within,
                                         const std::vector<std::uint32_t>& rows,
                                         const Accept& accept) {
  Result out;
  if (!exact_) {
    std::vector<F> goals;
    if (within) goals.push_back(an_.tr().table_row(tiering_, *within));
    for (std::uint32_t r : rows) {
      if (within && grid_.rows_disjoint(*within, r)) continue;
      goals.push_back(f_not(an_.atoms(), an_.tr().table_row(tiering_, r)));
    }
    const SolveResult s = an_.solve(goals);
    out.sat = s.sat;
    out.goals = goals;
    if (s.sat == Sat::Yes) out.confirmed = accept(s.box, goals);
    return out;
  }
  Search search(*this, accept);
  for (std::size_t c = 0; c < classes_.size(); ++c) {
    Bits all((classes_[c].size() + 63) / 64, 0);
    for (std::size_t k = 0; k < classes_[c].size(); ++k) set(all, k);
    search.full.push_back(all);
    search.region.push_back(within ? cover_[*within][c] : all);
  }
  search.chosen = search.region;
  std::vector<std::uint32_t> alive;
  for (std::uint32_t r : rows) {
    bool meets = true;
    for (std::size_t c = 0; c < classes_.size() && meets; ++c) {
      meets = intersects(cover_[r][c], search.region[c]);
    }
    if (meets) alive.push_back(r);
  }
  search.visit(0, alive);
  out.goals = search.first_goals;
  out.any_value = search.any_value;
  out.confirmed = search.confirmed;
  out.sat = search.found ? Sat::Yes : search.unknown ? Sat::Unknown : Sat::No;
  return out;
}

bool TableCover::same_cells(std::uint32_t a, std::uint32_t b) const {
  const std::vector<TableRowSymbol>& rows = t_.table->rows;
  if (exact_) return cover_[a] == cover_[b];
  const Model& m = an_.atoms().model();
  for (std::size_t c = 0; c < grid_.columns.size(); ++c) {
    const auto &x = grid_.cells[a][c], &y = grid_.cells[b][c];
    if (x && y) {
      if (!(*x == *y)) return false;
    } else if (x || y || c >= rows[a].cells.size() || c >= rows[b].cells.size() ||
               cell_text(m, rows[a].cells[c]) != cell_text(m, rows[b].cells[c])) {
      return false;
    }
  }
  return true;
}

bool TableCover::disjoint(std::uint32_t a, std::uint32_t b) const {
  if (!exact_) return grid_.rows_disjoint(a, b);
  for (std::size_t c = 0; c < classes_.size(); ++c) {
    if (!intersects(cover_[a][c], cover_[b][c])) return true;
  }
  return false;
}

}  // namespace strata::linter
