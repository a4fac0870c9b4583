// Phase planning: levels of definitions, distinct statistics and their arguments.
#include "plan/phases.hpp"

#include <algorithm>
#include <functional>

namespace strata::plan {

vm::StatKind stat_kind(const Model& model, const ast::Expr& call, Decimal& fraction,
                       std::int64_t& buckets) {
  const auto& c = std::get<ast::CallExpr>(call.node);
  auto constant = [&](std::size_t i) -> const ConstValue* {
    if (i >= c.args.size()) return nullptr;
    const auto& k = model.constants[c.args[i]->id];
    return k ? &*k : nullptr;
  };
  fraction = Decimal();
  buckets = 0;
  using K = vm::StatKind;
  switch (model.calls[call.id].builtin) {
    case BuiltinId::Count:
      return K::Count;
    case BuiltinId::Sum:
      return K::Sum;
    case BuiltinId::Avg:
      return K::Avg;
    case BuiltinId::Min:
      return K::Min;
    case BuiltinId::Max:
      return K::Max;
    case BuiltinId::Stddev:
      return K::Stddev;
    case BuiltinId::Median:
      fraction = Decimal::from_units(Decimal::kOne / 2);
      return K::Percentile;
    case BuiltinId::Percentile:
      if (const ConstValue* p = constant(1)) {
        fraction = p->kind == TypeKind::Int ? Decimal::from_int(p->i) : p->d;
      }
      return K::Percentile;
    case BuiltinId::Ntile:
      if (const ConstValue* n = constant(1)) buckets = n->i;
      return K::Ntile;
    case BuiltinId::Quintile:
      buckets = 5;
      return K::Ntile;
    case BuiltinId::Rank:
      return K::Rank;
    case BuiltinId::PercentRank:
      return K::PercentRank;
    case BuiltinId::CumulativeShare:
      return K::CumulativeShare;
    default:
      return K::Count;
  }
}

namespace {

struct Planner {
  const Model& model;
  Phases out;
  std::unordered_map<std::string, std::uint32_t> input_of_key;
  std::unordered_map<std::string, std::uint32_t> stat_of_key;
  // Levels of lets and tierings: -1 not yet, -2 being computed (a cycle, already reported).
  std::vector<int> let_level, tiering_level;

  explicit Planner(const Model& m)
      : model(m), let_level(m.lets.size(), -1), tiering_level(m.tierings.size(), -1) {}

  std::uint32_t node_level(bool is_let, std::uint32_t index) {
    int& level = is_let ? let_level[index] : tiering_level[index];
    if (level >= 0) return static_cast<std::uint32_t>(level);
    if (level == -2) return 0;
    level = -2;
    std::uint32_t result = 0;
    if (is_let) {
      if (model.lets[index].decl->value) result = expr_level(*model.lets[index].decl->value);
    } else {
      for (const ast::Expr* e : model.tierings[index].expressions()) {
        result = std::max(result, expr_level(*e));
      }
    }
    (is_let ? let_level[index] : tiering_level[index]) = static_cast<int>(result);
    return result;
  }

  std::uint32_t expr_level(const ast::Expr& e) {
    const bool named = e.as<ast::NameExpr>() != nullptr || e.as<ast::MemberExpr>() != nullptr;
    if (named) {
      const Resolution& r = model.names[e.id];
      if (r.kind == SymbolKind::Let) return node_level(true, r.index);
      if (r.kind == SymbolKind::Tiering) return node_level(false, r.index);
      if (e.as<ast::NameExpr>()) return 0;
    }
    if (model.is_population_call(e)) return out.stats[statistic(e)].stage;
    std::uint32_t level = 0;
    ast::for_each_child(
        e, [&](const ast::Expr& child) { level = std::max(level, expr_level(child)); });
    return level;
  }

  // The statistic a population call computes, registered on first sight.
  std::uint32_t statistic(const ast::Expr& call) {
    if (auto it = out.stat_of_call.find(call.id); it != out.stat_of_call.end()) return it->second;
    Stat s;
    s.call = &call;
    s.kind = stat_kind(model, call, s.fraction, s.buckets);
    const auto& c = std::get<ast::CallExpr>(call.node);
    std::string input_key = "customers";
    if (!c.args.empty()) {
      const ast::Expr& arg = *c.args[0];
      input_key = canonical(model, arg);
      const std::uint32_t phase = expr_level(arg);
      auto [it, inserted] =
          input_of_key.emplace(input_key, static_cast<std::uint32_t>(out.inputs.size()));
      if (inserted) out.inputs.push_back(Input{&arg, input_key, phase});
      s.input = it->second;
      s.stage = phase + 1;
    }
    s.key = std::to_string(static_cast<int>(s.kind)) + "|" + s.fraction.to_string() + "|" +
            std::to_string(s.buckets) + "|" + input_key;
    auto [it, inserted] = stat_of_key.emplace(s.key, static_cast<std::uint32_t>(out.stats.size()));
    if (inserted) out.stats.push_back(std::move(s));
    out.stat_of_call[call.id] = it->second;
    return it->second;
  }

  // Records `owner` as a user of every statistic written in e.
  void note_users(const ast::Expr& e, const std::string& owner) {
    if (model.is_population_call(e)) {
      auto& users = out.stats[out.stat_of_call.at(e.id)].used_by;
      if (std::find(users.begin(), users.end(), owner) == users.end()) users.push_back(owner);
    }
    ast::for_each_child(e, [&](const ast::Expr& child) { note_users(child, owner); });
  }

  // Stages in order, and within a stage the order statistics are first written in, so listings
  // read like the rule files; indices are remapped accordingly.
  void sort_statistics() {
    std::vector<std::uint32_t> file_rank(model.sources->size(), 0);
    for (std::uint32_t i = 0; i < model.modules.size(); ++i) {
      if (model.modules[i].file < file_rank.size()) file_rank[model.modules[i].file] = i;
    }
    auto position = [&](const Stat& s) {
      return std::make_tuple(s.stage, file_rank[s.call->span.file], s.call->span.begin);
    };
    std::vector<std::uint32_t> order(out.stats.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return position(out.stats[a]) < position(out.stats[b]);
    });
    std::vector<std::uint32_t> new_index(order.size());
    std::vector<Stat> sorted;
    for (std::uint32_t i = 0; i < order.size(); ++i) {
      new_index[order[i]] = i;
      sorted.push_back(std::move(out.stats[order[i]]));
    }
    out.stats = std::move(sorted);
    for (auto& [call, index] : out.stat_of_call) index = new_index[index];
  }
};

}  // namespace

Phases plan_phases(const Model& model) {
  Planner p(model);
  std::uint32_t last = 0;
  for (std::uint32_t l : model.let_order) last = std::max(last, p.node_level(true, l));
  for (std::uint32_t t : model.tiering_order) last = std::max(last, p.node_level(false, t));
  for (const Stat& s : p.out.stats) last = std::max(last, s.stage);
  p.out.count = last + 1;
  // Users in declaration order: files in load order, definitions in file order.
  for (const ast::Module& module : model.modules) {
    for (const ast::Decl& d : module.decls) {
      if (const auto* let = std::get_if<ast::LetDecl>(&d)) {
        if (let->value) p.note_users(*let->value, let->name.text);
      } else if (const auto* t = std::get_if<ast::TieringDecl>(&d)) {
        if (const auto id = model.find_tiering(t->name.text)) {
          for (const ast::Expr* e : model.tierings[*id].expressions()) {
            p.note_users(*e, t->name.text);
          }
        }
      }
    }
  }
  p.sort_statistics();
  return std::move(p.out);
}

}  // namespace strata::plan
