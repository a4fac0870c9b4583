// KPIs: the `by` tiering, the formula at the level of a group, its unit, and its targets.
//
// A KPI's formula has two levels. At the group level — the formula itself — values are numbers
// for a whole group of customers: aggregates over the group (`count(nps >= 9)`, `sum(monetary)`),
// `total(...)` over every customer, `compliance(sop)`, other KPIs by name, params and literals,
// combined with arithmetic, comparisons and `if`. Inside an aggregate's argument the scope is one
// customer, exactly as in a let. A customer's value at the group level (E0240), a KPI-only
// function elsewhere (E0242), an unusable unit (E0243) and a target that cannot apply (E0241)
// are reported here. KPIs have their own namespace; only KPIs name other KPIs, and a KPI that
// uses itself is a cycle (E0205).
#include <algorithm>

#include "check/checker.hpp"

namespace strata::check {

namespace {

// Scalar functions a KPI may apply to group values (numbers); the others read dates and times of
// one customer.
bool is_group_scalar(BuiltinId id) {
  switch (id) {
    case BuiltinId::Abs:
    case BuiltinId::Round:
    case BuiltinId::Floor:
    case BuiltinId::Ceil:
    case BuiltinId::Clamp:
    case BuiltinId::Min:
    case BuiltinId::Max:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool Checker::misplaced_in_kpi(const ast::Expr& e, const ast::CallExpr& c, BuiltinId id,
                               bool aggregate) {
  const std::string text(m_.sources->text(e.span));
  const bool over_events = aggregate && !c.args.empty() && mentions_events(*c.args[0]);
  if (kpi_level_ == KpiLevel::Customer) {
    if (!aggregate || over_events) return false;  // scalars and event aggregates of a customer
    diags_
        .error(DiagCode::KpiCustomerValue, e.span,
               "`" + text + "` is over all customers, inside an aggregate of a KPI",
               "a statistic inside a KPI's aggregate")
        .help(
            "name the per-customer value in a let (`let big = monetary > avg(monetary)`) and "
            "aggregate the let (`count(big)`)");
    return true;
  }
  std::string why;
  std::string help;
  if (over_events || id == BuiltinId::First || id == BuiltinId::Last || id == BuiltinId::Distinct) {
    why = "aggregates the events of one customer";
    help = "name it in a let (`let monetary = " + text +
           "`) and aggregate that over the group, "
           "as in `sum(monetary)`";
  } else if (aggregate && is_position(id)) {
    why = "gives each customer its own position";
    help = "name it in a let and aggregate the let, as in `count(m_score == 5)`";
  } else if (!aggregate && !is_group_scalar(id)) {
    why = "reads values of one customer";
    help = "use it inside an aggregate, as in `avg(" + text + ")`";
  } else {
    return false;
  }
  for (const ast::ExprPtr& a : c.args) {
    if (!mentions_events(*a)) {
      kpi_level_ = KpiLevel::Customer;
      check(*a);
      kpi_level_ = KpiLevel::Group;
    }
  }
  diags_
      .error(DiagCode::KpiCustomerValue, e.span,
             "`" + text + "` " + why + ", but a KPI is computed for a group of customers",
             "a value of each customer")
      .help(help);
  return true;
}

void Checker::collect_kpi(const ast::KpiDecl& d) {
  if (auto first = m_.find_kpi(d.name.text)) {
    return report_defined_twice("KPI", d.name, m_.kpis[*first].decl->name.span);
  }
  KpiSymbol sym;
  sym.name = d.name.text;
  sym.label = d.label ? d.label->text : std::string();
  sym.decl = &d;
  if (d.by) sym.by = sop_tiering(*d.by);
  if (d.unit) {
    sym.unit = kpi_unit_from_name(d.unit->text).value_or(KpiUnit::Number);
    if (!kpi_unit_from_name(d.unit->text)) {
      std::vector<std::string> units;
      for (auto u : {KpiUnit::Count, KpiUnit::Money, KpiUnit::Percent, KpiUnit::Days,
                     KpiUnit::Score, KpiUnit::Number}) {
        units.emplace_back(kpi_unit_name(u));
      }
      auto b = diags_.error(DiagCode::BadKpiUnit, d.unit->span,
                            "unknown unit `" + d.unit->text + "`", "not a KPI unit");
      if (auto near = closest_name(d.unit->text, units)) {
        b.help("did you mean `" + *near + "`?");
      } else {
        b.help("the units are `count`, `money`, `percent`, `days`, `score` and `number`");
      }
    }
  }
  m_.kpis.push_back(std::move(sym));
}

void Checker::check_kpi(std::uint32_t id) {
  if (kpi_state_[id] == 2) return;
  if (kpi_state_[id] == 1) {
    // Met again while being checked: the KPIs on the stack from `id` on form a cycle.
    const auto from = std::find(kpi_stack_.begin(), kpi_stack_.end(), id);
    std::string path;
    for (auto it = from; it != kpi_stack_.end(); ++it) path += m_.kpis[*it].name + " -> ";
    path += m_.kpis[id].name;
    const ast::KpiDecl& d = *m_.kpis[id].decl;
    diags_
        .error(DiagCode::DependencyCycle, d.name.span,
               "KPI `" + d.name.text + "` depends on itself: " + path, "part of the cycle")
        .help("compute one of these KPIs from aggregates instead of from the others");
    kpi_cycle_ = true;
    return;
  }
  kpi_state_[id] = 1;
  kpi_stack_.push_back(id);
  const ast::KpiDecl& d = *m_.kpis[id].decl;
  const auto saved_level = kpi_level_;
  const auto saved_owner = owner_;
  const bool saved_total = in_total_;
  kpi_level_ = KpiLevel::Group;
  owner_.reset();
  in_total_ = false;
  const Type t = check(*d.value);
  kpi_level_ = saved_level;
  owner_ = saved_owner;
  in_total_ = saved_total;
  kpi_stack_.pop_back();
  kpi_state_[id] = 2;

  KpiSymbol& k = m_.kpis[id];
  k.type = t;
  if (!t.is_error() && !t.is_numeric() && t.kind != TypeKind::Null) {
    diags_
        .error(DiagCode::BadKpiUnit, d.value->span,
               "a KPI is a number, but this formula gives `" + name_of(t) + "`",
               "this is `" + name_of(t) + "`")
        .help(t.kind == TypeKind::Bool
                  ? "give a number, and choose between numbers with `if ... then ... else ...`"
                  : "give a number: an aggregate such as `count()` or `sum(monetary)`");
    k.type = Type{};
  }
  if (!d.unit && !k.type.is_error()) k.unit = infer_unit(*d.value);
  if (!k.type.is_error()) check_kpi_targets(k);
  m_.kpi_order.push_back(id);
}

void Checker::check_kpi_targets(KpiSymbol& k) {
  const ast::KpiDecl& d = *k.decl;
  for (const ast::KpiTarget& t : d.targets) {
    KpiTargetSymbol sym;
    sym.op = t.op;
    sym.decl = &t;
    check(*t.value);
    const std::optional<ConstValue> c = constant_of(*t.value);
    const auto* lit = t.value->as<ast::LiteralExpr>();
    sym.percent = lit != nullptr && lit->kind == ast::LiteralKind::Percent;
    if (!c || (c->kind != TypeKind::Int && c->kind != TypeKind::Decimal)) {
      if (!m_.types[t.value->id].is_error()) {
        diags_
            .error(DiagCode::BadKpiTarget, t.value->span,
                   "a target is a number written out, not `" +
                       std::string(m_.sources->text(t.value->span)) + "`",
                   "not a number")
            .help("write, for example, `target >= 40` or `target >= 95%`");
      }
      continue;
    }
    sym.value = c->kind == TypeKind::Int ? Decimal::from_int(c->i) : c->d;
    if (k.unit == KpiUnit::Percent && !sym.percent &&
        Decimal::abs(sym.value) > Decimal::from_int(1)) {
      const std::string text(m_.sources->text(t.value->span));
      diags_
          .error(DiagCode::BadKpiTarget, t.value->span,
                 "`" + k.name + "` is a share, so a target of " + text + " means " + text +
                     " times the whole",
                 "a share is at most 1 (100%)")
          .help("write the target as a percentage: `target " +
                std::string(ast::binary_op_spelling(t.op)) + " " + text + "%`");
      continue;
    }
    if (!t.tiers.empty() && !k.by) {
      if (!d.by) {
        diags_
            .error(DiagCode::BadKpiTarget, t.tiers.front().span,
                   "the target is for tiers, but `" + k.name + "` is not grouped by a tiering",
                   "tiers of which tiering?")
            .help("group the KPI, as in `kpi " + k.name + " by rfm = ...`, or leave out `for ...`");
      }
      continue;
    }
    bool ok = true;
    for (const ast::Ident& tier : t.tiers) {
      const auto index = tier_index(*k.by, tier.text);
      if (!index) {
        report_unknown_tier(tier, *k.by);
        ok = false;
        continue;
      }
      sym.tiers.push_back(*index);
    }
    if (ok) k.targets.push_back(std::move(sym));
  }
}

// A name at the group level of a KPI: another KPI, a param, or a mistake; nullopt leaves the
// name to the ordinary rules (an events field outside an aggregate, an unknown name).
std::optional<Type> Checker::check_kpi_name(const ast::Expr& e, const std::string& name) {
  if (auto k = m_.find_kpi(name)) {
    m_.names[e.id] = {SymbolKind::Kpi, *k, 0};
    check_kpi(*k);
    if (kpi_state_[*k] != 2 || kpi_cycle_) return set(e, Type{});
    return set(e, m_.kpis[*k].type);
  }
  const auto top = top_.find(name);
  if (top != top_.end() && top->second.kind == TopKind::Param) {
    const Type t = resolve_top(e, name, top->second);
    if (!t.is_numeric() && t.kind != TypeKind::Bool) {
      diags_
          .error(
              DiagCode::KpiCustomerValue, e.span,
              "a KPI computes with numbers, but the param `" + name + "` is `" + name_of(t) + "`",
              "not a number")
          .help("use `" + name + "` inside an aggregate, as in `count(... " + name + " ...)`");
      return set(e, Type{});
    }
    return t;
  }
  if (top != top_.end() && top->second.kind != TopKind::Events &&
      top->second.kind != TopKind::Record) {
    const auto saved = kpi_level_;
    kpi_level_ = KpiLevel::Customer;
    const Type t = resolve_top(e, name, top->second);
    kpi_level_ = saved;
    if (!t.is_error()) report_customer_value(e);
    return set(e, Type{});
  }
  return std::nullopt;
}

void Checker::report_customer_value(const ast::Expr& e) {
  const std::string text(m_.sources->text(e.span));
  const Type t = m_.types[e.id];
  std::string example = "sum(" + text + ")` or `avg(" + text + ")";
  if (t.kind == TypeKind::Bool) example = "count(" + text + ")";
  if (t.kind == TypeKind::Tier) example = "count(" + text + " is ...)";
  diags_
      .error(DiagCode::KpiCustomerValue, e.span,
             "`" + text +
                 "` is a value of each customer, but a KPI is computed for a group of "
                 "customers",
             "a value of each customer")
      .note(
          "inside a KPI, aggregates such as `count`, `sum` and `avg` run over the customers of "
          "each group")
      .help("aggregate it over the group, as in `" + example + "`");
}

// total(x): x over every customer; compliance(sop): the share of a group's customers under the
// SOP who meet every obligation of it; both only at the group level of a KPI.
Type Checker::check_kpi_function(const ast::Expr& e, const ast::CallExpr& c, BuiltinId id) {
  const std::string& name = c.callee.text;
  m_.calls[e.id] = CallInfo{id, CallScope::Kpi, 0};
  if (kpi_level_ != KpiLevel::Group || (id == BuiltinId::Total && in_total_)) {
    const bool nested = kpi_level_ == KpiLevel::Group;
    const bool inside = kpi_level_ == KpiLevel::Customer;
    diags_
        .error(DiagCode::KpiOnlyFunction, e.span,
               nested   ? "`total(...)` inside `total(...)`: the inner one is already over every "
                          "customer"
               : inside ? "`" + name +
                              "(...)` is a value of the group, not of one customer: it "
                              "cannot be inside the argument of an aggregate"
                        : "`" + name + "(...)` is only available in the formula of a KPI",
               nested   ? "already over every customer"
               : inside ? "inside an aggregate"
                        : "not in a KPI")
        .help(id == BuiltinId::Total
                  ? "write `kpi share by pyramid = sum(monetary) / total(sum(monetary))`"
                  : "write `kpi sla by service_level = compliance(vip_service)`");
    return set(e, Type{});
  }
  if (c.filter) {
    diags_
        .error(DiagCode::BadAggregate, c.filter->span,
               "`where` filters events, but `" + name + "` does not read events",
               "not allowed here")
        .emit();
    return set(e, Type{});
  }
  if (id == BuiltinId::Total) {
    in_total_ = true;
    const Type t = check(*c.args[0]);
    in_total_ = false;
    return set(e, t);
  }
  if (!c.args.empty()) {
    const ast::Expr& arg = *c.args[0];
    const auto* n = arg.as<ast::NameExpr>();
    std::optional<std::uint32_t> sop;
    for (std::uint32_t s = 0; n != nullptr && s < m_.sops.size(); ++s) {
      if (m_.sops[s].name == n->name) sop = s;
    }
    if (!sop) {
      std::vector<std::string> names;
      for (const SopSymbol& s : m_.sops) names.push_back(s.name);
      auto b = diags_.error(DiagCode::UnknownName, arg.span,
                            "`compliance` takes the name of an SOP, not `" +
                                std::string(m_.sources->text(arg.span)) + "`",
                            "not an SOP");
      if (n != nullptr) {
        if (auto near = closest_name(n->name, names)) b.help("did you mean `" + *near + "`?");
      }
      if (names.empty()) b.note("the rule set declares no SOP");
      return set(e, Type{});
    }
    m_.names[arg.id] = {SymbolKind::Sop, *sop, 0};
  }
  return set(e, Type::of(TypeKind::Decimal, true));
}

// The unit of a group-level expression, from its aggregates and operators.
KpiUnit Checker::infer_unit(const ast::Expr& e) const {
  using U = KpiUnit;
  if (const auto* lit = e.as<ast::LiteralExpr>()) {
    return lit->kind == ast::LiteralKind::Percent ? U::Percent : U::Number;
  }
  if (e.as<ast::NameExpr>() != nullptr) {
    const Resolution& r = m_.names[e.id];
    if (r.kind == SymbolKind::Kpi) return m_.kpis[r.index].unit;
    if (r.kind == SymbolKind::Param && m_.params[r.index].type.money) return U::Money;
    return U::Number;
  }
  if (const auto* c = e.as<ast::CallExpr>()) {
    const CallInfo& info = m_.calls[e.id];
    if (info.scope != CallScope::Kpi) {
      return c->args.empty() ? U::Number : infer_unit(*c->args[0]);  // abs, round, min, ...
    }
    switch (info.builtin) {
      case BuiltinId::Count:
        return U::Count;
      case BuiltinId::Total:
        return infer_unit(*c->args[0]);
      case BuiltinId::Compliance:
        return U::Percent;
      default:
        return m_.types[c->args[0]->id].money ? U::Money : U::Number;
    }
  }
  if (const auto* u = e.as<ast::UnaryExpr>()) return infer_unit(*u->operand);
  if (const auto* f = e.as<ast::IfExpr>()) {
    const U a = infer_unit(*f->then_value);
    return a != U::Number ? a : infer_unit(*f->else_value);
  }
  const auto* b = e.as<ast::BinaryExpr>();
  if (b == nullptr) return U::Number;
  const U l = infer_unit(*b->lhs);
  const U r = infer_unit(*b->rhs);
  switch (b->op) {
    case ast::BinaryOp::Add:
    case ast::BinaryOp::Sub:
    case ast::BinaryOp::Coalesce:
      return l == r || r == U::Number ? l : (l == U::Number ? r : U::Number);
    case ast::BinaryOp::Mul:
      // A share of an amount is an amount (revenue x margin); 100 x a share is points.
      if (l == U::Number) return r == U::Percent ? U::Number : r;
      if (r == U::Number) return l == U::Percent ? U::Number : l;
      if (l == U::Percent) return r;
      if (r == U::Percent) return l;
      if (l == U::Count) return r;
      if (r == U::Count) return l;
      return U::Number;
    case ast::BinaryOp::Div:
      // A part over its whole is a share; an amount per customer is still an amount.
      if (l == r && l != U::Number && l != U::Percent && l != U::Score) return U::Percent;
      if (r == U::Number || r == U::Count) return l;
      return U::Number;
    default:
      return U::Number;  // comparisons and logic
  }
}

}  // namespace strata::check
