// load_inline: in-memory rows through the same TableLoader checks as data files.
//
// Each table is presented to the loader as a RowSource whose columns are the schema's fields
// (and, for events, the join column), like JSON Lines: a cell that is absent is a missing value.
// A problem the loader finds names a field; it is reported at that cell's location, or at the
// row's when the cell is absent.
#include <algorithm>

#include "io/events_order.hpp"
#include "io/table_loader.hpp"
#include "strata/inline_data.hpp"

namespace strata {

namespace {

class InlineSource final : public io::RowSource {
 public:
  InlineSource(std::vector<std::string> names, const std::vector<InlineRow>& rows)
      : names_(std::move(names)), rows_(rows) {}

  const std::vector<std::string>& column_names() const override { return names_; }
  bool has_header() const override { return false; }
  std::uint32_t display_column(const io::RawRow&, std::size_t index) const override {
    return static_cast<std::uint32_t>(index + 1);
  }

  // Cells that name no column are reported by the caller before loading; here they are skipped.
  io::RowStatus next(io::RawRow& row, std::string&) override {
    if (next_ >= rows_.size()) return io::RowStatus::End;
    const InlineRow& in = rows_[next_++];
    row.line = in.where.line;
    row.raw = {};
    row.fields.assign(names_.size(), std::string_view());
    row.structured.clear();
    row.key_position.clear();
    for (const InlineCell& cell : in.cells) {
      const auto it = std::find(names_.begin(), names_.end(), cell.field);
      if (it != names_.end()) row.fields[static_cast<std::size_t>(it - names_.begin())] = cell.text;
    }
    return io::RowStatus::Row;
  }

  const InlineRow& current() const { return rows_[next_ - 1]; }

 private:
  std::vector<std::string> names_;
  const std::vector<InlineRow>& rows_;
  std::size_t next_ = 0;
};

std::vector<std::string> column_names(const TableSchema& table, const EventsSchema* events) {
  std::vector<std::string> names;
  for (const FieldSchema& f : table.fields) names.push_back(f.name);
  if (events && std::find(names.begin(), names.end(), events->by) == names.end()) {
    names.push_back(events->by);
  }
  return names;
}

DataLocation location_of(const InlineRow& row, const std::string& field) {
  for (const InlineCell& cell : row.cells) {
    if (cell.field == field) return cell.where;
  }
  DataLocation where = row.where;
  where.field = field;
  return where;
}

// Cells must name a column of their table, once.
bool check_cells(const std::vector<InlineRow>& rows, const std::vector<std::string>& names,
                 const std::string& table, Diagnostics& diags) {
  bool ok = true;
  for (const InlineRow& row : rows) {
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const InlineCell& cell = row.cells[c];
      if (std::find(names.begin(), names.end(), cell.field) == names.end()) {
        auto b = diags.data_error(DiagCode::UnknownField, cell.where,
                                  "`" + table + "` has no field `" + cell.field + "`");
        if (auto near = closest_name(cell.field, names)) b.help("did you mean `" + *near + "`?");
        ok = false;
        continue;
      }
      for (std::size_t d = 0; d < c; ++d) {
        if (row.cells[d].field != cell.field) continue;
        diags
            .data_error(DiagCode::MalformedRow, cell.where,
                        "the field `" + cell.field + "` is given twice in one row")
            .help("keep one value per field");
        ok = false;
      }
    }
  }
  return ok;
}

void report(Diagnostics& diags, const InlineRow& row, const io::BadRow& bad) {
  DataLocation where = bad.field.empty() ? row.where : location_of(row, bad.field);
  if (where.field.empty()) where.field = bad.field;
  auto b = diags.data_error(bad.code, where, bad.reason);
  if (bad.help) b.help(*bad.help);
  if (bad.note) b.note(*bad.note);
}

}  // namespace

std::optional<Dataset> load_inline(std::shared_ptr<const Schema> schema, const InlineData& data,
                                   Diagnostics& diags) {
  Dataset ds;
  ds.schema = schema;
  ds.strings = std::make_shared<StringPool>();
  for (const FieldSchema& f : schema->record.fields) {
    ds.records.columns.push_back(Column::make(f.kind));
  }
  for (const EventsSchema& e : schema->events) {
    EventsTable table;
    for (const FieldSchema& f : e.fields) table.table.columns.push_back(Column::make(f.kind));
    ds.events.push_back(std::move(table));
  }
  if (data.events.size() > schema->events.size()) {
    diags.data_error(DiagCode::UsageError, DataLocation{}, "more events tables than declared")
        .emit();
    return std::nullopt;
  }

  bool ok =
      check_cells(data.records, column_names(schema->record, nullptr), schema->record.name, diags);
  for (std::size_t i = 0; i < data.events.size(); ++i) {
    const EventsSchema& es = schema->events[i];
    ok = check_cells(data.events[i], column_names(es, &es), es.name, diags) && ok;
  }
  if (!ok) return std::nullopt;

  const FieldSchema& key_field = schema->record.fields[schema->record.key_field];
  io::KeyIndex keys(key_field.kind);
  {
    io::TableLoader loader(io::TableTarget{&schema->record, &ds.records, nullptr, nullptr},
                           schema->record, *ds.strings, keys);
    InlineSource source(column_names(schema->record, nullptr), data.records);
    (void)loader.bind(source, false);
    io::RawRow row;
    std::string reason;
    while (source.next(row, reason) == io::RowStatus::Row) {
      if (auto bad = loader.add(row, source)) {
        report(diags, source.current(), *bad);
        loader.skipped(row);
        ok = false;
      }
    }
  }
  const bool records_ok = ok;
  for (std::size_t i = 0; i < data.events.size(); ++i) {
    const EventsSchema& es = schema->events[i];
    io::TableLoader loader(io::TableTarget{&es, &ds.events[i].table, &ds.events[i].record_of, &es},
                           schema->record, *ds.strings, keys);
    InlineSource source(column_names(es, &es), data.events[i]);
    (void)loader.bind(source, false);
    io::RawRow row;
    std::string reason;
    while (source.next(row, reason) == io::RowStatus::Row) {
      if (auto bad = loader.add(row, source)) {
        ok = false;
        // The events of a record already reported as bad add nothing but noise.
        if (!records_ok && bad->code == DiagCode::OrphanEvent) continue;
        report(diags, source.current(), *bad);
      }
    }
  }
  if (!ok) return std::nullopt;

  for (Column& column : ds.records.columns) column.validity.resize(ds.records.rows);
  for (std::size_t i = 0; i < ds.events.size(); ++i) {
    EventsTable& e = ds.events[i];
    for (Column& column : e.table.columns) column.validity.resize(e.table.rows);
    io::order_events(e, schema->events[i], ds.records.rows);
  }
  return ds;
}

}  // namespace strata
