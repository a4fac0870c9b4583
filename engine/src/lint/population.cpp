#include "lint/population.hpp"

#include "io/events_order.hpp"
#include "io/value_parse.hpp"
#include "lint/walk.hpp"
#include "plan/phases.hpp"
#include "population/snapshot.hpp"

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

// One value of a field into the next row of its column; false when it does not parse.
bool append_text(Column& column, const FieldSchema& field, std::string_view text,
                 StringPool& strings) {
  io::Scalar value;
  bool missing = false;
  io::ValueProblem problem;
  if (!io::parse_field_value(field, text, value, missing, &problem)) return false;
  if (missing) {
    io::append_missing(column);
  } else {
    io::append_value(column, value, strings);
  }
  return true;
}

// The example as a dataset of one customer, as loading its rows from files would give it.
std::optional<Dataset> dataset_of_one(const RuleSet& rules, const Witness& w) {
  Dataset d;
  d.schema = std::make_shared<const Schema>(rules.schema());
  d.strings = std::make_shared<StringPool>();
  for (const FieldSchema& f : d.schema->record.fields) {
    std::string_view text;
    for (const auto& [name, value] : w.fields) {
      if (name == f.name) text = value;
    }
    d.records.columns.push_back(Column::make(f.kind));
    if (!append_text(d.records.columns.back(), f, text, *d.strings)) return std::nullopt;
  }
  d.records.rows = 1;
  for (const EventsSchema& es : d.schema->events) {
    EventsTable t;
    for (const FieldSchema& f : es.fields) t.table.columns.push_back(Column::make(f.kind));
    for (const WitnessEvent& e : w.events) {
      if (e.events != es.name) continue;
      for (std::size_t f = 0; f < es.fields.size(); ++f) {
        std::string_view text;
        for (const auto& [name, value] : e.fields) {
          if (name == es.fields[f].name) text = value;
        }
        if (!append_text(t.table.columns[f], es.fields[f], text, *d.strings)) return std::nullopt;
      }
      ++t.table.rows;
      t.record_of.push_back(0);
    }
    t.offsets = {0, t.table.rows};
    io::order_events(t, es, 1);
    d.events.push_back(std::move(t));
  }
  return d;
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
