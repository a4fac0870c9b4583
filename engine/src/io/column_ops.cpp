// Appending parsed values to columns, comparing stored values and printing them back.
//
// A column's storage vector is picked by its ValueKind (dataset.hpp); these helpers are the one
// place that knows the mapping in both directions, so the loader, key look-ups and messages that
// quote a stored value agree on it.
#include "io/value_parse.hpp"
#include "strata/time.hpp"

namespace strata::io {

void append_value(Column& column, const Scalar& value, StringPool& pool, bool interned) {
  switch (column.kind) {
    case ValueKind::Int:
    case ValueKind::Date:
    case ValueKind::DateTime:
    case ValueKind::Duration:
      std::get<std::vector<std::int64_t>>(column.data).push_back(value.i64);
      break;
    case ValueKind::String:
      std::get<std::vector<std::int32_t>>(column.data)
          .push_back(interned ? static_cast<std::int32_t>(value.i64) : pool.intern(value.text));
      break;
    case ValueKind::Enum:
      std::get<std::vector<std::int32_t>>(column.data)
          .push_back(static_cast<std::int32_t>(value.i64));
      break;
    case ValueKind::Decimal:
      std::get<std::vector<Decimal::Rep>>(column.data).push_back(value.dec.units());
      break;
    case ValueKind::Bool:
      std::get<std::vector<std::uint8_t>>(column.data)
          .push_back(static_cast<std::uint8_t>(value.i64));
      break;
  }
}

void append_missing(Column& column) {
  std::size_t row = column.size();
  std::visit([](auto& v) { v.emplace_back(); }, column.data);
  column.validity.set_missing(row, row + 1);
}

bool equals(const Column& column, std::size_t row, const Scalar& value) {
  switch (column.kind) {
    case ValueKind::Int:
    case ValueKind::Date:
    case ValueKind::DateTime:
    case ValueKind::Duration:
      return std::get<std::vector<std::int64_t>>(column.data)[row] == value.i64;
    case ValueKind::String:
    case ValueKind::Enum:
      return std::get<std::vector<std::int32_t>>(column.data)[row] == value.i64;
    case ValueKind::Decimal:
      return std::get<std::vector<Decimal::Rep>>(column.data)[row] == value.dec.units();
    case ValueKind::Bool:
      return std::get<std::vector<std::uint8_t>>(column.data)[row] == value.i64;
  }
  return false;
}

std::string format_cell(const Column& column, std::size_t row, const FieldSchema& field,
                        const StringPool* pool) {
  if (!column.validity.valid(row)) return {};
  switch (column.kind) {
    case ValueKind::Int:
      return std::to_string(std::get<std::vector<std::int64_t>>(column.data)[row]);
    case ValueKind::Date:
      return timeutil::format_date(std::get<std::vector<std::int64_t>>(column.data)[row]);
    case ValueKind::DateTime:
      return timeutil::format_datetime(std::get<std::vector<std::int64_t>>(column.data)[row]);
    case ValueKind::Duration:
      return timeutil::format_duration(std::get<std::vector<std::int64_t>>(column.data)[row]);
    case ValueKind::String: {
      std::int32_t id = std::get<std::vector<std::int32_t>>(column.data)[row];
      return pool ? std::string(pool->text(id)) : std::string();
    }
    case ValueKind::Enum: {
      auto ordinal =
          static_cast<std::size_t>(std::get<std::vector<std::int32_t>>(column.data)[row]);
      return ordinal < field.enum_members.size() ? field.enum_members[ordinal] : std::string();
    }
    case ValueKind::Decimal:
      return Decimal::from_units(std::get<std::vector<Decimal::Rep>>(column.data)[row]).to_string();
    case ValueKind::Bool:
      return std::get<std::vector<std::uint8_t>>(column.data)[row] ? "true" : "false";
  }
  return {};
}

}  // namespace strata::io
