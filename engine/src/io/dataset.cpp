// Storage types of a loaded dataset: validity bitmaps, typed columns, schema look-ups and the
// Dataset's key helpers (the string pool is in string_pool.cpp).
//
// Validity keeps one invariant that makes it cheap when nothing is missing: a bit that was never
// cleared is set. The bitmap stays empty until the first missing value, and whenever it grows the
// new words are all ones, so appending present values never touches it.
#include <algorithm>

#include "io/value_parse.hpp"
#include "strata/dataset.hpp"
#include "strata/time.hpp"

namespace strata {

std::string_view value_kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::Int:
      return "int";
    case ValueKind::Decimal:
      return "decimal";
    case ValueKind::Bool:
      return "bool";
    case ValueKind::String:
      return "string";
    case ValueKind::Date:
      return "date";
    case ValueKind::DateTime:
      return "datetime";
    case ValueKind::Duration:
      return "duration";
    case ValueKind::Enum:
      return "enum";
  }
  return "?";
}

std::optional<std::size_t> TableSchema::field_index(std::string_view field) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == field) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> Schema::events_index(std::string_view name) const {
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].name == name) return i;
  }
  return std::nullopt;
}

// ---- Validity -----------------------------------------------------------------------------------

void Validity::set_missing(std::size_t row, std::size_t row_count) {
  std::size_t needed = (std::max(row + 1, row_count) + 63) / 64;
  if (words_.size() < needed) words_.resize(needed, ~std::uint64_t(0));
  words_[row >> 6] &= ~(std::uint64_t(1) << (row & 63));
}

void Validity::set_valid_all(std::size_t) {
  words_.clear();
}

void Validity::resize(std::size_t row_count) {
  if (words_.empty()) return;  // still "all present"
  words_.resize((row_count + 63) / 64, ~std::uint64_t(0));
}

void Validity::permute(const std::vector<std::uint32_t>& order) {
  if (words_.empty()) return;
  std::vector<std::uint64_t> moved((order.size() + 63) / 64, ~std::uint64_t(0));
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (!valid(order[i])) moved[i >> 6] &= ~(std::uint64_t(1) << (i & 63));
  }
  words_ = std::move(moved);
}

// ---- Column and Table ---------------------------------------------------------------------------

Column Column::make(ValueKind kind) {
  Column c;
  c.kind = kind;
  switch (kind) {
    case ValueKind::Int:
    case ValueKind::Date:
    case ValueKind::DateTime:
    case ValueKind::Duration:
      c.data = std::vector<std::int64_t>{};
      break;
    case ValueKind::String:
    case ValueKind::Enum:
      c.data = std::vector<std::int32_t>{};
      break;
    case ValueKind::Decimal:
      c.data = std::vector<Decimal::Rep>{};
      break;
    case ValueKind::Bool:
      c.data = std::vector<std::uint8_t>{};
      break;
  }
  return c;
}

std::size_t Column::size() const {
  return std::visit([](const auto& v) { return v.size(); }, data);
}

std::size_t Column::memory_bytes() const {
  std::size_t bytes = std::visit(
      [](const auto& v) {
        return v.capacity() * sizeof(typename std::decay_t<decltype(v)>::value_type);
      },
      data);
  return bytes + validity.memory_bytes();
}

void Column::reserve(std::size_t rows) {
  std::visit([rows](auto& v) { v.reserve(rows); }, data);
}

std::size_t Table::memory_bytes() const {
  std::size_t bytes = 0;
  for (const Column& c : columns) bytes += c.memory_bytes();
  return bytes;
}

// ---- Dataset ------------------------------------------------------------------------------------

std::size_t Dataset::memory_bytes() const {
  std::size_t bytes = records.memory_bytes();
  for (const EventsTable& e : events) {
    bytes += e.table.memory_bytes();
    bytes += e.record_of.capacity() * sizeof(std::uint32_t);
    bytes += e.offsets.capacity() * sizeof(std::uint64_t);
  }
  if (strings) bytes += strings->memory_bytes();
  return bytes;
}

std::optional<std::size_t> Dataset::find_key(std::string_view key) const {
  // A linear scan of one column: look-ups by key are rare (one customer to explain), and a
  // permanent index would double the memory of the key column.
  if (!schema || records.columns.empty()) return std::nullopt;
  const FieldSchema& field = schema->record.fields[schema->record.key_field];
  const Column& column = records.columns[schema->record.key_field];
  io::Scalar wanted;
  if (io::parse_value(field.kind, key, wanted, &field.enum_members) != io::ParseStatus::Ok) {
    return std::nullopt;
  }
  if (field.kind == ValueKind::String) {
    auto id = strings ? strings->find(key) : std::nullopt;
    if (!id) return std::nullopt;
    wanted.i64 = *id;
  }
  for (std::size_t row = 0; row < records.rows; ++row) {
    if (column.validity.valid(row) && io::equals(column, row, wanted)) return row;
  }
  return std::nullopt;
}

std::string Dataset::key_text(std::size_t row) const {
  const FieldSchema& field = schema->record.fields[schema->record.key_field];
  return io::format_cell(records.columns[schema->record.key_field], row, field, strings.get());
}

}  // namespace strata
