#include "compile/internal/walk.hpp"

#include "compile/internal/builder.hpp"

namespace strata::compile_internal {

namespace {

bool is_name(const ast::Expr& e) {
  return e.as<ast::NameExpr>() != nullptr || e.as<ast::MemberExpr>() != nullptr;
}

}  // namespace

bool is_run_constant(const Model& model, const ast::Expr& e) {
  if (is_name(e)) {
    const Resolution& r = model.names[e.id];
    return r.kind == SymbolKind::Param || r.kind == SymbolKind::EnumMember ||
           r.kind == SymbolKind::Tier;
  }
  if (model.is_population_call(e)) return !is_position(model.calls[e.id].builtin);
  if (e.as<ast::CallExpr>()) {
    if (model.calls[e.id].scope != CallScope::Scalar) return false;
  }
  if (const auto* is = e.as<ast::IsExpr>()) return is_run_constant(model, *is->value);
  bool constant = true;
  for_each_child(e, [&](const ast::Expr& child) {
    if (constant && !is_run_constant(model, child)) constant = false;
  });
  return constant;
}

void collect_references(const Model& model, const ast::Expr& e, std::vector<std::uint32_t>& lets,
                        std::vector<std::uint32_t>& tierings) {
  // A statistic's argument is computed in an earlier phase, not where the statistic is read.
  if (model.is_population_call(e)) return;
  if (is_name(e)) {
    const Resolution& r = model.names[e.id];
    if (r.kind == SymbolKind::Let) lets.push_back(r.index);
    if (r.kind == SymbolKind::Tiering) tierings.push_back(r.index);
    // `t.since` and `t.changed` compare with this run's tier; `t.previous` needs only the state.
    if (r.kind == SymbolKind::TierSince || r.kind == SymbolKind::TierChanged) {
      tierings.push_back(r.index);
      return;
    }
    if (r.kind == SymbolKind::TierPrevious) return;
    if (e.as<ast::NameExpr>()) return;
  }
  for_each_child(e,
                 [&](const ast::Expr& child) { collect_references(model, child, lets, tierings); });
}

void collect_aggregates(const Model& model, const ast::Expr& e,
                        std::vector<const ast::Expr*>& out) {
  if (e.as<ast::CallExpr>() && model.calls[e.id].scope == CallScope::EventAggregate) {
    out.push_back(&e);
    return;
  }
  if (model.is_population_call(e)) return;
  for_each_child(e, [&](const ast::Expr& child) { collect_aggregates(model, child, out); });
}

bool Lowering::reads_events(const ast::Expr& e) const {
  if (is_name(e)) {
    const Resolution& r = model.names[e.id];
    if (r.kind == SymbolKind::EventField || r.kind == SymbolKind::Events) return true;
    if (e.as<ast::NameExpr>()) return false;
  }
  // A nested aggregate is a per-customer value, whatever it reads.
  if (e.as<ast::CallExpr>() && model.calls[e.id].scope == CallScope::EventAggregate) return false;
  bool reads = false;
  for_each_child(e, [&](const ast::Expr& child) { reads = reads || reads_events(child); });
  return reads;
}

bool Lowering::depends_on_customer_values(const ast::Expr& e) const {
  if (is_name(e)) {
    const Resolution& r = model.names[e.id];
    if (r.kind == SymbolKind::Let || r.kind == SymbolKind::Tiering ||
        r.kind == SymbolKind::TierPrevious || r.kind == SymbolKind::TierSince ||
        r.kind == SymbolKind::TierChanged) {
      return true;
    }
    if (e.as<ast::NameExpr>()) return false;
  }
  // An aggregate nested in another aggregate's argument or filter needs a pass of its own first.
  if (e.as<ast::CallExpr>() && model.calls[e.id].scope == CallScope::EventAggregate) return true;
  bool depends = false;
  for_each_child(
      e, [&](const ast::Expr& child) { depends = depends || depends_on_customer_values(child); });
  return depends;
}

bool Lowering::is_fallible(const ast::Expr& e) const {
  if (const auto* b = e.as<ast::BinaryExpr>()) {
    switch (b->op) {
      case ast::BinaryOp::Add:
      case ast::BinaryOp::Sub:
      case ast::BinaryOp::Mul:
      case ast::BinaryOp::Div:
        return true;
      default:
        break;
    }
  }
  // A statistic is a load at this point: its argument was computed (and could fail) earlier.
  if (model.is_population_call(e)) return false;
  if (e.as<ast::CallExpr>()) return true;
  bool fallible = false;
  for_each_child(e, [&](const ast::Expr& child) { fallible = fallible || is_fallible(child); });
  return fallible;
}

}  // namespace strata::compile_internal
