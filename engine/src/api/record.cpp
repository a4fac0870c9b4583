// Single-record evaluation: a one-row dataset owned by the Record, evaluated with contexts that
// the Record keeps (one per phase), so repeated evaluations allocate nothing. Statistics over all
// customers come from the population the record was created with (api/single_row.hpp).
#include "api/outputs.hpp"
#include "api/params.hpp"
#include "api/single_row.hpp"
#include "io/events_order.hpp"
#include "io/value_parse.hpp"
#include "sop/evaluate.hpp"
#include "strata/strata.hpp"
#include "vm/context.hpp"

namespace strata {

namespace {

void clear_column(Column& c) {
  std::visit([](auto& v) { v.clear(); }, c.data);
  c.validity = Validity{};
}

// Writes `value` (or a missing value) into row 0 of a one-row column.
void store_first(Column& c, const io::Scalar& value, bool missing, StringPool& pool) {
  std::visit(
      [&](auto& v) {
        using T = typename std::decay_t<decltype(v)>::value_type;
        if constexpr (std::is_same_v<T, Decimal::Rep>) {
          v[0] = value.dec.units();
        } else if constexpr (std::is_same_v<T, std::int32_t>) {
          v[0] = c.kind == ValueKind::String ? pool.intern(value.text)
                                             : static_cast<std::int32_t>(value.i64);
        } else {
          v[0] = static_cast<T>(value.i64);
        }
      },
      c.data);
  if (missing) {
    c.validity.set_missing(0, 1);
  } else {
    c.validity = Validity{};
  }
}

std::optional<std::int64_t> event_time(const EventsTable& e, const EventsSchema& schema,
                                       std::size_t row) {
  if (!schema.time_field) return std::nullopt;
  const Column& c = e.table.columns[*schema.time_field];
  if (!c.validity.valid(row)) return std::nullopt;
  return std::get<std::vector<std::int64_t>>(c.data)[row];
}

}  // namespace

Record::Record(Record&&) noexcept = default;
Record& Record::operator=(Record&&) noexcept = default;
Record::~Record() = default;

std::vector<PopulationValue> Record::population_values() const {
  return phases_->population_values();
}

std::optional<Record> RuleSet::new_record(const RunOptions& options, Diagnostics& diags,
                                          std::shared_ptr<const Population> population) const {
  diags.set_sources(model_->sources);
  auto params = api::resolve_params(*model_, options, diags);
  if (!params) return std::nullopt;
  if (!check_population(population.get(), diags)) return std::nullopt;
  Record r;
  r.rules_ = this;
  r.data_ = std::make_unique<Dataset>();
  Dataset& d = *r.data_;
  d.schema = schema_;
  d.strings = std::make_shared<StringPool>();
  // Literal strings and string parameters are interned before the context resolves their ids,
  // so a value set later with the same text gets the same id and compares equal.
  for (const vm::Program& phase : plan_->phases) {
    for (const vm::ConstString& s : phase.main.const_s) d.strings->intern(s.text);
    for (const vm::EventFrame& ef : phase.event_frames) {
      for (const vm::ConstString& s : ef.frame.const_s) d.strings->intern(s.text);
    }
  }
  for (const vm::ParamValue& p : *params) {
    if (p.text) d.strings->intern(*p.text);
  }
  for (const FieldSchema& f : schema_->record.fields) {
    Column c = Column::make(f.kind);
    io::append_missing(c);
    d.records.columns.push_back(std::move(c));
  }
  d.records.rows = 1;
  for (const EventsSchema& es : schema_->events) {
    EventsTable e;
    for (const FieldSchema& f : es.fields) e.table.columns.push_back(Column::make(f.kind));
    e.offsets = {0, 0};
    d.events.push_back(std::move(e));
  }
  r.population_ = std::move(population);
  const population::Snapshot* snapshot =
      plan_->statistics.empty() ? nullptr : r.population_->snapshot_.get();
  r.phases_ = std::make_unique<api::SingleRow>(*plan_, d, 0, *params, snapshot);
  // A single record has no previous state: `t.since` is the run's date, `t.changed` false.
  const std::int64_t run_date = sop::run_clock(*model_, *params).run_date;
  r.phases_->each_context([&](vm::Context& ctx) { ctx.set_run_date(run_date); });
  return r;
}

bool Record::set(std::string_view field, std::string_view text, std::string* error) {
  const RecordSchema& schema = data_->schema->record;
  const auto index = schema.field_index(field);
  if (!index) {
    if (error) *error = "the record has no field `" + std::string(field) + "`";
    return false;
  }
  io::Scalar value;
  bool missing = false;
  io::ValueProblem problem;
  if (!io::parse_field_value(schema.fields[*index], text, value, missing, &problem)) {
    if (error) *error = problem.reason;
    return false;
  }
  store_first(data_->records.columns[*index], value, missing, *data_->strings);
  return true;
}

void Record::set_int(std::size_t field, std::int64_t value) {
  io::Scalar s;
  s.i64 = value;
  store_first(data_->records.columns[field], s, false, *data_->strings);
}

void Record::set_decimal(std::size_t field, Decimal value) {
  io::Scalar s;
  s.dec = value;
  store_first(data_->records.columns[field], s, false, *data_->strings);
}

void Record::set_missing(std::size_t field) {
  store_first(data_->records.columns[field], io::Scalar{}, true, *data_->strings);
}

bool Record::add_event(std::string_view events,
                       const std::vector<std::pair<std::string_view, std::string_view>>& fields,
                       std::string* error) {
  const auto which = data_->schema->events_index(events);
  if (!which) {
    if (error) *error = "the rule set declares no events `" + std::string(events) + "`";
    return false;
  }
  const EventsSchema& schema = data_->schema->events[*which];
  EventsTable& table = data_->events[*which];
  // Parse every field first so a bad event leaves the record unchanged.
  std::vector<std::pair<io::Scalar, bool>> values(schema.fields.size());
  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    std::string_view text;
    for (const auto& [name, value] : fields) {
      if (name == schema.fields[f].name) text = value;
    }
    io::ValueProblem problem;
    if (!io::parse_field_value(schema.fields[f], text, values[f].first, values[f].second,
                               &problem)) {
      if (error) *error = "`" + schema.fields[f].name + "`: " + problem.reason;
      return false;
    }
  }
  const std::size_t row = table.table.rows;
  const auto previous_time = row > 0 ? event_time(table, schema, row - 1) : std::nullopt;
  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    Column& c = table.table.columns[f];
    if (values[f].second) {
      io::append_missing(c);
    } else {
      io::append_value(c, values[f].first, *data_->strings);
    }
  }
  table.table.rows = row + 1;
  table.record_of.push_back(0);
  table.offsets = {0, row + 1};
  // Aggregates such as first() and last() rely on time order; restore it when needed.
  const auto time = event_time(table, schema, row);
  if (row > 0 && time && (!previous_time || *time < *previous_time)) {
    io::order_events(table, schema, 1);
  }
  return true;
}

void Record::clear_events() {
  for (EventsTable& e : data_->events) {
    for (Column& c : e.table.columns) clear_column(c);
    e.table.rows = 0;
    e.record_of.clear();
    e.offsets = {0, 0};
  }
}

bool RuleSet::evaluate(Record& record, Assignment& out, Diagnostics* diags) const {
  api::SingleRow& phases = *record.phases_;
  if (!phases.run()) {
    if (diags) {
      diags->set_sources(model_->sources);
      api::report_eval_error(*model_, *record.data_, *phases.error(), *diags);
    }
    return false;
  }
  out.tiers.assign(tierings_.size(), -1);
  vm::FrameState& st = phases.last().main();
  for (const vm::Output& o : plan_->phases.back().outputs) {
    if (o.kind != vm::Output::Kind::Tiering) continue;
    if (st.iok(o.reg)[0]) out.tiers[o.index] = static_cast<int>(st.i(o.reg)[0]);
  }
  return true;
}

}  // namespace strata
