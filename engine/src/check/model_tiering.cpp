// Queries over a checked tiering that the compiler, the explanations and the linter share.
#include "check/model.hpp"

namespace strata {

bool TableRowSymbol::matches_all() const {
  if (otherwise) return true;
  for (const TableCellSymbol& c : cells) {
    if (c.test != CellTest::Any) return false;
  }
  return true;
}

namespace {

void tier_conditions(const ast::TierDecl& tier, std::vector<const ast::Expr*>& out) {
  if (tier.condition) out.push_back(tier.condition.get());
  for (const ast::TierDecl& sub : tier.children) tier_conditions(sub, out);
}

}  // namespace

std::vector<const ast::Expr*> TieringSymbol::expressions() const {
  std::vector<const ast::Expr*> out;
  if (decl == nullptr) return out;
  for (const ast::TierDecl& tier : decl->tiers) tier_conditions(tier, out);
  if (decl->table) {
    for (const ast::ExprPtr& column : decl->table->columns) out.push_back(column.get());
    for (const ast::TableRow& row : decl->table->rows) {
      for (const ast::TableCell& cell : row.cells) {
        if (cell.value) out.push_back(cell.value.get());
        if (cell.high) out.push_back(cell.high.get());
        for (const ast::ExprPtr& item : cell.items) out.push_back(item.get());
      }
    }
  }
  for (const ast::ExprPtr& operand : decl->product) out.push_back(operand.get());
  return out;
}

std::vector<std::uint32_t> TieringSymbol::children_of(std::optional<std::uint32_t> parent) const {
  std::vector<std::uint32_t> out;
  auto i = parent ? *parent + 1 : 0;
  const auto end = parent ? tiers[*parent].end : static_cast<std::uint32_t>(tiers.size());
  while (i < end) {
    out.push_back(i);
    i = tiers[i].end;
  }
  return out;
}

}  // namespace strata
