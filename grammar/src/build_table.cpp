// Decision tables: parse-tree nodes of `table (...) { rows }` to ast::DecisionTable.
#include "build.hpp"
#include "grammar.hpp"

namespace strata::internal {

namespace g = strata::grammar;

// table_body: table_columns, then table_row / otherwise_row nodes (and hold_decl nodes, which
// Builder::tiering takes).
ast::DecisionTable Builder::table(const Node& node) {
  ast::DecisionTable table;
  table.span = span(node);
  for (const auto& child : node.children) {
    if (child->is_type<g::table_columns>()) {
      table.columns_span = span(*child);
      for (const auto& column : child->children) table.columns.push_back(expr(*column).expr);
    } else if (!child->is_type<g::hold_decl>()) {
      table.rows.push_back(row(*child));
    }
  }
  return table;
}

// table_row: row_cells identifier label?   /   otherwise_row: identifier label?
ast::TableRow Builder::row(const Node& node) {
  ast::TableRow row;
  row.span = span(node);
  row.otherwise = node.is_type<g::otherwise_row>();
  if (row.otherwise) {
    constexpr std::uint32_t kKeywordLength = 9;  // `otherwise`
    row.cells_span = Span{file_, row.span.begin, row.span.begin + kKeywordLength};
  }
  for (const auto& child : node.children) {
    if (child->is_type<g::row_cells>()) {
      row.cells_span = span(*child);
      for (const auto& c : child->children) row.cells.push_back(cell(*c));
    } else if (child->is_type<g::label>()) {
      row.label = label(*child);
    } else {
      row.tier = ident(*child);
    }
  }
  return row;
}

// cell_any | cell_compare (cmp_op expr) | cell_list (expr*) | cell_value (expr cell_range_tail?)
ast::TableCell Builder::cell(const Node& node) {
  ast::TableCell cell;
  cell.span = span(node);
  const auto& kids = node.children;
  if (node.is_type<g::cell_any>()) {
    cell.kind = ast::CellKind::Any;
  } else if (node.is_type<g::cell_compare>()) {
    cell.kind = ast::CellKind::Compare;
    cell.op = binary_op(kids.at(0)->string_view());
    cell.value = expr(*kids.at(1)).expr;
  } else if (node.is_type<g::cell_list>()) {
    cell.kind = ast::CellKind::List;
    for (const auto& item : kids) cell.items.push_back(expr(*item).expr);
  } else {
    cell.kind = ast::CellKind::Value;
    cell.value = expr(*kids.at(0)).expr;
    if (kids.size() > 1) {
      cell.kind = ast::CellKind::Range;
      cell.high = expr(*kids[1]->children.at(0)).expr;
    }
  }
  return cell;
}

}  // namespace strata::internal
