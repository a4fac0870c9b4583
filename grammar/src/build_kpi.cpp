// KPIs: parse-tree nodes to ast::KpiDecl.
//
// The unit and the `by` tiering stay names as written; the checker resolves and validates them,
// as it does the tiers a target is for.
#include <algorithm>
#include <cctype>

#include "build.hpp"
#include "grammar.hpp"

namespace strata::internal {

namespace g = strata::grammar;

// target_clause: cmp_op expr target_tier*
ast::KpiTarget Builder::kpi_target(const Node& node) {
  ast::KpiTarget t;
  t.span = span(node);
  for (const auto& child : node.children) {
    if (child->is_type<g::cmp_op>()) {
      t.op = binary_op(child->string_view());
      t.op_span = span(*child);
    } else if (child->is_type<g::target_tier>()) {
      // A path may be written with spaces around its dots; the id has none.
      std::string id = child->string();
      id.erase(std::remove_if(id.begin(), id.end(),
                              [](unsigned char c) { return std::isspace(c) != 0; }),
               id.end());
      t.tiers.push_back({std::move(id), span(*child)});
    } else {
      t.value = expr(*child).expr;
    }
  }
  return t;
}

// kpi_decl: identifier label? kpi_by? kpi_unit? expr target_clause*
ast::KpiDecl Builder::kpi(const Node& node) {
  ast::KpiDecl k;
  k.span = span(node);
  k.name = ident(*node.children.at(0));
  for (std::size_t i = 1; i < node.children.size(); ++i) {
    const Node& child = *node.children[i];
    if (child.is_type<g::label>()) {
      k.label = label(child);
    } else if (child.is_type<g::kpi_by>()) {
      k.by = ident(*child.children.at(0));
    } else if (child.is_type<g::kpi_unit>()) {
      k.unit = ident(*child.children.at(0));
    } else if (child.is_type<g::target_clause>()) {
      k.targets.push_back(kpi_target(child));
    } else {
      k.value = expr(child).expr;
    }
  }
  return k;
}

}  // namespace strata::internal
