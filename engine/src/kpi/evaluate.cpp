#include "kpi/evaluate.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "check/one_line.hpp"
#include "kpi/groups.hpp"

namespace strata::kpi {

namespace {

// A value at the group level: a number, a yes/no, or none.
struct GValue {
  enum class Kind : std::uint8_t { None, Num, Bool } kind = Kind::None;
  Decimal d;
  bool b = false;
  static GValue num(Decimal v) { return {Kind::Num, v, false}; }
  static GValue truth(bool v) { return {Kind::Bool, Decimal(), v}; }
  bool is_num() const { return kind == Kind::Num; }
};

class GroupEval {
 public:
  GroupEval(const Model& model, const Plan& plan, Aggregator& aggregates,
            const std::vector<vm::ParamValue>& params, std::size_t groups)
      : m_(model),
        plan_(plan),
        agg_(aggregates),
        params_(params),
        memo_(model.kpis.size(), std::vector<std::optional<GValue>>(groups)) {}

  GValue kpi(std::uint32_t k, std::size_t g) {
    std::optional<GValue>& slot = memo_[k][g];
    if (!slot) slot = eval(*m_.kpis[k].decl->value, g);
    return *slot;
  }
  const std::optional<vm::EvalError>& error() const { return error_; }

 private:
  GValue overflow(const ast::Expr& e, std::string what) {
    if (!error_) {
      error_ =
          vm::EvalError{DiagCode::DecimalOverflow, e.span, vm::EvalError::kNoRow, std::move(what)};
    }
    return {};
  }

  GValue literal(const ast::Expr& e) {
    const std::optional<ConstValue>& c = m_.constants[e.id];
    if (!c) return {};
    switch (c->kind) {
      case TypeKind::Int:
        return GValue::num(Decimal::from_int(c->i));
      case TypeKind::Decimal:
        return GValue::num(c->d);
      case TypeKind::Bool:
        return GValue::truth(c->i != 0);
      default:
        return {};
    }
  }

  GValue name(const ast::Expr& e, std::size_t g) {
    const Resolution& r = m_.names[e.id];
    if (r.kind == SymbolKind::Kpi) return kpi(r.index, g);
    if (r.kind != SymbolKind::Param || r.index >= params_.size()) return {};
    const vm::ParamValue& p = params_[r.index];
    if (!p.valid) return {};
    switch (m_.params[r.index].type.kind) {
      case TypeKind::Int:
        return GValue::num(Decimal::from_int(p.i));
      case TypeKind::Decimal:
        return GValue::num(Decimal::from_units(p.d));
      case TypeKind::Bool:
        return GValue::truth(p.i != 0);
      default:
        return {};
    }
  }

  GValue arithmetic(const ast::Expr& e, ast::BinaryOp op, GValue a, GValue b) {
    if (!a.is_num() || !b.is_num()) return {};
    Decimal out;
    bool ok = true;
    switch (op) {
      case ast::BinaryOp::Add:
        ok = Decimal::add(a.d, b.d, out);
        break;
      case ast::BinaryOp::Sub:
        ok = Decimal::sub(a.d, b.d, out);
        break;
      case ast::BinaryOp::Mul:
        ok = Decimal::mul(a.d, b.d, out);
        break;
      default:
        if (b.d == Decimal()) return {};  // division by zero: none
        ok = Decimal::div(a.d, b.d, out);
        break;
    }
    if (!ok) return overflow(e, "the KPI's value does not fit in a decimal");
    return GValue::num(out);
  }

  static GValue compare(ast::BinaryOp op, const GValue& a, const GValue& b) {
    if (a.kind == GValue::Kind::None || b.kind == GValue::Kind::None || a.kind != b.kind) {
      return {};
    }
    const int c = a.is_num() ? (a.d < b.d ? -1 : a.d > b.d ? 1 : 0) : int(a.b) - int(b.b);
    switch (op) {
      case ast::BinaryOp::Eq:
        return GValue::truth(c == 0);
      case ast::BinaryOp::Ne:
        return GValue::truth(c != 0);
      case ast::BinaryOp::Lt:
        return GValue::truth(c < 0);
      case ast::BinaryOp::Le:
        return GValue::truth(c <= 0);
      case ast::BinaryOp::Gt:
        return GValue::truth(c > 0);
      default:
        return GValue::truth(c >= 0);
    }
  }

  // Kleene logic: false wins for `and`, true wins for `or`, otherwise unknown.
  static GValue logic(bool is_and, const GValue& a, const GValue& b) {
    const bool ka = a.kind == GValue::Kind::Bool;
    const bool kb = b.kind == GValue::Kind::Bool;
    if (is_and) {
      if ((ka && !a.b) || (kb && !b.b)) return GValue::truth(false);
      if (ka && kb) return GValue::truth(true);
    } else {
      if ((ka && a.b) || (kb && b.b)) return GValue::truth(true);
      if (ka && kb) return GValue::truth(false);
    }
    return {};
  }

  GValue binary(const ast::Expr& e, const ast::BinaryExpr& b, std::size_t g) {
    const GValue l = eval(*b.lhs, g);
    if (b.op == ast::BinaryOp::Coalesce) return l.kind != GValue::Kind::None ? l : eval(*b.rhs, g);
    const GValue r = eval(*b.rhs, g);
    switch (b.op) {
      case ast::BinaryOp::Add:
      case ast::BinaryOp::Sub:
      case ast::BinaryOp::Mul:
      case ast::BinaryOp::Div:
        return arithmetic(e, b.op, l, r);
      case ast::BinaryOp::And:
      case ast::BinaryOp::Or:
        return logic(b.op == ast::BinaryOp::And, l, r);
      default:
        return compare(b.op, l, r);
    }
  }

  GValue call(const ast::Expr& e, const ast::CallExpr& c, std::size_t g) {
    const CallInfo& info = m_.calls[e.id];
    if (info.scope == CallScope::Kpi) {
      if (info.builtin == BuiltinId::Total) return eval(*c.args[0], 0);
      std::optional<Decimal> v;
      if (auto err = agg_.value(plan_.aggregate_of_call.at(e.id), g, v)) {
        if (!error_) error_ = err;
        return {};
      }
      return v ? GValue::num(*v) : GValue{};
    }
    std::vector<GValue> args;
    for (const ast::ExprPtr& a : c.args) {
      args.push_back(eval(*a, g));
      if (!args.back().is_num()) return {};
    }
    Decimal out;
    switch (info.builtin) {
      case BuiltinId::Abs:
        return GValue::num(Decimal::abs(args[0].d));
      case BuiltinId::Floor:
        return GValue::num(Decimal::floor(args[0].d));
      case BuiltinId::Ceil:
        return GValue::num(Decimal::ceil(args[0].d));
      case BuiltinId::Round: {
        const auto places = args.size() > 1 ? args[1].d.to_int() : std::optional<std::int64_t>(0);
        if (!places || *places < -30 || *places > Decimal::kScale) return {};
        if (!Decimal::round(args[0].d, static_cast<int>(*places), out)) {
          return overflow(e, "the rounded value does not fit in a decimal");
        }
        return GValue::num(out);
      }
      case BuiltinId::Clamp:
        return GValue::num(std::min(std::max(args[0].d, args[1].d), args[2].d));
      case BuiltinId::Min:
      case BuiltinId::Max: {
        Decimal best = args[0].d;
        for (const GValue& v : args) {
          best = info.builtin == BuiltinId::Min ? std::min(best, v.d) : std::max(best, v.d);
        }
        return GValue::num(best);
      }
      default:
        return {};
    }
  }

  GValue eval(const ast::Expr& e, std::size_t g) {
    if (e.as<ast::LiteralExpr>() != nullptr) return literal(e);
    if (e.as<ast::NameExpr>() != nullptr) return name(e, g);
    if (const auto* u = e.as<ast::UnaryExpr>()) {
      const GValue v = eval(*u->operand, g);
      if (u->op == ast::UnaryOp::Not) {
        return v.kind == GValue::Kind::Bool ? GValue::truth(!v.b) : GValue{};
      }
      Decimal out;
      if (!v.is_num()) return {};
      if (!Decimal::negate(v.d, out)) return overflow(e, "the KPI's value does not fit");
      return GValue::num(out);
    }
    if (const auto* b = e.as<ast::BinaryExpr>()) return binary(e, *b, g);
    if (const auto* c = e.as<ast::CallExpr>()) return call(e, *c, g);
    if (const auto* f = e.as<ast::IfExpr>()) {
      const GValue c = eval(*f->condition, g);
      return eval(c.kind == GValue::Kind::Bool && c.b ? *f->then_value : *f->else_value, g);
    }
    if (const auto* is = e.as<ast::IsExpr>()) {
      const bool missing = eval(*is->value, g).kind == GValue::Kind::None;
      return GValue::truth(is->negated ? !missing : missing);
    }
    if (const auto* bt = e.as<ast::BetweenExpr>()) {
      const GValue v = eval(*bt->value, g);
      const GValue inside = logic(true, compare(ast::BinaryOp::Ge, v, eval(*bt->low, g)),
                                  compare(ast::BinaryOp::Le, v, eval(*bt->high, g)));
      if (inside.kind != GValue::Kind::Bool) return {};
      return GValue::truth(bt->negated ? !inside.b : inside.b);
    }
    if (const auto* in = e.as<ast::InExpr>()) {
      const GValue v = eval(*in->value, g);
      GValue found = GValue::truth(false);
      for (const ast::ExprPtr& item : in->items) {
        found = logic(false, found, compare(ast::BinaryOp::Eq, v, eval(*item, g)));
      }
      if (found.kind != GValue::Kind::Bool) return {};
      return GValue::truth(in->negated ? !found.b : found.b);
    }
    return {};  // members never reach a checked KPI's group level
  }

  const Model& m_;
  const Plan& plan_;
  Aggregator& agg_;
  const std::vector<vm::ParamValue>& params_;
  std::vector<std::vector<std::optional<GValue>>> memo_;
  std::optional<vm::EvalError> error_;
};

// The target that applies to a group: the first naming its tier, else the first for every group.
int applicable_target(const KpiInfo& info, int tier) {
  int general = -1;
  for (std::size_t i = 0; i < info.targets.size(); ++i) {
    const std::vector<int>& tiers = info.targets[i].tiers;
    if (tiers.empty()) {
      if (general < 0) general = static_cast<int>(i);
    } else if (std::find(tiers.begin(), tiers.end(), tier) != tiers.end()) {
      return static_cast<int>(i);
    }
  }
  return general;
}

}  // namespace

std::vector<KpiInfo> describe(const Model& model) {
  std::vector<KpiInfo> out;
  for (const KpiSymbol& k : model.kpis) {
    KpiInfo info;
    info.name = k.name;
    info.label = k.label;
    info.unit = k.unit;
    info.by = k.by ? static_cast<int>(*k.by) : -1;
    if (k.decl->value) info.formula = check::one_line(model.sources->text(k.decl->value->span));
    for (const KpiTargetSymbol& t : k.targets) {
      KpiTargetInfo target;
      target.op = std::string(ast::binary_op_spelling(t.op));
      target.value = t.value;
      target.percent = t.percent;
      for (std::uint32_t tier : t.tiers) target.tiers.push_back(static_cast<int>(tier));
      target.text = target.op + " " + check::one_line(model.sources->text(t.decl->value->span));
      info.targets.push_back(std::move(target));
    }
    out.push_back(std::move(info));
  }
  return out;
}

bool compute(const Model& model, const Plan& plan, const std::vector<KpiInfo>& info,
             const Columns& columns, const RunInputs& run, std::vector<KpiResult>& out,
             Diagnostics& diags) {
  const std::size_t rows = columns.rows();
  const ComplianceColumns compliance =
      compliance_columns(*run.obligations, *run.obligation_info, model.sops.size(), rows);
  struct Grouped {
    Grouping grouping;
    std::unique_ptr<Aggregator> aggregator;
    std::unique_ptr<GroupEval> eval;
  };
  std::map<int, Grouped> groupings;
  std::vector<std::optional<std::optional<Decimal>>> every_customer(plan.aggregates.size());
  auto grouped = [&](int tiering) -> Grouped& {
    auto it = groupings.find(tiering);
    if (it != groupings.end()) return it->second;
    Grouped& g = groupings[tiering];
    const ResultColumn* tiers = nullptr;
    for (const ResultColumn& c : *run.tierings) {
      if (tiering >= 0 && c.name == model.tierings[static_cast<std::size_t>(tiering)].name) {
        tiers = &c;
      }
    }
    g.grouping = make_grouping(model, tiering, tiers, rows);
    g.aggregator =
        std::make_unique<Aggregator>(plan, columns, compliance, g.grouping, every_customer);
    g.eval = std::make_unique<GroupEval>(model, plan, *g.aggregator, *run.params,
                                         g.grouping.tier.size());
    return g;
  };
  out.clear();
  for (std::uint32_t k = 0; k < model.kpis.size(); ++k) {
    KpiResult result;
    result.kpi = k;
    Grouped& g = grouped(info[k].by);
    for (std::size_t group = 0; group < g.grouping.tier.size(); ++group) {
      KpiGroupValue v;
      v.tier = g.grouping.tier[group];
      v.customers = g.grouping.size(group);
      const GValue value = g.eval->kpi(k, group);
      if (g.eval->error()) {
        const vm::EvalError& e = *g.eval->error();
        diags.error(e.code, e.span, "KPI `" + model.kpis[k].name + "`: " + e.detail)
            .note("computed for the group " +
                  (v.tier >= 0
                       ? "`" +
                             model.tierings[static_cast<std::size_t>(info[k].by)]
                                 .tiers[static_cast<std::size_t>(v.tier)]
                                 .name +
                             "`"
                       : std::string(v.tier == kNoTier ? "without a tier" : "of every customer")));
        return false;
      }
      if (value.is_num()) v.value = value.d;
      v.target = applicable_target(info[k], v.tier);
      if (v.target >= 0) {
        const KpiTargetInfo& t = info[k].targets[static_cast<std::size_t>(v.target)];
        v.status = !v.value                    ? TargetStatus::NoValue
                   : meets_target(*v.value, t) ? TargetStatus::Met
                                               : TargetStatus::Missed;
      }
      result.groups.push_back(v);
    }
    out.push_back(std::move(result));
  }
  return true;
}

}  // namespace strata::kpi
