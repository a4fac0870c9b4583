// load_dataset: the record file and the events files into one column-batch Dataset.
//
// The load runs in phases so that problems that make the data unusable are all reported together
// and before any time is spent on rows: every file is opened first (E0308), then every header is
// checked against the schema (E0301), then rows are read — the record file first, since events
// are joined to records by key — and finally events are grouped and ordered. Bad rows follow the
// policy (LANGUAGE.md §10): stop at the first, or skip, count and quarantine every one.
#include <algorithm>
#include <cctype>
#include <memory>

#include "io/csv_reader.hpp"
#include "io/events_order.hpp"
#include "io/jsonl_reader.hpp"
#include "io/mapped_file.hpp"
#include "io/memory_hint.hpp"
#include "io/quarantine.hpp"
#include "io/table_loader.hpp"
#include "strata/dataset.hpp"

namespace strata {

namespace {

bool is_json_lines(const std::string& path) {
  std::size_t dot = path.rfind('.');
  if (dot == std::string::npos) return false;
  std::string ext = path.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == "jsonl" || ext == "ndjson";
}

struct InputFile {
  std::string path;
  std::size_t table = 0;  // 0: records, i + 1: events i
  io::MappedFile file;
  std::unique_ptr<io::RowSource> source;
};

Table make_table(const TableSchema& schema) {
  Table table;
  for (const FieldSchema& field : schema.fields) table.columns.push_back(Column::make(field.kind));
  return table;
}

// Rows expected in a file, from the line lengths of its first 64 KiB, so that columns are
// allocated once instead of growing by doubling through a large file.
std::size_t estimate_rows(std::string_view text) {
  std::string_view sample = text.substr(0, 64 * 1024);
  std::size_t lines = 0;
  for (char c : sample) lines += c == '\n';
  if (lines == 0) return 0;
  return text.size() / (sample.size() / lines) + 16;
}

void report(Diagnostics& diags, const std::string& file, std::uint64_t line,
            const io::BadRow& bad) {
  auto builder =
      diags.data_error(bad.code, DataLocation{file, line, bad.column, bad.field}, bad.reason);
  if (bad.help) builder.help(*bad.help);
  if (bad.note) builder.note(*bad.note);
}

}  // namespace

std::optional<Dataset> load_dataset(std::shared_ptr<const Schema> schema,
                                    const std::string& records_path,
                                    const std::vector<EventsInput>& events,
                                    const LoadOptions& options, Diagnostics& diags) {
  Dataset ds;
  ds.schema = schema;
  ds.strings = std::make_shared<StringPool>();
  ds.records = make_table(schema->record);
  for (const EventsSchema& e : schema->events)
    ds.events.push_back(EventsTable{make_table(e), {}, {}});

  const FieldSchema& key_field = schema->record.fields[schema->record.key_field];
  io::KeyIndex keys(key_field.kind);
  std::vector<std::unique_ptr<io::TableLoader>> loaders;
  loaders.push_back(std::make_unique<io::TableLoader>(
      io::TableTarget{&schema->record, &ds.records, nullptr, nullptr}, schema->record, *ds.strings,
      keys));
  for (std::size_t i = 0; i < schema->events.size(); ++i) {
    loaders.push_back(std::make_unique<io::TableLoader>(
        io::TableTarget{&schema->events[i], &ds.events[i].table, &ds.events[i].record_of,
                        &schema->events[i]},
        schema->record, *ds.strings, keys));
  }

  // Phase 1: open every file.
  std::vector<InputFile> inputs;
  inputs.push_back(InputFile{records_path, 0, {}, {}});
  bool usable = true;
  for (const EventsInput& input : events) {
    auto index = schema->events_index(input.name);
    if (!index) {
      std::vector<std::string> names;
      for (const EventsSchema& e : schema->events) names.push_back(e.name);
      auto builder = diags.data_error(DiagCode::UsageError, DataLocation{input.path, 0, 0, {}},
                                      "no events declaration is named `" + input.name + "`");
      if (auto near = closest_name(input.name, names))
        builder.help("did you mean `" + *near + "`?");
      usable = false;
      continue;
    }
    inputs.push_back(InputFile{input.path, *index + 1, {}, {}});
  }
  for (InputFile& in : inputs) {
    std::string error;
    if (!in.file.open(in.path, error)) {
      diags
          .data_error(DiagCode::DataFileError, DataLocation{in.path, 0, 0, {}},
                      "cannot read `" + in.path + "`: " + error)
          .emit();
      usable = false;
    }
  }
  if (!usable) return std::nullopt;

  // Phase 2: headers against the schema.
  for (InputFile& in : inputs) {
    std::uint64_t header_line = 0;
    if (is_json_lines(in.path)) {
      const TableSchema& table = in.table == 0 ? static_cast<const TableSchema&>(schema->record)
                                               : schema->events[in.table - 1];
      std::vector<std::string> names;
      for (const FieldSchema& f : table.fields) names.push_back(f.name);
      // The join column may also be a field of the events; it is then one source column.
      const std::string& by = in.table != 0 ? schema->events[in.table - 1].by : std::string();
      if (in.table != 0 && std::find(names.begin(), names.end(), by) == names.end()) {
        names.push_back(by);
      }
      in.source = std::make_unique<io::JsonlReader>(in.file.text(), std::move(names));
    } else {
      auto csv = std::make_unique<io::CsvReader>(in.file.text());
      std::string reason;
      if (!csv->read_header(reason)) {
        bool empty = csv->header_line() == 0;
        diags
            .data_error(empty ? DiagCode::MissingColumn : DiagCode::MalformedRow,
                        DataLocation{in.path, empty ? 0 : csv->header_line(), 0, {}}, reason)
            .emit();
        usable = false;
        continue;
      }
      header_line = csv->header_line();
      in.source = std::move(csv);
    }
    for (const io::BadRow& bad : loaders[in.table]->bind(*in.source, in.source->has_header())) {
      report(diags, in.path, header_line, bad);
      usable = false;
    }
  }
  if (!usable) return std::nullopt;

  // Phase 3: rows.
  io::Quarantine quarantine;
  io::RawRow row;
  std::string reason;
  for (InputFile& in : inputs) {
    FileStats stats;
    stats.path = in.path;
    stats.bytes = in.file.size();
    Table& table = in.table == 0 ? ds.records : ds.events[in.table - 1].table;
    std::size_t expected = table.rows + estimate_rows(in.file.text());
    for (Column& column : table.columns) {
      column.reserve(expected);
      std::visit([](auto& v) { io::advise_huge_pages(v.data(), v.capacity() * sizeof(v[0])); },
                 column.data);
    }
    if (in.table != 0) ds.events[in.table - 1].record_of.reserve(expected);
    if (in.table == 0 && key_field.kind == ValueKind::String) keys.reserve_text(expected);
    // Keys and names are usually distinct per row: size the string table for one per row.
    for (const Column& column : table.columns) {
      if (column.kind == ValueKind::String) {
        ds.strings->reserve(expected - table.rows);
        break;
      }
    }

    while (true) {
      io::RowStatus status = in.source->next(row, reason);
      if (status == io::RowStatus::End) break;
      ++stats.rows_read;
      std::optional<io::BadRow> bad;
      if (status == io::RowStatus::Malformed) {
        bad = io::BadRow{DiagCode::MalformedRow, row.bad_column, {}, reason, {}, {}};
      } else {
        bad = loaders[in.table]->add(row, *in.source);
      }
      if (!bad) continue;
      if (options.on_bad_row == BadRowPolicy::Fail) {
        report(diags, in.path, row.line, *bad);
        return std::nullopt;
      }
      ++stats.bad_rows;
      loaders[in.table]->skipped(row);
      quarantine.add(io::QuarantineEntry{in.path, row.line, bad->column, bad->field, bad->code,
                                         bad->reason, row.raw});
    }
    ds.bad_rows += stats.bad_rows;
    ds.files.push_back(std::move(stats));
  }

  // Phase 4: group and order events; give every bitmap its full length.
  for (Column& column : ds.records.columns) column.validity.resize(ds.records.rows);
  for (std::size_t i = 0; i < ds.events.size(); ++i) {
    EventsTable& e = ds.events[i];
    for (Column& column : e.table.columns) column.validity.resize(e.table.rows);
    io::order_events(e, schema->events[i], ds.records.rows);
  }

  // Phase 5: the quarantine file, only when rows were skipped.
  if (quarantine.size() > 0) {
    std::string error;
    if (!quarantine.write(options.quarantine_path, error)) {
      // The skipped rows would be lost without a trace: that is a failed load.
      diags
          .data_error(DiagCode::FileError, DataLocation{options.quarantine_path, 0, 0, {}},
                      "cannot write the quarantine file for " + std::to_string(quarantine.size()) +
                          " skipped rows: " + error)
          .emit();
      return std::nullopt;
    }
    ds.quarantine_path = options.quarantine_path;
  }
  return ds;
}

}  // namespace strata
