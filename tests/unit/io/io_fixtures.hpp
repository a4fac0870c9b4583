// Shared pieces of the data-input tests: the sample schema (the retail customer and its orders,
// as in rules/retail/customer.strata), paths to fixtures, scratch files and a load helper.
#pragma once

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "io/value_parse.hpp"
#include "strata/dataset.hpp"
#include "strata/diagnostic.hpp"
#include "test_support.hpp"

namespace strata::testing::io {

inline FieldSchema field(std::string name, ValueKind kind, bool optional = false) {
  FieldSchema f;
  f.name = std::move(name);
  f.kind = kind;
  f.optional = optional;
  return f;
}

// record Customer key id { id: string, name: string, industry: enum {...}, employees: int?,
//                          signed_on: date?, nps: int? in 0..10, revenue: money }
// events Order of Customer by customer_id { at: datetime?, amount: money }
inline std::shared_ptr<Schema> customer_schema() {
  auto s = std::make_shared<Schema>();
  s->record.name = "Customer";
  s->record.fields = {field("id", ValueKind::String),
                      field("name", ValueKind::String),
                      field("industry", ValueKind::Enum),
                      field("employees", ValueKind::Int, true),
                      field("signed_on", ValueKind::Date, true),
                      field("nps", ValueKind::Int, true),
                      field("revenue", ValueKind::Decimal)};
  s->record.fields[2].enum_members = {"ict",       "manufacturing", "retail", "education",
                                      "logistics", "healthcare",    "other"};
  s->record.fields[5].range_low = Decimal::from_int(0);
  s->record.fields[5].range_high = Decimal::from_int(10);
  s->record.fields[6].money = true;
  s->record.key_field = 0;
  EventsSchema order;
  order.name = "Order";
  order.by = "customer_id";
  order.fields = {field("at", ValueKind::DateTime, true), field("amount", ValueKind::Decimal)};
  order.time_field = 0;
  s->events.push_back(order);
  return s;
}

inline std::filesystem::path data_dir() {
  return std::filesystem::path(STRATA_SOURCE_DIR) / "tests" / "data" / "io";
}

using strata::testing::scratch_dir;

inline std::string scratch_file(const std::string& name, const std::string& content) {
  auto path = scratch_dir() / name;
  std::ofstream out(path, std::ios::binary);
  out << content;
  return path.string();
}

struct LoadResult {
  std::optional<Dataset> data;
  Diagnostics diags;
};

inline LoadResult load(std::shared_ptr<Schema> schema, const std::string& records,
                       const std::vector<EventsInput>& events = {},
                       BadRowPolicy policy = BadRowPolicy::Fail,
                       const std::string& quarantine = {}) {
  LoadResult r;
  LoadOptions options;
  options.on_bad_row = policy;
  options.quarantine_path =
      quarantine.empty() ? (scratch_dir() / "quarantine.jsonl").string() : quarantine;
  r.data = load_dataset(std::move(schema), records, events, options, r.diags);
  return r;
}

// The text of column `field` at `row` of a table, "" when missing.
inline std::string cell(const Dataset& data, const Table& table, const TableSchema& schema,
                        std::size_t field, std::size_t row) {
  return strata::io::format_cell(table.columns[field], row, schema.fields[field],
                                 data.strings.get());
}

}  // namespace strata::testing::io
