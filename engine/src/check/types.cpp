// Type names as users read them, model look-ups, and the data schema a rule set reads.
//
// Type names appear in diagnostics ("cannot compare `money` with `duration`"), hover text and
// `--explain`, so they use the spelling of the language (`money`, `datetime`, `int?`) rather than
// the internal kinds, and name the enum or tiering a value belongs to.
#include <algorithm>

#include "check/model.hpp"
#include "check/types.hpp"

namespace strata {

std::string_view type_kind_name(TypeKind kind) {
  switch (kind) {
    case TypeKind::Error:
      return "unknown";
    case TypeKind::Null:
      return "none";
    case TypeKind::Int:
      return "int";
    case TypeKind::Decimal:
      return "decimal";
    case TypeKind::Bool:
      return "bool";
    case TypeKind::String:
      return "string";
    case TypeKind::Date:
      return "date";
    case TypeKind::DateTime:
      return "datetime";
    case TypeKind::Duration:
      return "duration";
    case TypeKind::Period:
      return "period";
    case TypeKind::Enum:
      return "enum";
    case TypeKind::Tier:
      return "tier";
    case TypeKind::Events:
      return "events";
  }
  return "unknown";
}

std::optional<ValueKind> value_kind_of(TypeKind kind) {
  switch (kind) {
    case TypeKind::Int:
      return ValueKind::Int;
    case TypeKind::Decimal:
      return ValueKind::Decimal;
    case TypeKind::Bool:
      return ValueKind::Bool;
    case TypeKind::String:
      return ValueKind::String;
    case TypeKind::Date:
      return ValueKind::Date;
    case TypeKind::DateTime:
      return ValueKind::DateTime;
    case TypeKind::Duration:
      return ValueKind::Duration;
    case TypeKind::Enum:
      return ValueKind::Enum;
    default:
      return std::nullopt;
  }
}

std::string type_name(const Type& type, const Model* names) {
  std::string text;
  if (type.kind == TypeKind::Decimal && type.money) {
    text = "money";
  } else {
    text = std::string(type_kind_name(type.kind));
  }
  if (names != nullptr) {
    if (type.kind == TypeKind::Enum && type.ref < names->enums.size()) {
      text += " " + names->enums[type.ref].name;
    } else if (type.kind == TypeKind::Tier && type.ref < names->tierings.size()) {
      text += " of " + names->tierings[type.ref].name;
    } else if (type.kind == TypeKind::Events && type.ref < names->events.size()) {
      text += " " + names->events[type.ref].name;
    }
  }
  // `none` is already the missing value, and an error type has nothing to add.
  if (type.optional && type.kind != TypeKind::Null && type.kind != TypeKind::Error) text += "?";
  return text;
}

namespace {

template <class Symbols>
std::optional<std::uint32_t> find_by_name(const Symbols& symbols, std::string_view name) {
  // The first declaration wins, as in the checker's namespace; later ones are duplicates.
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    if (symbols[i].name == name) return static_cast<std::uint32_t>(i);
  }
  return std::nullopt;
}

ValueKind value_kind(const Type& type) {
  // Fields never have other kinds once checked.
  return value_kind_of(type.kind).value_or(ValueKind::String);
}

void fill_fields(const Model& model, const std::vector<FieldSymbol>& fields, TableSchema& out) {
  for (const FieldSymbol& f : fields) {
    FieldSchema s;
    s.name = f.name;
    s.kind = value_kind(f.type);
    s.optional = f.type.optional;
    s.money = f.type.money;
    if (f.type.kind == TypeKind::Enum && f.type.ref < model.enums.size()) {
      s.enum_members = model.enums[f.type.ref].members;
    }
    s.range_low = f.range_low;
    s.range_high = f.range_high;
    out.fields.push_back(std::move(s));
  }
}

}  // namespace

std::optional<std::uint32_t> Model::find_let(std::string_view name) const {
  return find_by_name(lets, name);
}
std::optional<std::uint32_t> Model::find_param(std::string_view name) const {
  return find_by_name(params, name);
}
std::optional<std::uint32_t> Model::find_tiering(std::string_view name) const {
  return find_by_name(tierings, name);
}
std::optional<std::uint32_t> Model::find_kpi(std::string_view name) const {
  return find_by_name(kpis, name);
}

std::shared_ptr<const Schema> Model::schema() const {
  auto schema = std::make_shared<Schema>();
  if (record) {
    schema->record.name = record->name;
    fill_fields(*this, record->fields, schema->record);
    schema->record.key_field = record->key_field;
  }
  for (const EventsSymbol& e : events) {
    EventsSchema s;
    s.name = e.name;
    s.by = e.by;
    fill_fields(*this, e.fields, s);
    if (e.time_field) s.time_field = *e.time_field;
    schema->events.push_back(std::move(s));
  }
  return schema;
}

}  // namespace strata
