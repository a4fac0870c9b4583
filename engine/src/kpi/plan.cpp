#include "kpi/plan.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "plan/phases.hpp"

namespace strata::kpi {

namespace {

class Planner {
 public:
  explicit Planner(const Model& model) : m_(model) {}

  // Finds the aggregates at the group level of `e`; an aggregate's argument is not entered.
  void walk(const ast::Expr& e, std::vector<std::uint32_t>& reads,
            std::vector<std::uint32_t>& kpis) {
    if (e.as<ast::CallExpr>() != nullptr && m_.calls[e.id].scope == CallScope::Kpi) {
      const CallInfo& info = m_.calls[e.id];
      if (info.builtin != BuiltinId::Total) {
        reads.push_back(aggregate(e));
        return;
      }
    }
    if (e.as<ast::NameExpr>() != nullptr && m_.names[e.id].kind == SymbolKind::Kpi) {
      kpis.push_back(m_.names[e.id].index);
      return;
    }
    ast::for_each_child(e, [&](const ast::Expr& child) { walk(child, reads, kpis); });
  }

  std::uint32_t aggregate(const ast::Expr& e) {
    const auto& c = *e.as<ast::CallExpr>();
    Aggregate a;
    a.call = &e;
    a.builtin = m_.calls[e.id].builtin;
    if (a.builtin == BuiltinId::Compliance) {
      if (!c.args.empty()) a.sop = m_.names[c.args[0]->id].index;
    } else {
      Decimal fraction;
      std::int64_t buckets = 0;
      a.kind = plan::stat_kind(m_, e, fraction, buckets);
      a.fraction = fraction.units();
      if (!c.args.empty()) a.input = input(*c.args[0]);
    }
    // The same aggregate of the same input, wherever it is written, is computed once.
    const auto key = std::make_tuple(static_cast<int>(a.builtin), static_cast<int>(a.kind),
                                     a.input ? static_cast<std::int64_t>(*a.input) : -1,
                                     static_cast<std::int64_t>(a.fraction),
                                     a.sop ? static_cast<std::int64_t>(*a.sop) : -1);
    auto [it, added] =
        aggregates_.emplace(key, static_cast<std::uint32_t>(plan_.aggregates.size()));
    if (added) plan_.aggregates.push_back(a);
    plan_.aggregate_of_call[e.id] = it->second;
    return it->second;
  }

  std::uint32_t input(const ast::Expr& e) {
    const std::string key = plan::canonical(m_, e);
    if (auto it = inputs_.find(key); it != inputs_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(plan_.inputs.size());
    plan_.inputs.push_back({&e, m_.types[e.id]});
    inputs_.emplace(key, id);
    return id;
  }

  Plan run() {
    const std::size_t n = m_.kpis.size();
    std::vector<std::vector<std::uint32_t>> own(n), uses(n);
    for (std::size_t k = 0; k < n; ++k) {
      if (m_.kpis[k].decl->value) walk(*m_.kpis[k].decl->value, own[k], uses[k]);
    }
    // kpi_order puts every KPI after the ones it uses.
    plan_.reads.assign(n, {});
    for (std::uint32_t k : m_.kpi_order) {
      std::vector<std::uint32_t>& reads = plan_.reads[k];
      reads = own[k];
      for (std::uint32_t used : uses[k]) {
        reads.insert(reads.end(), plan_.reads[used].begin(), plan_.reads[used].end());
      }
      std::sort(reads.begin(), reads.end());
      reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
    }
    return std::move(plan_);
  }

 private:
  const Model& m_;
  Plan plan_;
  std::map<std::string, std::uint32_t> inputs_;
  std::map<std::tuple<int, int, std::int64_t, std::int64_t, std::int64_t>, std::uint32_t>
      aggregates_;
};

}  // namespace

Plan make_plan(const Model& model) {
  return Planner(model).run();
}

std::size_t add_to_request(const Plan& plan, CompileRequest& request) {
  const std::size_t first = request.extras.size();
  for (const Input& in : plan.inputs) request.extras.push_back(in.expr);
  return first;
}

}  // namespace strata::kpi
