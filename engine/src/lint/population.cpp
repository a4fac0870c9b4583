#include "lint/population.hpp"

#include <functional>

#include "lint/walk.hpp"
#include "plan/phases.hpp"
#include "population/snapshot.hpp"
#include "strata/inline_data.hpp"

namespace strata::linter {

Statistics::Statistics(const Model& model) : model_(model) {
  const plan::Phases phases = plan::plan_phases(model);
  for (const plan::Stat& st : phases.stats) {
    // As the compiler plans it (compile_plan.cpp): inputs are the first scratch columns, in
    // order, and a snapshot's distributions are indexed by them.
    vm::Statistic s;
    s.kind = st.kind;
    s.input = st.input;
    if (st.input) s.input_kind = model.types[phases.inputs[*st.input].expr->id].kind;
    s.fraction = st.fraction.units();
    s.buckets = st.buckets;
    s.stage = st.stage;
    s.type = model.types[st.call->id];
    if (vm::stat_is_position(s.kind)) s.column = static_cast<std::uint32_t>(stats_.size());
    s.text = std::string(model.sources->text(st.call->span));
    s.key = st.key;
    s.span = st.call->span;
    stats_.push_back(std::move(s));
    calls_.push_back(st.call);
  }
  for (const auto& [call, k] : phases.stat_of_call) of_call_.emplace(call, k);
  const bool text_key =
      model.record && model.record->fields[model.record->key_field].type.kind == TypeKind::String;
  example_key_ = text_key ? key_of(Val::text("example")) : key_of(Val::of(TypeKind::Int, 0));
}

std::optional<std::uint32_t> Statistics::of(const ast::Expr& call) const {
  if (auto it = of_call_.find(call.id); it != of_call_.end()) return it->second;
  return std::nullopt;
}

void Statistics::bind(std::shared_ptr<const Population> population) {
  population_ = std::move(population);
  snapshot_ = population_ ? api::snapshot_of(*population_) : nullptr;
  if (snapshot_ && snapshot_->values.size() != stats_.size()) snapshot_ = nullptr;
}

namespace {

Val from_param(const vm::ParamValue& v, TypeKind kind) {
  if (!v.valid) return Val::none();
  return Val::of(kind, kind == TypeKind::Decimal ? v.d : static_cast<Num>(v.i));
}

}  // namespace

Val Statistics::value(std::uint32_t k, TypeKind kind) const {
  if (!snapshot_) return Val::unknown();
  return from_param(snapshot_->values[k], kind);
}

Val Statistics::position(std::uint32_t k, const Val& argument, const population::Key& key,
                         TypeKind kind) const {
  if (!snapshot_) return Val::unknown();
  const vm::Statistic& s = stats_[k];
  const Val arg = convert(argument, s.input_kind);
  return from_param(population::place(*snapshot_, s, arg.present(), arg.n, key), kind);
}

population::Key Statistics::key_of(const Val& v) {
  population::Key key;
  key.present = v.present();
  key.text = v.kind == TypeKind::String;
  key.s = v.s;
  key.n = v.n;
  return key;
}

std::vector<std::uint32_t> statistics_read(const Model& model, const Statistics& stats,
                                           const std::vector<const ast::Expr*>& exprs) {
  std::vector<bool> seen(stats.size(), false), lets(model.lets.size(), false),
      tierings(model.tierings.size(), false);
  std::function<void(const ast::Expr&)> visit = [&](const ast::Expr& e) {
    walk(e, [&](const ast::Expr& x) {
      if (auto k = model.is_population_call(x) ? stats.of(x) : std::nullopt) seen[*k] = true;
      const Resolution& r = model.names[x.id];
      if (r.kind == SymbolKind::Let && !lets[r.index]) {
        lets[r.index] = true;
        if (model.lets[r.index].decl && model.lets[r.index].decl->value) {
          visit(*model.lets[r.index].decl->value);
        }
      }
      if ((r.kind == SymbolKind::Tiering || r.kind == SymbolKind::Tier) && !tierings[r.index]) {
        tierings[r.index] = true;
        for (const ast::Expr* t : model.tierings[r.index].expressions()) visit(*t);
      }
      return true;
    });
  };
  for (const ast::Expr* e : exprs) visit(*e);
  std::vector<std::uint32_t> out;
  for (std::uint32_t k = 0; k < seen.size(); ++k) {
    if (seen[k]) out.push_back(k);
  }
  return out;
}

namespace {

// The example as a dataset of one customer, through the same checks as a data file.
std::optional<Dataset> dataset_of_one(const RuleSet& rules, const Witness& w) {
  InlineData in;
  InlineRow record;
  for (const auto& [name, value] : w.fields) record.cells.push_back({name, value, {}});
  in.records.push_back(std::move(record));
  const Schema& schema = rules.schema();
  const std::string key = w.fields.size() > schema.record.key_field
                              ? w.fields[schema.record.key_field].second
                              : std::string();
  in.events.resize(schema.events.size());
  for (std::size_t e = 0; e < schema.events.size(); ++e) {
    for (const WitnessEvent& event : w.events) {
      if (event.events != schema.events[e].name) continue;
      InlineRow row;
      row.cells.push_back({schema.events[e].by, key, {}});
      for (const auto& [name, value] : event.fields) row.cells.push_back({name, value, {}});
      in.events[e].push_back(std::move(row));
    }
  }
  Diagnostics ignored;
  return load_inline(std::make_shared<const Schema>(schema), in, ignored);
}

}  // namespace

RunResult run_of_one(const RuleSet& rules, const Witness& w, const RunOptions& run) {
  auto data = dataset_of_one(rules, w);
  if (!data) return RunResult{};
  RunOptions options = run;
  options.threads = 1;
  options.columns.clear();
  options.progress = nullptr;
  return rules.run(*data, options);
}

}  // namespace strata::linter
