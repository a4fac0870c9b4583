// A case's population: customers written inline (with their events nested under them) or data
// files, built into a Dataset with every check of data input.
//
//   customers:
//     - id: C1
//       revenue: 1000
//       events:
//         Order:
//           - {at: 2026-10-01T10:00:00, amount: 100}
//
// An event written under a customer belongs to it: the join column is filled from the customer's
// key, and writing it is an error. Fields a customer leaves out are taken from `defaults:`.
#include <algorithm>

#include "strata/inline_data.hpp"
#include "testing/suite_loader.hpp"

namespace strata::testfile {

namespace {

std::vector<std::string> field_names(const TableSchema& table) {
  std::vector<std::string> names;
  for (const FieldSchema& f : table.fields) names.push_back(f.name);
  return names;
}

// One `field: value` cell of a record or an event; false (reported) when it cannot be used.
bool read_cell(SuiteContext& ctx, const Entry& e, const TableSchema& table, InlineRow& row) {
  if (!table.field_index(e.key)) {
    ctx.reader.unknown(e.where, "`" + table.name + "` has no field `" + e.key + "`", e.key,
                       field_names(table));
    return false;
  }
  const auto text = ctx.reader.scalar(e.value, "the value of `" + e.key + "`", e.where);
  if (!text) return false;
  DataLocation where = ctx.reader.at(e.value, e.where);
  where.field = e.key;
  row.cells.push_back(InlineCell{e.key, *text, where});
  return true;
}

void read_events(SuiteContext& ctx, const Entry& entry, const InlineCell& key, InlineData& data) {
  const Schema& schema = ctx.rules.schema();
  std::vector<std::string> names;
  for (const EventsSchema& es : schema.events) names.push_back(es.name);
  for (const Entry& per_name : ctx.reader.entries(entry.value, "`events`", entry.where)) {
    const auto index = schema.events_index(per_name.key);
    if (!index) {
      ctx.reader.unknown(per_name.where, "the rule set declares no events `" + per_name.key + "`",
                         per_name.key, names);
      continue;
    }
    const EventsSchema& es = schema.events[*index];
    for (const YAML::Node& node :
         ctx.reader.sequence(per_name.value, "`" + es.name + "`", per_name.where)) {
      InlineRow row;
      row.where = ctx.reader.at(node, per_name.where);
      bool ok = true;
      for (const Entry& e : ctx.reader.entries(node, "an event", row.where)) {
        if (e.key == es.by && !es.field_index(e.key)) {
          ctx.reader.error(
              DiagCode::BadTestFile, e.where,
              "`" + es.by + "` is implied: this event is written under customer `" + key.text + "`",
              "remove `" + es.by + "`; an event belongs to the customer it is under");
          ok = false;
          continue;
        }
        ok = read_cell(ctx, e, es, row) && ok;
      }
      if (!ok) continue;
      if (!es.field_index(es.by)) row.cells.push_back(InlineCell{es.by, key.text, key.where});
      data.events[*index].push_back(std::move(row));
    }
  }
}

}  // namespace

void read_defaults(SuiteContext& ctx, const Entry& entry, Defaults& into) {
  const RecordSchema& record = ctx.rules.schema().record;
  for (const Entry& e : ctx.reader.entries(entry.value, "`defaults`", entry.where)) {
    InlineRow scratch;
    if (!read_cell(ctx, e, record, scratch)) continue;
    into[e.key] = {scratch.cells.front().text, scratch.cells.front().where};
  }
}

std::shared_ptr<const Dataset> read_customers(SuiteContext& ctx, const Entry& entry,
                                              const Defaults& defaults) {
  const Schema& schema = ctx.rules.schema();
  const RecordSchema& record = schema.record;
  const std::string& key_name = record.fields[record.key_field].name;
  InlineData data;
  data.events.resize(schema.events.size());
  const std::size_t errors_before = ctx.reader.diags().error_count();
  bool ok = true;
  for (const YAML::Node& node : ctx.reader.sequence(entry.value, "`customers`", entry.where)) {
    InlineRow row;
    row.where = ctx.reader.at(node, entry.where);
    const Entry* events = nullptr;
    const auto entries = ctx.reader.entries(node, "a customer", row.where);
    for (const Entry& e : entries) {
      if (e.key == "events") {
        events = &e;
        continue;
      }
      ok = read_cell(ctx, e, record, row) && ok;
    }
    if (!node.IsMap()) {
      ok = false;
      continue;
    }
    for (const auto& [field, value] : defaults) {
      const bool set = std::any_of(row.cells.begin(), row.cells.end(),
                                   [&](const InlineCell& c) { return c.field == field; });
      if (!set) row.cells.push_back(InlineCell{field, value.first, value.second});
    }
    const auto key = std::find_if(row.cells.begin(), row.cells.end(), [&](const InlineCell& c) {
      return c.field == key_name && !c.text.empty();
    });
    if (key == row.cells.end()) {
      ctx.reader.error(DiagCode::BadTestFile, row.where, "this customer has no `" + key_name + "`",
                       "every customer needs its key `" + key_name + "`: expectations name it");
      ok = false;
      continue;
    }
    if (events) read_events(ctx, *events, *key, data);
    data.records.push_back(std::move(row));
  }
  if (!ok || ctx.reader.diags().error_count() != errors_before) return nullptr;
  auto dataset = load_inline(ctx.rules.schema_ptr(), data, ctx.reader.diags());
  if (!dataset) {
    ctx.reader.mark_failed();  // load_inline reported why, at the cells
    return nullptr;
  }
  return std::make_shared<const Dataset>(std::move(*dataset));
}

std::shared_ptr<const Dataset> read_data_files(SuiteContext& ctx, const Entry& entry) {
  RuleSet::DataFiles files;
  bool has_records = false;
  const std::size_t errors_before = ctx.reader.diags().error_count();
  auto path_of = [&](const Entry& e) -> std::optional<std::string> {
    const auto text = ctx.reader.scalar(e.value, "a data file", e.where);
    if (!text) return std::nullopt;
    if (text->empty()) {
      ctx.reader.error(DiagCode::BadTestFile, e.where, "no file is named here",
                       "write a path relative to the test file");
      return std::nullopt;
    }
    return (ctx.folder / *text).lexically_normal().string();
  };
  for (const Entry& e : ctx.reader.entries(entry.value, "`data`", entry.where)) {
    if (e.key == "records") {
      if (auto p = path_of(e)) files.records = *p;
      has_records = true;
    } else if (e.key == "events") {
      std::vector<std::string> names;
      for (const EventsSchema& es : ctx.rules.schema().events) names.push_back(es.name);
      for (const Entry& ev : ctx.reader.entries(e.value, "`events`", e.where)) {
        if (!ctx.rules.schema().events_index(ev.key)) {
          ctx.reader.unknown(ev.where, "the rule set declares no events `" + ev.key + "`", ev.key,
                             names);
          continue;
        }
        if (auto p = path_of(ev)) files.events.push_back({ev.key, *p});
      }
    } else {
      ctx.reader.error(DiagCode::BadTestFile, e.where, "unknown key `" + e.key + "` in `data`",
                       "`data` has `records:` (the record file) and `events:` (NAME: file)");
    }
  }
  if (!has_records && entry.value.IsMap()) {
    ctx.reader.error(DiagCode::BadTestFile, entry.where, "`data` names no `records:` file",
                     "add `records: PATH` (CSV or JSON Lines), relative to the test file");
  }
  if (ctx.reader.diags().error_count() != errors_before) return nullptr;
  auto dataset = ctx.rules.load(files, ctx.reader.diags());
  if (!dataset) {
    ctx.reader.mark_failed();  // the loader reported why, at the file's line and column
    return nullptr;
  }
  return std::make_shared<const Dataset>(std::move(*dataset));
}

}  // namespace strata::testfile
