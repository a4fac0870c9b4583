// Orders of evaluation the planner cannot satisfy because of statistics over all customers.
//
// A run goes in phases (docs/architecture.md): each customer's events are aggregated first, then
// statistics over all customers are computed from per-customer values, then the values that use
// those statistics. Two things cannot be ordered that way:
//   - an event aggregate whose `where` filter or argument reads a statistic (E0227): the
//     statistic would be needed before the events pass that comes first. A statistic written in
//     the filter itself is reported when the call is checked; one reached through lets and
//     tierings is found here.
//   - a statistic whose argument uses the statistic's own result (E0228): reported by
//     report_cycles() (deps.cpp) using population_edge().
#include <functional>

#include "check/checker.hpp"

namespace strata::check {

std::vector<const ast::Expr*> Checker::node_exprs(Node n) const {
  std::vector<const ast::Expr*> out;
  if (n.kind == Node::Kind::Let) {
    if (m_.lets[n.id].decl->value) out.push_back(m_.lets[n.id].decl->value.get());
  } else {
    out = m_.tierings[n.id].expressions();
  }
  return out;
}

const ast::Expr* Checker::population_edge(std::uint32_t from, std::uint32_t to) const {
  const auto edge = std::make_pair(from, to);
  if (direct_edges_.count(edge) != 0) return nullptr;
  const auto it = population_edges_.find(edge);
  return it == population_edges_.end() ? nullptr : it->second;
}

namespace {

bool is_call_of(const Model& m, const ast::Expr& e, CallScope scope) {
  return e.as<ast::CallExpr>() != nullptr && m.calls[e.id].scope == scope;
}

// The first statistic over all customers written in e (in source order), or null.
const ast::Expr* first_statistic(const Model& m, const ast::Expr& e) {
  if (m.is_population_call(e)) return &e;
  const ast::Expr* found = nullptr;
  ast::for_each_child(e, [&](const ast::Expr& child) {
    if (found == nullptr) found = first_statistic(m, child);
  });
  return found;
}

}  // namespace

void Checker::check_population_order() {
  const auto lets = static_cast<std::uint32_t>(m_.lets.size());
  const auto count = lets + static_cast<std::uint32_t>(m_.tierings.size());
  auto node_at = [&](std::uint32_t i) {
    return i < lets ? Node{Node::Kind::Let, i} : Node{Node::Kind::Tiering, i - lets};
  };
  // For each definition, the first statistic its value depends on, directly or through the lets
  // and tierings it uses; definitions on a cycle (already reported) stop the walk.
  std::vector<const ast::Expr*> source(count, nullptr);
  std::vector<std::uint8_t> state(count, 0);
  std::function<const ast::Expr*(std::uint32_t)> visit = [&](std::uint32_t i) -> const ast::Expr* {
    if (state[i] != 0) return source[i];
    state[i] = 1;
    const Node n = node_at(i);
    const ast::Expr* found = nullptr;
    for (const ast::Expr* e : node_exprs(n)) {
      if (found == nullptr) found = first_statistic(m_, *e);
    }
    const auto& dl = n.kind == Node::Kind::Let ? m_.lets[n.id].depends_on_lets
                                               : m_.tierings[n.id].depends_on_lets;
    const auto& dt = n.kind == Node::Kind::Let ? m_.lets[n.id].depends_on_tierings
                                               : m_.tierings[n.id].depends_on_tierings;
    for (std::uint32_t d : dl) {
      if (found == nullptr) found = visit(d);
    }
    for (std::uint32_t d : dt) {
      if (found == nullptr) found = visit(lets + d);
    }
    source[i] = found;
    state[i] = 2;
    return found;
  };

  // Names of lets and tierings read inside an event aggregate's argument or filter.
  auto check_aggregate_inputs = [&](const ast::Expr& call) {
    auto walk = [&](auto& self, const ast::Expr& x) -> void {
      if (m_.is_population_call(x)) return;  // reported when checked
      const Resolution& r = m_.names[x.id];
      const bool named = x.as<ast::NameExpr>() != nullptr || x.as<ast::MemberExpr>() != nullptr;
      if (named && (r.kind == SymbolKind::Let || r.kind == SymbolKind::Tiering)) {
        const std::uint32_t i = r.kind == SymbolKind::Let ? r.index : lets + r.index;
        if (const ast::Expr* stat = visit(i)) {
          const std::string name =
              r.kind == SymbolKind::Let ? m_.lets[r.index].name : m_.tierings[r.index].name;
          const std::string stat_text(m_.sources->text(stat->span));
          diags_
              .error(DiagCode::PopulationInEventAggregate, x.span,
                     "`" + name +
                         "` cannot be used inside an aggregate over one customer's "
                         "events: it depends on `" +
                         stat_text + "`, a statistic over all customers",
                     "depends on a statistic over all customers")
              .label(stat->span, "computed over all customers")
              .note(
                  "each customer's events are aggregated first; statistics over all customers "
                  "are computed from those results, after them")
              .help("aggregate first and compare the result, or put the threshold in a param");
        }
        if (x.as<ast::NameExpr>()) return;
      }
      ast::for_each_child(x, [&](const ast::Expr& child) { self(self, child); });
    };
    ast::for_each_child(call, [&](const ast::Expr& child) { walk(walk, child); });
  };
  auto find_aggregates = [&](auto& self, const ast::Expr& x) -> void {
    if (is_call_of(m_, x, CallScope::EventAggregate)) check_aggregate_inputs(x);
    ast::for_each_child(x, [&](const ast::Expr& child) { self(self, child); });
  };
  for (std::uint32_t i = 0; i < count; ++i) {
    for (const ast::Expr* e : node_exprs(node_at(i))) find_aggregates(find_aggregates, *e);
  }
}

}  // namespace strata::check
